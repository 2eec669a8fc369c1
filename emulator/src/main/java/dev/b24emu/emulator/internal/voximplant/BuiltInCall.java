package dev.b24emu.emulator.internal.voximplant;

import dev.b24emu.emulator.internal.transport.Endpoints;

import java.time.Instant;

/**
 * A call through the portal's own telephony while it runs on the portal's clock: a callback, an infocall, or an
 * incoming or outgoing call on a rented number or SIP line started through the control API. Its whole course is
 * known when it starts (from how the callee behaves); ticks of the clock move it along: answered at
 * {@code answerAt} (OnVoximplantCallStart), ended at {@code endAt} (the statistics record, OnVoximplantCallEnd).
 *
 * @param callType     CALL_TYPE: 1 outgoing, 2 incoming, 4 callback, 5 infocall
 * @param line         the line (rented number, reg…, sip…) the call goes through: PORTAL_NUMBER
 * @param phoneNumber  the client's number
 * @param userId       the employee of the call (PORTAL_USER_ID), or null for an incoming call nobody took
 * @param answerAt     when the conversation starts, or null when it never does
 * @param started      whether OnVoximplantCallStart was sent
 * @param actingUserId whose action started it, or 0 (kept in state files; the call's events carry no user's token:
 *                     the telephony cloud's hits fire them, D156)
 * @param endpoints    the address of the request that started it (the events' auth block)
 */
public record BuiltInCall(String callId, Kind kind, int callType, String line, String phoneNumber, Long userId,
                          Instant startedAt, Instant answerAt, Instant endAt, String failedCode, String failedReason,
                          double cost, String sessionId, boolean started, long actingUserId, Endpoints endpoints) {

    public enum Kind { INCOMING, OUTGOING, CALLBACK, INFOCALL }

    BuiltInCall withStarted() {
        return new BuiltInCall(callId, kind, callType, line, phoneNumber, userId, startedAt, answerAt, endAt,
                failedCode, failedReason, cost, sessionId, true, actingUserId, endpoints);
    }

    /** When the call next changes by itself: its answer, or else its end. */
    Instant nextChange() {
        return !started && answerAt != null ? answerAt : endAt;
    }

    /** CALL_DURATION: the conversation, from the answer to the end. */
    public long duration() {
        return answerAt == null ? 0 : Math.max(0, endAt.getEpochSecond() - answerAt.getEpochSecond());
    }
}
