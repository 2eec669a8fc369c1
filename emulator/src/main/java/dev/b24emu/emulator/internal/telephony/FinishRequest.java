package dev.b24emu.emulator.internal.telephony;

import java.util.Optional;

/**
 * telephony.externalCall.finish's parameters after PHP's casts.
 *
 * @param callId     CALL_ID when it was sent as a string, empty otherwise
 * @param statusCode STATUS_CODE, or null to take the default from DURATION
 * @param addToChat  ADD_TO_CHAT when sent, or null to take the portal's default
 */
public record FinishRequest(
        long userId,
        String userPhoneInner,
        Optional<String> callId,
        long duration,
        double cost,
        String costCurrency,
        String statusCode,
        String failedReason,
        String recordUrl,
        long vote,
        Boolean addToChat) {
}
