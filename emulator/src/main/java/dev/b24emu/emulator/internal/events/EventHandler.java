package dev.b24emu.emulator.internal.events;

/**
 * A handler bound with event.bind.
 *
 * @param event         the event name, upper-cased as the server stores it
 * @param authUserId    auth_type: the user whose token the delivery carries; 0 means the user who caused the event
 * @param authConnector the source key of an offline handler: events caused by requests with it are not queued
 */
public record EventHandler(long id, String event, String handler, String appKey, long authUserId, boolean offline,
                           String authConnector) {
}
