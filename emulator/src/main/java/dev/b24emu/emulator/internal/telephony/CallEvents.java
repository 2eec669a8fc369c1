package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.events.EventNames;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.portal.Portal;

/**
 * The telephony events a call produces: OnVoximplantCallInit and OnVoximplantCallStart when a new call is
 * registered (none on a 30-minute reuse), OnVoximplantCallEnd when it is finished; OnExternalCallStart to the line's
 * application on click-to-call, OnExternalCallBackStart on a callback request.
 */
final class CallEvents {
    private final EventPublisher publisher;

    CallEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    void registered(Portal portal, RegisterResult result, CallContext context) {
        if (result.reused()) {
            return;
        }
        Call call = result.call();
        EventPublisher.Emit emit = emit(context, null, call.callId());
        publisher.publish(portal, EventNames.CALL_INIT, CallViews.callInit(call), emit);
        publisher.publish(portal, EventNames.CALL_START, CallViews.callStart(call), emit);
    }

    void finished(Portal portal, FinishedCall row, CallContext context) {
        publisher.publish(portal, EventNames.CALL_END, CallViews.callEnd(portal, row),
                emit(context, null, row.call().callId()));
    }

    void externalCallStart(Portal portal, ObjectNode data, String appKey, CallContext context, String callId) {
        publisher.publish(portal, EventNames.EXTERNAL_CALL_START, data, emit(context, appKey, callId));
    }

    void externalCallBackStart(Portal portal, ObjectNode data, String appKey, CallContext context, String phone) {
        publisher.publish(portal, EventNames.EXTERNAL_CALLBACK_START, data, emit(context, appKey, phone));
    }

    private static EventPublisher.Emit emit(CallContext context, String onlyAppKey, String objectKey) {
        return new EventPublisher.Emit(context.actingUserId(), onlyAppKey, context.authConnector(), objectKey,
                context.endpoints());
    }
}
