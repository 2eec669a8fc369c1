package dev.b24emu.emulator.internal.voximplant;

import java.time.Instant;

/**
 * One record of the call statistics (api-reference/telephony/voximplant/voximplant-statistic-get.md), as stored:
 * typed values, written once when a call ends. A record of an external call ({@code external}) takes its
 * RECORD_FILE_ID, TRANSCRIPT_ID and REST_APP_NAME from the telephony and apps stores when it is read, because a
 * record or a transcript is attached after the call was finished.
 *
 * @param portalUserId the operator of the call, or null when nobody took it
 * @param appKey       the application of an external call ("" for a webhook), null for built-in calls
 * @param callLog      the Voximplant log URL of a built-in call; the emulator has none, so null
 * @param vote         CALL_VOTE, null when the call had no rating
 */
public record StatRow(long id, String callId, String externalCallId, String category, Long portalUserId,
                      String portalNumber, String phoneNumber, int callType, long duration, Instant startDate,
                      String callLog, String recordUrl, Integer vote, double cost, String costCurrency,
                      String failedCode, String failedReason, String crmEntityType, Long crmEntityId,
                      Long crmActivityId, String appKey, String sessionId, Integer redialAttempt, boolean external) {
}
