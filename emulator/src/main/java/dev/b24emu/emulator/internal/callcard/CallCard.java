package dev.b24emu.emulator.internal.callcard;

import dev.b24emu.emulator.internal.crm.CrmRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The call card one user has open for one call, with what a CALL_CARD widget sees of it.
 *
 * @param entity            the client the card shows (may differ from the call's after binding or in call-list mode)
 * @param phone             the client's number, "unknown" when the client has none
 * @param autoCloseDisabled whether the widget called disableAutoClose
 * @param closeAt           when a pending close happens (the call ended with auto-close disabled), or null
 * @param callListId        the call list the card works through, or null
 */
public record CallCard(String callId, long userId, String state, CrmRef entity, String phone,
                       boolean autoCloseDisabled, Instant closeAt, boolean callEnded, boolean closed,
                       Long callListId, List<CallCardEvent> events) {
    static final int MAX_EVENTS = 200;

    public CallCard {
        events = List.copyOf(events);
    }

    String key() {
        return key(callId, userId);
    }

    static String key(String callId, long userId) {
        return callId + "/" + userId;
    }

    CallCard withState(String newState) {
        return new CallCard(callId, userId, newState, entity, phone, autoCloseDisabled, closeAt, callEnded, closed,
                callListId, events);
    }

    CallCard withEntity(CrmRef newEntity, String newPhone) {
        return new CallCard(callId, userId, state, newEntity, newPhone, autoCloseDisabled, closeAt, callEnded, closed,
                callListId, events);
    }

    CallCard withClosing(boolean disabled, Instant at, boolean ended, boolean isClosed) {
        return new CallCard(callId, userId, state, entity, phone, disabled, at, ended, isClosed, callListId, events);
    }

    CallCard withEvent(CallCardEvent event) {
        List<CallCardEvent> more = new ArrayList<>(events);
        more.add(event);
        if (more.size() > MAX_EVENTS) {
            more.remove(0);
        }
        return new CallCard(callId, userId, state, entity, phone, autoCloseDisabled, closeAt, callEnded, closed,
                callListId, more);
    }
}
