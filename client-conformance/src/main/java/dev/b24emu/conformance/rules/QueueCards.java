package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;
import dev.b24emu.emulator.testing.Phones;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The telephony tutorial's simultaneous queue: a call the phone system rings on several employees' phones at once
 * is shown to each of them (telephony.externalCall.show with a list of users, or register for one and show to the
 * rest) while it rings, and once one answers it is hidden from the others (telephony.externalCall.hide) before the
 * call is finished. Judged on the driver's incoming calls with a ring group ({@code users}).
 */
final class QueueCards extends Rule {
    QueueCards() {
        super("queue-cards",
                "A call rung to a group of employees at once is shown to each of them, and hidden from the others"
                        + " once one answers",
                "tutorials/telephony/index.md (3); api-reference/telephony/telephony-external-call-show.md;"
                        + " api-reference/telephony/telephony-external-call-hide.md");
    }

    @Override
    public boolean exercised(Traffic traffic) {
        // a ring group's call the integration registered: one never registered leaves nothing to judge (it was
        // reported kept when no register had worked, audit 50b)
        return traffic.phoned("incoming").stream().anyMatch(incoming -> incoming.numbers("users").size() > 1
                && Calls.registeredAfter(traffic, incoming).isPresent());
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        for (Traffic.PhoneEvent incoming : traffic.phoned("incoming")) {
            List<Long> group = incoming.numbers("users");
            String key = Phones.matchKey(incoming.value("phone"));
            if (group.size() < 2) {
                continue;
            }
            Optional<Traffic.Request> registered = Calls.registeredAfter(traffic, incoming);
            if (registered.isEmpty()) {
                continue; // never registered: the scenario's step says so
            }
            Traffic.Request register = registered.get();
            String callId = register.result().path("CALL_ID").asText();
            long finished = Calls.finishedAt(traffic, callId);
            Optional<Traffic.PhoneEvent> answer = traffic.phoned("answer").stream()
                    .filter(a -> a.seq() >= incoming.seq() && Phones.matchKey(a.value("phone")).equals(key)).findFirst();
            long rangUntil = Math.min(finished, answer.map(a -> a.seq() + 1).orElse(Long.MAX_VALUE));

            Set<Long> shown = new LinkedHashSet<>();
            if (Calls.shownOnRegister(register)) {
                shown.addAll(Calls.users(register));
            }
            Calls.forCall(traffic, Calls.SHOW, callId, register.seq(), rangUntil).forEach(r -> shown.addAll(Calls.users(r)));
            List<Long> unseen = group.stream().filter(user -> !shown.contains(user)).toList();
            if (!unseen.isEmpty()) {
                violations.add(finding(register, Calls.SHOW, callId, unseen, "The call " + callId + " rang for users "
                        + group + " and its card was not shown to " + unseen + " while it rang"));
            }
            if (answer.isPresent()) {
                long answeredBy = answer.get().number("user");
                Set<Long> hidden = new LinkedHashSet<>();
                Calls.forCall(traffic, Calls.HIDE, callId, answer.get().seq(), finished)
                        .forEach(r -> hidden.addAll(Calls.users(r)));
                List<Long> kept = shown.stream().filter(user -> user != answeredBy && group.contains(user)
                        && !hidden.contains(user)).toList();
                if (!kept.isEmpty()) {
                    violations.add(finding(register, Calls.HIDE, callId, kept, "User " + answeredBy + " answered "
                            + callId + " and its card stayed shown to " + kept + " of the ring group until the call"
                            + " was finished"));
                }
            }
        }
        return violations;
    }

    private Violation finding(Traffic.Request register, String method, String callId, List<Long> users, String message) {
        ObjectNode expected = JsonNodeFactory.instance.objectNode().put("method", method);
        ObjectNode params = expected.putObject("params").put("CALL_ID", callId);
        users.forEach(params.putArray("USER_ID")::add);
        return new Violation(id(), message, register.seq(), register.view(), expected);
    }
}
