package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.events.EventNames;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.portal.Portal;

/**
 * The telephony events a call produces: OnVoximplantCallInit and OnVoximplantCallStart when a new call is
 * registered (none on a 30-minute reuse), OnVoximplantCallEnd when it is finished. Payload fields follow
 * REAL-BEHAVIOUR.md ('new call', 'events') and the docs examples.
 */
public final class CallEvents {
    private final EventPublisher publisher;

    public CallEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void registered(Portal portal, RegisterResult result, long actingUserId, String authConnector) {
        if (result.reused()) {
            return;
        }
        Call call = result.call();
        EventPublisher.Emit emit = new EventPublisher.Emit(actingUserId, null, authConnector, call.callId());
        ObjectNode init = JsonNodeFactory.instance.objectNode();
        init.put("CALL_ID", call.callId());
        init.put("CALL_TYPE", Integer.toString(call.type()));
        init.put("ACCOUNT_SEARCH_ID", "");
        init.put("PHONE_NUMBER", call.lineNumber() == null ? "" : call.lineNumber());
        init.put("CALLER_ID", call.phoneNumber());
        init.put("REST_APP_ID", call.appKey());
        publisher.publish(portal, EventNames.CALL_INIT, init, emit);
        ObjectNode start = JsonNodeFactory.instance.objectNode();
        start.put("CALL_ID", call.callId());
        start.put("USER_ID", Long.toString(call.userId()));
        publisher.publish(portal, EventNames.CALL_START, start, emit);
    }

    public void finished(Portal portal, FinishedCall row, long actingUserId, String authConnector) {
        Call call = row.call();
        ObjectNode end = JsonNodeFactory.instance.objectNode();
        end.put("CALL_ID", call.callId());
        end.put("CALL_TYPE", Integer.toString(call.type()));
        end.put("PHONE_NUMBER", call.phoneNumber());
        end.put("PORTAL_NUMBER", TelephonyMethods.portalNumber(call));
        end.put("PORTAL_USER_ID", Long.toString(row.portalUserId()));
        end.put("CALL_DURATION", Long.toString(row.duration()));
        end.put("CALL_START_DATE", portal.iso(call.startDate()));
        end.put("COST", costText(row.cost()));
        end.put("COST_CURRENCY", row.costCurrency());
        end.put("CALL_FAILED_CODE", row.statusCode());
        end.put("CALL_FAILED_REASON", row.failedReason());
        end.put("CRM_ACTIVITY_ID", row.crmActivityId() == null ? "" : Long.toString(row.crmActivityId()));
        publisher.publish(portal, EventNames.CALL_END, end,
                new EventPublisher.Emit(actingUserId, null, authConnector, call.callId()));
    }

    public EventPublisher publisher() {
        return publisher;
    }

    private static String costText(double cost) {
        return cost == Math.rint(cost) ? Long.toString((long) cost) : Double.toString(cost);
    }
}
