package dev.b24emu.emulator.internal.telephony;

import java.util.List;

/**
 * What register answers.
 *
 * @param reused            true when an open call was found by the 30-minute rule and returned again
 * @param leadCreationError why automatic creation failed, or null
 * @param dropped           the oldest open calls the new one pushed past the portal's bound (none, nearly always)
 */
public record RegisterResult(Call call, boolean reused, String leadCreationError, List<Call> dropped) {
}
