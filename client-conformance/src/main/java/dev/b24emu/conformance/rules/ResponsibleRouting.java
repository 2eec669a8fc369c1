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
 * Bitrix24 Market's first recommended scenario: a call from a client the CRM knows goes to the client's responsible
 * employee. telephony.externalCall.searchCrmEntities finds the client by number and names its ASSIGNED_BY; the
 * integration registers the call for them, or registers it with SHOW 0 and shows it to them (the tutorial's way).
 * Judged on the calls the phone system brought with no operator of its own (the driver's {@code incoming} without a
 * {@code user}) from a number of a CRM object with a responsible: a PBX that routes by its own dial plan says who
 * answers, and is not judged.
 */
final class ResponsibleRouting extends Rule {
    ResponsibleRouting() {
        super("responsible-routing",
                "An incoming call the phone system has no operator for, from a client the CRM knows, is registered for"
                        + " or shown to the client's responsible employee (recommended for catalogue apps)",
                "market/preparing-to-publish/requirements-telephony.md (recommended 1);"
                        + " api-reference/telephony/telephony-external-call-search-crm-entities.md; tutorials/telephony/index.md (4)");
    }

    /** A call to route: what the phone system was told, and the CRM objects with its number that have a responsible. */
    private record Routed(Traffic.PhoneEvent incoming, List<Traffic.CrmObject> clients) {
        Set<Long> responsible() {
            Set<Long> users = new LinkedHashSet<>();
            clients.forEach(client -> users.add(client.assignedById()));
            return users;
        }
    }

    @Override
    public boolean exercised(Traffic traffic) {
        // a routed call the integration registered: there is no routing to judge in one never registered
        return routed(traffic).stream().anyMatch(routed -> Calls.registeredAfter(traffic, routed.incoming()).isPresent());
    }

    @Override
    public List<Violation> check(Traffic traffic) {
        List<Violation> violations = new ArrayList<>();
        for (Routed routed : routed(traffic)) {
            Optional<Traffic.Request> registered = Calls.registeredAfter(traffic, routed.incoming());
            if (registered.isEmpty()) {
                continue; // never registered: the scenario's step says so, there is no routing to judge
            }
            Traffic.Request register = registered.get();
            String callId = register.result().path("CALL_ID").asText();
            Set<Long> responsible = routed.responsible();
            boolean registeredForThem = Calls.shownOnRegister(register) && responsible.containsAll(Calls.users(register))
                    && !Calls.users(register).isEmpty();
            boolean shownToThem = Calls.forCall(traffic, Calls.SHOW, callId, register.seq(), Calls.finishedAt(traffic, callId))
                    .stream().anyMatch(show -> Calls.users(show).stream().anyMatch(responsible::contains));
            if (!registeredForThem && !shownToThem) {
                Traffic.CrmObject client = routed.clients().get(0);
                ObjectNode expected = JsonNodeFactory.instance.objectNode().put("method", register.method());
                ObjectNode params = expected.putObject("params");
                params.setAll(register.params());
                params.put("USER_ID", client.assignedById());
                params.remove("SHOW");
                violations.add(new Violation(id(), "The call from " + routed.incoming().value("phone") + " (" + callId
                        + ") was registered for user " + register.text("USER_ID") + " and never shown to user "
                        + client.assignedById() + ", the responsible of " + client.type() + " " + client.id() + " ("
                        + client.name() + ") that searchCrmEntities finds for the number", register.seq(), register.view(),
                        expected));
            }
        }
        return violations;
    }

    /** The incoming calls brought without an operator from a number of a CRM object that has a responsible. */
    private static List<Routed> routed(Traffic traffic) {
        List<Routed> routed = new ArrayList<>();
        for (Traffic.PhoneEvent incoming : traffic.phoned("incoming")) {
            String key = Phones.matchKey(incoming.value("phone"));
            if (!incoming.value("user").isEmpty() || !incoming.numbers("users").isEmpty() || key.isEmpty()) {
                continue;
            }
            List<Traffic.CrmObject> clients = traffic.crm().stream().filter(o -> o.assignedById() > 0
                    && o.phones().stream().anyMatch(p -> Phones.matchKey(p).equals(key))).toList();
            if (!clients.isEmpty()) {
                routed.add(new Routed(incoming, clients));
            }
        }
        return routed;
    }
}
