package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.events.EventNames;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.portal.Portal;

/**
 * The telephony events a call produces: OnVoximplantCallInit and OnVoximplantCallStart when a new call is
 * registered; on a 30-minute reuse only OnVoximplantCallInit, with the fresh CALL_ID the real server generates before
 * it finds the duplicate and then discards (specs/DECISIONS.md D85, switch {@code initOnReuse}); OnVoximplantCallEnd
 * when it is finished; OnExternalCallStart to the line's application on click-to-call, OnExternalCallBackStart on a
 * callback request.
 */
final class CallEvents {
    private final EventPublisher publisher;

    CallEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    void registered(Portal portal, RegisterResult result, CallContext context) {
        Call call = result.call();
        if (result.reused()) {
            if (portal.settings().initOnReuse()) {
                String discarded = CallRegistration.newCallId(call.appKey(), call.userId(), call.phoneNumber(),
                        portal.now());
                publisher.publish(portal, EventNames.CALL_INIT, () -> CallViews.callInit(call, discarded),
                        emit(context, null, discarded));
            }
            return;
        }
        EventPublisher.Emit emit = emit(context, null, call.callId());
        publisher.publish(portal, EventNames.CALL_INIT, () -> CallViews.callInit(call, call.callId()), emit);
        publisher.publish(portal, EventNames.CALL_START, () -> CallViews.callStart(call), emit);
    }

    void finished(Portal portal, FinishedCall row, CallContext context) {
        publisher.publish(portal, EventNames.CALL_END, () -> CallViews.callEnd(portal, row),
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
