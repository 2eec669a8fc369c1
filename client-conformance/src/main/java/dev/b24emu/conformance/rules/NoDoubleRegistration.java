package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;
import dev.b24emu.emulator.testing.Phones;

import java.util.ArrayList;
import java.util.List;

/**
 * A click-to-call call is registered by the portal before OnExternalCallStart is sent, with its CALL_ID in the
 * event; registering it again makes a second call, a second card and a second activity.
 */
final class NoDoubleRegistration extends Rule {
    NoDoubleRegistration() {
        super("no-double-register",
                "Calls announced by OnExternalCallStart are not registered again (use the event's CALL_ID)",
                "api-reference/telephony/events/on-external-call-start.md");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return !traffic.delivered(Calls.CLICK_TO_CALL).isEmpty();
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        for (Traffic.Delivery event : traffic.delivered(Calls.CLICK_TO_CALL)) {
            String callId = event.data("CALL_ID");
            String phone = Phones.matchKey(event.data("PHONE_NUMBER"));
            long finished = Calls.finishedAt(traffic, callId);
            for (Traffic.Request register : traffic.calls(Calls.REGISTER)) {
                if (register.seq() > event.seq() && register.seq() < finished
                        && Phones.matchKey(register.text("PHONE_NUMBER")).equals(phone)) {
                    ObjectNode expected = JsonNodeFactory.instance.objectNode()
                            .put("method", "(no register: the call exists)");
                    expected.putObject("use").put("CALL_ID", callId)
                            .put("for", "telephony.externalcall.show / hide / finish");
                    violations.add(new Violation(id(), "Registered " + register.text("PHONE_NUMBER")
                            + " again after OnExternalCallStart announced " + callId, register.seq(),
                            register.view(), expected));
                }
            }
        }
        return violations;
    }
}
