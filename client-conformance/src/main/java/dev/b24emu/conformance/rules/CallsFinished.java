package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;
import dev.b24emu.emulator.testing.Phones;

import java.util.ArrayList;
import java.util.List;

/**
 * Each call the integration registered, and each click-to-call call announced to it, is finished once its phone
 * system tells it the call ended: an open call keeps its card on the operator's screen and never gets its activity,
 * duration or record.
 */
final class CallsFinished extends Rule {
    CallsFinished() {
        super("calls-finished",
                "Each registered call (and each call announced by OnExternalCallStart) is finished",
                "api-reference/telephony/telephony-external-call-finish.md");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return Calls.owned(traffic).values().stream().anyMatch(call -> endTold(traffic, call));
    }

    /**
     * Whether the phone system told the integration the call ended (the driver's hangup, for its CALL_ID or number):
     * a scenario stopped before it (a handler that answered an event too late) leaves nothing to finish with, and was
     * blamed on this rule (audit 50b).
     */
    private static boolean endTold(Traffic traffic, Calls.Origin call) {
        String phone = Phones.matchKey(call.source() instanceof Traffic.Request register ? register.text("PHONE_NUMBER")
                : ((Traffic.Delivery) call.source()).data("PHONE_NUMBER"));
        // a driver's action is stamped with the newest request's number: a hangup right after the register bears
        // the register's own; an event's number may be past it (deliveries and requests share one sequence), and an
        // announced call is always told before its hangup
        boolean announced = call.source() instanceof Traffic.Delivery;
        return traffic.phoned("hangup").stream().anyMatch(hangup -> (announced || hangup.seq() >= call.seq())
                && (hangup.value("callId").equals(call.callId())
                || !phone.isEmpty() && Phones.matchKey(hangup.value("phone")).equals(phone)));
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        for (Calls.Origin call : Calls.owned(traffic).values()) {
            if (Calls.finishedAt(traffic, call.callId()) != Long.MAX_VALUE || !endTold(traffic, call)) {
                continue;
            }
            ObjectNode expected = JsonNodeFactory.instance.objectNode().put("method", Calls.FINISH);
            expected.putObject("params").put("CALL_ID", call.callId()).put("USER_ID", call.userId())
                    .put("DURATION", "<seconds of conversation>").put("STATUS_CODE", "<200 answered, 304 missed, ...>");
            violations.add(new Violation(id(), "Call " + call.callId() + " was never finished", call.seq(),
                    view(call.source()), expected));
        }
        return violations;
    }

    static ObjectNode view(Object source) {
        if (source instanceof Traffic.Request request) {
            return request.view();
        }
        Traffic.Delivery delivery = (Traffic.Delivery) source;
        ObjectNode view = JsonNodeFactory.instance.objectNode().put("event", delivery.event());
        view.set("data", delivery.payload().path("data"));
        return view;
    }
}
