package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.crm.CrmRef;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A registered call that has not been finished yet.
 *
 * @param appKey          the application that registered it ({@link TelephonyStore#WEBHOOK_APP} for webhooks)
 * @param phoneNumber     PHONE_NUMBER stripped to [0-9#*+,;]
 * @param lineNumber      LINE_NUMBER as given (trimmed), or null
 * @param startDate       CALL_START_DATE, or the registration time; the 30-minute reuse window runs from it
 * @param crm             false for internal calls (the number is an employee's inner number)
 * @param primary         the main CRM object of the call, or null
 * @param bindings        every CRM object the call is bound to, primary first
 * @param createdEntities what register created in the CRM for this call
 * @param shownTo         the users whose call card is open
 */
public record Call(
        String callId,
        String appKey,
        long userId,
        String phoneNumber,
        int type,
        String lineNumber,
        String externalCallId,
        Instant startDate,
        boolean crm,
        CrmRef primary,
        List<CrmRef> bindings,
        List<CrmRef> createdEntities,
        Long createdLeadId,
        Long callListId,
        Set<Long> shownTo) {

    public Call {
        bindings = List.copyOf(bindings);
        createdEntities = List.copyOf(createdEntities);
        shownTo = shared(shownTo);
    }

    /**
     * The sets of one user 0-255, shared by the calls shown to one user (nearly all of them): one object less per
     * open call for every young collection to copy until the call is promoted. Register under load keeps the
     * portal's 20,000 open calls, and copying them was most of each young pause (bench/RESULTS.md). Filled as
     * needed; two threads filling one slot at once make equal sets, either of which may stay.
     */
    @SuppressWarnings("unchecked")
    private static final Set<Long>[] ONE_USER = new Set[256];

    private static Set<Long> shared(Set<Long> users) {
        if (users.size() != 1) {
            return Set.copyOf(users);
        }
        long user = users.iterator().next();
        if (user < 0 || user >= ONE_USER.length) {
            return Set.copyOf(users);
        }
        Set<Long> one = ONE_USER[(int) user];
        if (one == null) {
            ONE_USER[(int) user] = one = Set.of(user);
        }
        return one;
    }

    public boolean incoming() {
        return type == CallType.INCOMING || type == CallType.INCOMING_REDIRECTED;
    }

    /** The call bound to another client: it becomes the primary object and the first binding. */
    public Call withPrimary(CrmRef entity) {
        List<CrmRef> rebound = new java.util.ArrayList<>(bindings);
        rebound.remove(entity);
        rebound.add(0, entity);
        return new Call(callId, appKey, userId, phoneNumber, type, lineNumber, externalCallId, startDate, crm,
                entity, rebound, createdEntities, createdLeadId, callListId, shownTo);
    }

    public Call withShownTo(Set<Long> users) {
        return new Call(callId, appKey, userId, phoneNumber, type, lineNumber, externalCallId, startDate, crm,
                primary, bindings, createdEntities, createdLeadId, callListId, users);
    }

    /** The reuse key of the 30-minute rule; LINE_NUMBER and EXTERNAL_CALL_ID are compared only when passed. */
    record ReuseKey(String appKey, long userId, String phoneNumber, int type) {
        boolean matches(Call call) {
            return userId == call.userId && type == call.type && phoneNumber.equals(call.phoneNumber)
                    && appKey.equals(call.appKey);
        }
    }
}
