package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Incoming calls name the external line they arrived on: the line ties the call to the application (and is
 * required of applications in the catalogue), and the portal's routing and statistics read it.
 */
final class LineNumberForIncoming extends Rule {
    private static final Set<String> INCOMING = Set.of("2", "3");

    LineNumberForIncoming() {
        super("line-number-incoming",
                "LINE_NUMBER is passed when registering an incoming call (required for catalogue apps)",
                "api-reference/telephony/telephony-external-call-register.md (LINE_NUMBER); ru/tutorials/telephony/index.md");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return traffic.calls(Calls.REGISTER).stream().anyMatch(LineNumberForIncoming::incoming);
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        String line = traffic.calls("telephony.externalLine.add").stream().map(r -> r.text("NUMBER"))
                .filter(n -> !n.isBlank()).findFirst().orElse("<a line from telephony.externalLine.get>");
        List<Violation> violations = new ArrayList<>();
        for (Traffic.Request register : traffic.calls(Calls.REGISTER)) {
            if (incoming(register) && register.text("LINE_NUMBER").isBlank()) {
                ObjectNode expected = register.params().deepCopy();
                expected.put("LINE_NUMBER", line);
                violations.add(new Violation(id(), "Incoming call from " + register.text("PHONE_NUMBER")
                        + " registered without LINE_NUMBER", register.seq(), register.params(), expected));
            }
        }
        return violations;
    }

    private static boolean incoming(Traffic.Request register) {
        return INCOMING.contains(register.text("TYPE").trim());
    }
}
