package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * Bitrix24 Market's second recommended scenario: when the phone system transfers a registered call to another
 * employee, the call card goes with it. The integration shows the card to the new employee
 * (telephony.externalCall.show) and hides it from the one before (telephony.externalCall.hide), both before the call
 * is finished: finish closes every card, but until then the employee who handed the call on would keep a card of a
 * conversation that is no longer theirs, and the one who has it would have none.
 */
final class CardFollowsTransfer extends Rule {
    CardFollowsTransfer() {
        super("card-follows-transfer",
                "A call the phone system transfers to another employee has its card shown to them and hidden from the"
                        + " employee before, while the call goes on (recommended for catalogue apps)",
                "market/preparing-to-publish/requirements-telephony.md (recommended 2);"
                        + " api-reference/telephony/telephony-external-call-show.md; api-reference/telephony/telephony-external-call-hide.md");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        return traffic.phoned("transfer").stream().anyMatch(t -> !t.value("callId").isEmpty());
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        for (Traffic.PhoneEvent transfer : traffic.phoned("transfer")) {
            String callId = transfer.value("callId");
            if (callId.isEmpty()) {
                continue;
            }
            long to = transfer.number("user");
            long from = transfer.number("from");
            long finished = Calls.finishedAt(traffic, callId);
            if (!names(traffic, Calls.SHOW, callId, transfer.seq(), finished, to)) {
                violations.add(finding(traffic, transfer, Calls.SHOW, to, "was not shown to user " + to
                        + ", who has the call now"));
            }
            if (!names(traffic, Calls.HIDE, callId, transfer.seq(), finished, from)) {
                violations.add(finding(traffic, transfer, Calls.HIDE, from, "stayed shown to user " + from
                        + ", who handed it on"));
            }
        }
        return violations;
    }

    /** Whether a successful request of the method for the call named the user after the transfer and before finish. */
    private static boolean names(Traffic traffic, String method, String callId, long after, long before, long user) {
        return Calls.forCall(traffic, method, callId, after, before).stream().anyMatch(r -> Calls.users(r).contains(user));
    }

    /** The finding: the integration's first request after the transfer (or none) beside the call it should have made. */
    private Violation finding(Traffic traffic, Traffic.PhoneEvent transfer, String method, long user, String what) {
        String callId = transfer.value("callId");
        ObjectNode expected = JsonNodeFactory.instance.objectNode().put("method", method);
        expected.putObject("params").put("CALL_ID", callId).put("USER_ID", user);
        Traffic.Request next = traffic.requests().stream().filter(r -> r.seq() > transfer.seq()).findFirst().orElse(null);
        return new Violation(id(), "After the phone system transferred " + callId + " from user " + transfer.value("from")
                + " to user " + transfer.value("user") + ", its card " + what + " (no " + method + " for "
                + "the call and the user before it was finished)", next == null ? 0 : next.seq(),
                next == null ? JsonNodeFactory.instance.objectNode().put("method", "(no request after the transfer)")
                        : next.view(), expected);
    }
}
