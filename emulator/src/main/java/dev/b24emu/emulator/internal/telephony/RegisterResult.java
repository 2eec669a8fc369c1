package dev.b24emu.emulator.internal.telephony;

/**
 * What register answers.
 *
 * @param reused            true when an open call was found by the 30-minute rule and returned again
 * @param leadCreationError why automatic creation failed, or null
 */
public record RegisterResult(Call call, boolean reused, String leadCreationError) {
}
