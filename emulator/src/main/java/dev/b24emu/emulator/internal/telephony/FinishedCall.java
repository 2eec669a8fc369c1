package dev.b24emu.emulator.internal.telephony;

import java.time.Instant;

/** A row of the call statistics, written by telephony.externalCall.finish. */
public record FinishedCall(
        long id,
        Call call,
        long portalUserId,
        long duration,
        double cost,
        String costCurrency,
        String statusCode,
        String failedReason,
        int vote,
        String recordUrl,
        boolean addedToChat,
        Long crmActivityId,
        Instant finishedAt) {

    public int callStatus() {
        return duration > 0 ? 1 : 0;
    }
}
