package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.events.EventNames;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;

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

    void registered(Portal portal, RegisterResult result, Origin origin) {
        Call call = result.call();
        if (result.reused()) {
            if (portal.settings().initOnReuse()) {
                String discarded = CallRegistration.newCallId(call.appKey(), call.userId(), call.phoneNumber(),
                        portal.now());
                publisher.publish(portal, EventNames.CALL_INIT, () -> CallViews.callInit(call, discarded),
                        emit(origin, null, discarded));
            }
            return;
        }
        EventPublisher.Emit emit = emit(origin, null, call.callId());
        publisher.publish(portal, EventNames.CALL_INIT, () -> CallViews.callInit(call, call.callId()), emit);
        publisher.publish(portal, EventNames.CALL_START, () -> CallViews.callStart(call), emit);
    }

    void finished(Portal portal, FinishedCall row, Origin origin) {
        publisher.publish(portal, EventNames.CALL_END, () -> CallViews.callEnd(portal, row),
                emit(origin, null, row.call().callId()));
    }

    void externalCallStart(Portal portal, ObjectNode data, String appKey, Origin origin, String callId) {
        publisher.publish(portal, EventNames.EXTERNAL_CALL_START, data, emit(origin, appKey, callId));
    }

    void externalCallBackStart(Portal portal, ObjectNode data, String appKey, Origin origin, String phone) {
        publisher.publish(portal, EventNames.EXTERNAL_CALLBACK_START, data, emit(origin, appKey, phone));
    }

    private static EventPublisher.Emit emit(Origin origin, String onlyAppKey, String objectKey) {
        return new EventPublisher.Emit(origin, onlyAppKey, objectKey);
    }
}
