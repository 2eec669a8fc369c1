package dev.b24emu.emulator.internal.followup;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user who took part in the call (api-reference/telephony/follow-up/fields.md#participant). Display data the seed
 * leaves out (name) comes from the user's profile when the follow-up is read, as the server "enriches" it.
 *
 * @param talkedSeconds how long the user spoke, or null when unknown
 * @param name          the name to show instead of the profile's, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Participant(long userId, Long talkedSeconds, String name, String avatar, String workPosition) {
}
