package dev.b24emu.emulator.internal.events;

/**
 * A handler bound with event.bind.
 *
 * @param event         the event name, upper-cased as the server stores it
 * @param authUserId    auth_type: the user whose token the delivery carries; 0 means the user who caused the event
 * @param authConnector the source key of an offline handler: events caused by requests with it are not queued
 * @param minTimeout    an OnOfflineEvent handler's options.minTimeout: the seconds after a notification before the
 *                      next (on-offline-event.md: 1 by default; 0 one per request, as a handler of a state file
 *                      written before it was kept has it)
 */
public record EventHandler(long id, String event, String handler, String appKey, long authUserId, boolean offline,
                           String authConnector, int minTimeout) {
}
