package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.ActivityBindings;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.events.EventNames;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.RandomHex;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.telephony.CallActivity;
import dev.b24emu.emulator.internal.telephony.CallListener;
import dev.b24emu.emulator.internal.telephony.FinishedCall;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;
import dev.b24emu.emulator.internal.transport.Endpoints;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Calls through the portal's own telephony, run on the portal's clock: a callback or an infocall started by REST, an
 * incoming or outgoing call on a rented number or SIP line started by the control API. Each sends
 * OnVoximplantCallInit when it starts, OnVoximplantCallStart when the conversation starts (never for an infocall:
 * no employee talks) and OnVoximplantCallEnd when it ends, when its statistics record is written
 * (api-reference/telephony/voximplant/events/*.md; specs/DECISIONS.md D66, D67). The server ticks every portal once a
 * second; readers of the statistics tick first, so a moved clock shows at once.
 * <p>
 * It also hears of external calls: telephony.externalCall.finish writes their statistics record (CallListener).
 */
public final class BuiltInCalls implements CallListener {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EventPublisher publisher;

    public BuiltInCalls(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** What starts a built-in call: its kind, line, the client's number, the employee, and how the client behaves. */
    public record Start(BuiltInCall.Kind kind, String line, String phoneNumber, Long userId, Callee callee,
                        long actingUserId, Endpoints endpoints) {
    }

    @Override
    public void ended(Portal portal, FinishedCall row) {
        portal.store(CallStatistics.class).add(CallStatistics.external(row));
    }

    /** Starts a call: OnVoximplantCallInit now, the rest on the portal's clock. */
    public BuiltInCall start(Portal portal, Start start) {
        Instant now = portal.now();
        Callee callee = start.callee();
        Instant reacts = now.plusSeconds(callee.afterSeconds());
        boolean answered = callee.outcome() == Callee.Outcome.ANSWER;
        // an incoming call nobody took has no operator
        Long userId = start.kind() == BuiltInCall.Kind.INCOMING && !answered ? null : start.userId();
        BuiltInCall call = new BuiltInCall(callId(start.kind(), now), start.kind(), callType(start.kind()), start.line(),
                start.phoneNumber(), userId, now, answered ? reacts : null,
                answered ? reacts.plusSeconds(callee.talkSeconds()) : reacts, callee.failedCode(), callee.failedReason(),
                callee.cost(), Long.toString(1_000_000_000L + RANDOM.nextLong(9_000_000_000L)), false,
                start.actingUserId(), start.endpoints());
        portal.store(VoximplantStore.class).putLive(call);
        publish(portal, call, EventNames.CALL_INIT, init(call));
        tick(portal);
        return call;
    }

    /** Moves every running call of the portal to the portal's present: answers, ends, records and events. */
    public void tick(Portal portal) {
        VoximplantStore store = portal.store(VoximplantStore.class);
        List<Runnable> deliveries = new ArrayList<>();
        portal.exclusive(() -> {
            Instant now = portal.now();
            for (BuiltInCall call : store.dueCalls(now)) {
                BuiltInCall current = call;
                if (!current.started() && current.answerAt() != null && !now.isBefore(current.answerAt())) {
                    current = current.withStarted();
                    store.putLive(current);
                    if (current.kind() != BuiltInCall.Kind.INFOCALL) {
                        BuiltInCall answered = current;
                        deliveries.add(() -> publish(portal, answered, EventNames.CALL_START, startData(answered)));
                    }
                }
                if (!now.isBefore(current.endAt())) {
                    store.removeLive(current.callId());
                    StatRow row = record(portal, current);
                    portal.store(CallStatistics.class).add(row);
                    BuiltInCall ended = current;
                    deliveries.add(() -> publish(portal, ended, EventNames.CALL_END, endData(portal, row)));
                }
            }
            return null;
        });
        deliveries.forEach(Runnable::run);
    }

    /**
     * The statistics record of an ended call; the ID comes from the one sequence all calls share. A call about a CRM
     * client with a responsible user (its operator, or for an incoming call nobody took the client's responsible)
     * gets its call activity as an external call's finish writes it (AddCall, D160); an infocall none.
     */
    private static StatRow record(Portal portal, BuiltInCall call) {
        CrmItem client = portal.store(CrmStore.class).findByPhone(call.phoneNumber()).stream().findFirst().orElse(null);
        Long userId = portalUserId(call, client);
        Long activityId = null;
        if (client != null && userId != null && userId > 0) {
            var facts = new CallActivity.Facts(call.callId(), call.callType(), call.phoneNumber(), client.ref(),
                    ActivityBindings.of(portal.store(CrmStore.class), client.ref(), List.of()), userId,
                    call.startedAt(), call.duration(), call.failedCode(), 0);
            activityId = CallActivity.write(portal, facts, Origin.noUser(call.endpoints()));
        }
        return new StatRow(portal.store(TelephonyStore.class).nextStatisticId(), call.callId(), null, "external",
                userId, call.line(), call.phoneNumber(), call.callType(), call.duration(), call.startedAt(),
                null, "", null, call.cost(), portal.store(VoximplantStore.class).settings().currency(),
                call.failedCode(), call.failedReason(), client == null ? null : client.type().name(),
                client == null ? null : client.id(), activityId, null, call.sessionId(),
                call.kind() == BuiltInCall.Kind.CALLBACK ? 0 : null, false);
    }

    /**
     * PORTAL_USER_ID: the call's employee; for an incoming call nobody took, as CVoxImplantHistory::Add writes it, the
     * responsible of the client it is about, else 0 (detectResponsible's intval): a number, never the null a
     * per-operator report of missed calls met (audit 60d). An infocall's is null there ("infocalls have no
     * responsible"), so its End event has none (D64; it was its caller here, audit 61a).
     */
    private static Long portalUserId(BuiltInCall call, CrmItem client) {
        if (call.kind() == BuiltInCall.Kind.INFOCALL) {
            return null;
        }
        if (call.userId() != null) {
            return call.userId();
        }
        return client != null && client.assignedById() > 0 ? client.assignedById() : 0L;
    }

    /**
     * OnVoximplantCallInit's built-in shape (on-voximplant-call-init.md, first tab): the line as ACCOUNT_SEARCH_ID;
     * for an incoming call PHONE_NUMBER is the line and CALLER_ID the client, otherwise PHONE_NUMBER is the number
     * called and CALLER_ID the line (callbacks and infocalls like outgoing calls: D67).
     */
    static ObjectNode init(BuiltInCall call) {
        boolean incoming = call.kind() == BuiltInCall.Kind.INCOMING;
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("CALL_ID", call.callId());
        data.put("CALL_TYPE", Integer.toString(call.callType()));
        data.put("ACCOUNT_SEARCH_ID", call.line());
        data.put("PHONE_NUMBER", incoming ? call.line() : call.phoneNumber());
        data.put("CALLER_ID", incoming ? call.phoneNumber() : call.line());
        return data;
    }

    static ObjectNode startData(BuiltInCall call) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("CALL_ID", call.callId());
        if (call.userId() != null) { // a null is dropped by the real form encoding
            data.put("USER_ID", Long.toString(call.userId()));
        }
        return data;
    }

    /**
     * OnVoximplantCallEnd: the statistics record's values, as strings (on-voximplant-call-end.md); a null value (no
     * user took a missed call, no activity) is left out, as the real form encoding drops it and as an external call's
     * End leaves it out: the same server function sends both.
     */
    static ObjectNode endData(Portal portal, StatRow row) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("CALL_ID", row.callId());
        data.put("CALL_TYPE", Integer.toString(row.callType()));
        data.put("PHONE_NUMBER", row.phoneNumber());
        data.put("PORTAL_NUMBER", row.portalNumber());
        if (row.portalUserId() != null) { // nulls are dropped by the real form encoding, as an external call's End
            data.put("PORTAL_USER_ID", Long.toString(row.portalUserId()));
        }
        data.put("CALL_DURATION", Long.toString(row.duration()));
        data.put("CALL_START_DATE", portal.iso(row.startDate()));
        data.put("COST", String.format(Locale.ROOT, "%.4f", row.cost()));
        data.put("COST_CURRENCY", row.costCurrency());
        data.put("CALL_FAILED_CODE", row.failedCode());
        data.put("CALL_FAILED_REASON", row.failedReason());
        if (row.crmActivityId() != null) {
            data.put("CRM_ACTIVITY_ID", Long.toString(row.crmActivityId()));
        }
        return data;
    }

    /**
     * The server fires OnVoximplantCall* in the voximplant controller, on the hits the telephony cloud makes about a
     * call it runs (its commands OutgoingRegister, IncomingInvite and those that follow), where no user is signed
     * in (D156).
     */
    private void publish(Portal portal, BuiltInCall call, String event, ObjectNode data) {
        publisher.publish(portal, event, data,
                new EventPublisher.Emit(Origin.noUser(call.endpoints()), null, call.callId()));
    }

    private static int callType(BuiltInCall.Kind kind) {
        return switch (kind) {
            case OUTGOING -> 1;
            case INCOMING -> 2;
            case CALLBACK -> 4;
            case INFOCALL -> 5;
        };
    }

    /**
     * The CALL_ID forms of the pages: callback.&lt;32 hex&gt;.&lt;unix&gt; (callback-start), infocall.&lt;32
     * hex&gt;.&lt;unix&gt; (infocall pages), &lt;16 HEX&gt;.&lt;unix&gt;.&lt;digits&gt; for other calls (call-init).
     */
    static String callId(BuiltInCall.Kind kind, Instant now) {
        long seconds = now.getEpochSecond();
        return switch (kind) {
            case CALLBACK -> "callback." + RandomHex.of(16) + "." + seconds;
            case INFOCALL -> "infocall." + RandomHex.of(16) + "." + seconds;
            default -> HexFormat.of().withUpperCase().formatHex(randomBytes()) + "." + seconds + "."
                    + (1_000_000 + RANDOM.nextInt(9_000_000));
        };
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
