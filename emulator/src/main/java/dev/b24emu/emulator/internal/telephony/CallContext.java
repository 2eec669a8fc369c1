package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.transport.Endpoints;

/**
 * Who caused a change to a call, as the events it produces need to know.
 *
 * @param actingUserId  the user whose action it was (deliveries carry this user's token)
 * @param authConnector the source key of the request (offline handlers with the same key skip the echo), or null
 * @param endpoints     the address of the request that caused it
 */
public record CallContext(long actingUserId, String authConnector, Endpoints endpoints) {
}
