package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmActivities;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;

import java.time.Instant;
import java.util.List;

/**
 * A call's CRM activity, written as CVoxImplantCrmHelper::AddCall writes it for an external call's finish and a
 * built-in call's end alike (specs/DECISIONS.md D160): bound to the call's CRM bindings, the first its owner; created,
 * started and due at the call's start and end; completed unless an incoming call or a callback was missed (304),
 * which SETTINGS marks MISSED_CALL; its RESULT_STREAM incoming, outgoing or reversing (a callback) for a call answered
 * 200, missing otherwise; its RESULT_MARK from the call's VOTE; ORIGIN_ID `VI_` and the CALL_ID; a callback's
 * PROVIDER_TYPE_ID CALLBACK.
 */
public final class CallActivity {
    /** How a call activity names its call in ORIGIN_ID, as the real server writes it: VI_ and the CALL_ID. */
    public static final String ORIGIN_PREFIX = "VI_";
    /** Bitrix\Crm\Activity\StatisticsStream and StatisticsMark, what a call activity's RESULT_STREAM and _MARK hold */
    private static final int STREAM_INCOMING = 1;
    private static final int STREAM_OUTGOING = 2;
    private static final int STREAM_REVERSING = 3;
    private static final int STREAM_MISSING = 4;
    private static final int MARK_NONE = 0;
    private static final int MARK_NEGATIVE = 1;
    private static final int MARK_POSITIVE = 2;

    private CallActivity() {
    }

    /**
     * What AddCall reads of a call.
     *
     * @param callType  register's TYPE (CallType)
     * @param client    the CRM object the call is about: its communication's
     * @param bindings  the call's CRM bindings (ActivityBindings), the client alone when empty
     * @param status    CALL_FAILED_CODE
     */
    public record Facts(String callId, int callType, String phoneNumber, CrmRef client, List<CrmRef> bindings,
                        long userId, Instant start, long duration, String status, long vote) {
    }

    /** Writes the activity; answers its ID. */
    public static long write(Portal portal, Facts call, Origin origin) {
        boolean incoming = call.callType() == CallType.INCOMING || call.callType() == CallType.INCOMING_REDIRECTED;
        // AddCall reads a missed call of an incoming call or a callback only (a redirected one is completed)
        boolean missed = (call.callType() == CallType.INCOMING || call.callType() == CallType.CALLBACK)
                && CallCompletion.MISSED.equals(call.status());
        var communication = new CrmActivities.Communication(call.client(), "PHONE", call.phoneNumber());
        List<CrmRef> bindings = call.bindings().isEmpty() ? List.of(call.client()) : List.copyOf(call.bindings());
        Instant end = call.start().plusSeconds(Math.max(0, call.duration()));
        var draft = new CrmActivities.Draft(bindings.get(0), CrmActivities.CALL,
                // createActivitySubject's #NUMBER# is the number as PhoneNumber::format() writes it (audit 61c)
                (incoming ? "Incoming call from " : "Outgoing call to ") + PhoneNumbers.format(call.phoneNumber()),
                !missed, call.userId(),
                incoming ? 1 : 2, call.start(), end, List.of(communication), bindings);
        ObjectNode fields = CrmActivities.stored(portal, draft, call.userId())
                .put("ORIGIN_ID", ORIGIN_PREFIX + call.callId());
        if (call.callType() == CallType.CALLBACK) {
            fields.put("PROVIDER_TYPE_ID", "CALLBACK"); // Provider\Call::ACTIVITY_PROVIDER_TYPE_CALLBACK
        }
        fields.put("CREATED", portal.iso(call.start())); // PRESERVE_CREATION_TIME: the call's start
        fields.put("DEADLINE", portal.iso(end));
        if (missed) {
            fields.putObject("SETTINGS").put("MISSED_CALL", true);
        }
        fields.put("RESULT_STREAM", Integer.toString(!CallCompletion.SUCCESS.equals(call.status()) ? STREAM_MISSING
                : call.callType() == CallType.CALLBACK ? STREAM_REVERSING : incoming ? STREAM_INCOMING : STREAM_OUTGOING));
        long vote = call.vote();
        fields.put("RESULT_MARK", Integer.toString(vote > 3 ? MARK_POSITIVE : vote > 0 ? MARK_NEGATIVE : MARK_NONE));
        return portal.store(CrmStore.class).addActivity(fields, origin);
    }
}
