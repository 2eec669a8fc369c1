package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmActivities;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.portal.Portal;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * telephony.externalCall.finish: closes the card, writes the CRM call activity, hands auto-created objects to
 * the finishing user and moves the call into the statistics, after which it can never be reused or finished again.
 */
public final class CallCompletion {
    /** How a call activity names its call in ORIGIN_ID, as the real server writes it: VI_ and the CALL_ID. */
    public static final String ACTIVITY_ORIGIN = "VI_";

    static final String SUCCESS = "200";
    static final String MISSED = "304";
    /** Bitrix\Crm\Activity\StatisticsStream and StatisticsMark, what a call activity's RESULT_STREAM and _MARK hold */
    private static final int STREAM_INCOMING = 1;
    private static final int STREAM_OUTGOING = 2;
    private static final int STREAM_REVERSING = 3;
    private static final int STREAM_MISSING = 4;
    private static final int MARK_NONE = 0;
    private static final int MARK_NEGATIVE = 1;
    private static final int MARK_POSITIVE = 2;

    private final Portal portal;
    /** who finishes the call: who the CRM changes it makes are made by */
    private final Origin origin;

    public CallCompletion(Portal portal, Origin origin) {
        this.portal = portal;
        this.origin = origin;
    }

    public FinishedCall finish(FinishRequest request) {
        long userId = CallUsers.resolveId(portal.store(UserStore.class), request.userId(), request.userPhoneInner());
        String callId = request.callId().orElseThrow(TelephonyErrors::callIdNotString);
        return portal.exclusive(() -> {
            Call call = portal.store(TelephonyStore.class).active(callId).orElseThrow(TelephonyErrors::callNotFound);
            CallUsers.requireActive(portal.store(UserStore.class), userId);
            long duration = request.duration(); // (int) as the server casts it, a negative value kept
            String status = request.statusCode() == null || request.statusCode().isBlank()
                    ? (duration > 0 ? SUCCESS : MISSED) : request.statusCode().trim();
            Instant now = portal.now();
            Long activityId = call.crm() && call.primary() != null
                    ? writeActivity(call, userId, duration, status, request.vote()) : null;
            String nowIso = portal.iso(now);
            for (CrmRef created : call.createdEntities()) {
                ObjectNode reassign = JsonNodeFactory.instance.objectNode().put("ASSIGNED_BY_ID", Long.toString(userId));
                portal.store(CrmStore.class).update(created, reassign, userId, origin, nowIso);
            }
            boolean addToChat = request.addToChat() == null ? portal.settings().addToChatDefault() : request.addToChat();
            var draft = new TelephonyStore.FinishedCallDraft(userId, duration, request.cost(),
                    request.costCurrency(), status, request.failedReason(), vote(request.vote()),
                    request.recordUrl(), addToChat, activityId, now);
            // the real finish hides the finishing user's card only; others stay until hide (D86)
            Set<Long> stillShown = new java.util.HashSet<>(call.shownTo());
            if (portal.settings().finishHidesAllCards()) {
                stillShown.clear();
            } else {
                stillShown.remove(userId);
            }
            return portal.store(TelephonyStore.class).finish(call.withShownTo(stillShown), draft);
        });
    }

    /**
     * The call activity, written as CVoxImplantCrmHelper::AddCall writes it (D160): bound to the call's CRM bindings,
     * the first its owner; created, started and due at the call's start and end; completed unless an incoming call
     * or a callback was missed, which SETTINGS marks MISSED_CALL; its RESULT_STREAM incoming, outgoing or reversing (a callback) for
     * a call that connected, missing otherwise; its RESULT_MARK from the call's VOTE.
     */
    private long writeActivity(Call call, long userId, long duration, String status, long vote) {
        boolean incoming = call.incoming();
        // AddCall reads a missed call of an incoming call or a callback only (a redirected one is completed)
        boolean missed = (call.type() == CallType.INCOMING || call.type() == CallType.CALLBACK) && MISSED.equals(status);
        var communication = new CrmActivities.Communication(call.primary(), "PHONE", call.phoneNumber());
        List<CrmRef> bindings = call.bindings().isEmpty() ? List.of(call.primary()) : List.copyOf(call.bindings());
        Instant end = call.startDate().plusSeconds(Math.max(0, duration));
        var draft = new CrmActivities.Draft(bindings.get(0), CrmActivities.CALL,
                (incoming ? "Incoming call from " : "Outgoing call to ") + call.phoneNumber(), !missed, userId,
                incoming ? 1 : 2, call.startDate(), end, List.of(communication), bindings);
        ObjectNode fields = CrmActivities.stored(portal, draft, userId).put("ORIGIN_ID", ACTIVITY_ORIGIN + call.callId());
        fields.put("CREATED", portal.iso(call.startDate())); // PRESERVE_CREATION_TIME: the call's start
        fields.put("DEADLINE", portal.iso(end));
        if (missed) {
            fields.putObject("SETTINGS").put("MISSED_CALL", true);
        }
        fields.put("RESULT_STREAM", Integer.toString(!SUCCESS.equals(status) ? STREAM_MISSING
                : call.type() == CallType.CALLBACK ? STREAM_REVERSING : incoming ? STREAM_INCOMING : STREAM_OUTGOING));
        fields.put("RESULT_MARK", Integer.toString(vote > 3 ? MARK_POSITIVE : vote > 0 ? MARK_NEGATIVE : MARK_NONE));
        return portal.store(CrmStore.class).addActivity(fields, origin);
    }

    /**
     * VOTE as the real server keeps it: cast to an integer and stored unchecked, so 6 or -2 come back as given (D27 answers
     * it and warns); only what an int cannot hold is held at its ends
     */
    private static int vote(long vote) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, vote));
    }
}
