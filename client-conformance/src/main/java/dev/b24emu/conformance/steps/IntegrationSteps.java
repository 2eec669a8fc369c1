package dev.b24emu.conformance.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.conformance.Session;
import dev.b24emu.conformance.Traffic;
import dev.b24emu.conformance.rules.Rule;
import dev.b24emu.conformance.rules.Rules;
import dev.b24emu.conformance.rules.Violation;
import dev.b24emu.emulator.testing.Phones;
import io.cucumber.java.en.Then;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the integration is expected to have done, read from the emulator's journals (waiting where it may be late). */
public class IntegrationSteps {
    private final ScenarioSession scenario;

    public IntegrationSteps(ScenarioSession scenario) {
        this.scenario = scenario;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGISTER = "telephony.externalcall.register";
    private static final String FINISH = "telephony.externalcall.finish";
    private static final String LINE_NUMBER_RULE = "line-number-incoming";

    @Then("the integration registers the call")
    public void registers() {
        registersWithin(scenario.get().kit().config().waitSeconds());
    }

    @Then("the integration registers the call within {int} second(s)")
    public void registersWithin(int seconds) {
        registersWith(Map.of(), seconds);
    }

    @Then("the integration registers the call with TYPE {int} within {int} second(s)")
    public void registersWithType(int type, int seconds) {
        registersWith(Map.of("TYPE", Integer.toString(type)), seconds);
    }

    @Then("the integration registers the call with TYPE {int} and LINE_NUMBER {string} within {int} second(s)")
    public void registersWithTypeAndLine(int type, String line, int seconds) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("TYPE", Integer.toString(type));
        // what the line-number-incoming rule asks: a run whose rules: leave it out (a house integration on a portal
        // of one line) is not held to it by the scenario either
        if (asks(LINE_NUMBER_RULE)) {
            expected.put("LINE_NUMBER", line);
        }
        registersWith(expected, seconds);
    }

    /** Waits for a successful register of the followed call's number, checks its values, and follows its CALL_ID. */
    private void registersWith(Map<String, String> expected, int seconds) {
        Session session = scenario.get();
        Session.FollowedCall call = session.requireCall();
        Traffic.Request register = session.await(t -> t.calls(REGISTER).stream()
                        .filter(r -> r.seq() > call.sinceSeq() && r.ok() && samePhone(r, call.phone())).findFirst(),
                Duration.ofSeconds(seconds), "The integration did not register the call from " + call.phone());
        expectParams(register, expected);
        session.follow(call.withCallId(register.result().get("CALL_ID").asText()));
    }

    @Then("the integration finishes the call")
    public void finishes() {
        finishesWith(Map.of(), -1);
    }

    @Then("the integration finishes the call with STATUS_CODE {string}")
    public void finishesWithStatus(String status) {
        finishesWith(Map.of("STATUS_CODE", status), -1);
    }

    @Then("the integration finishes the call with STATUS_CODE {string} and a DURATION of at least {int}")
    public void finishesWithStatusAndDuration(String status, int minDuration) {
        finishesWith(Map.of("STATUS_CODE", status), minDuration);
    }

    private void finishesWith(Map<String, String> expected, int minDuration) {
        Session session = scenario.get();
        Session.FollowedCall call = session.requireCall();
        if (call.callId() == null) {
            throw new AssertionError("The call from " + call.phone() + " was never registered, so it cannot be finished");
        }
        Traffic.Request finish = session.await(t -> t.calls(FINISH).stream()
                        .filter(r -> r.ok() && r.text("CALL_ID").equals(call.callId())).findFirst(),
                Duration.ofSeconds(session.kit().config().waitSeconds()),
                "The integration did not finish the call " + call.callId());
        expectParams(finish, expected);
        if (minDuration >= 0) {
            long duration = finish.param("DURATION").map(JsonNode::asLong).orElse(0L);
            if (duration < minDuration) {
                throw new AssertionError("The integration finished " + call.callId() + " with DURATION " + duration
                        + ", expected at least " + minDuration + "; it sent " + finish.params());
            }
        }
    }

    @Then("the integration receives OnExternalCallStart within {int} second(s)")
    public void receivesClickToCall(int seconds) {
        Session session = scenario.get();
        String callId = session.requireCall().callId();
        Traffic.Delivery event = session.awaitDelivery(t -> t.delivered("OnExternalCallStart").stream()
                        .filter(d -> d.data("CALL_ID").equals(callId)).findFirst(),
                Duration.ofSeconds(seconds), "OnExternalCallStart for " + callId + " was not delivered "
                        + "(does the integration bind it with event.bind, or have an outgoing webhook's handlerUrl?)");
        expectAnswered(event);
    }

    @Then("the integration receives OnExternalCallBackStart within {int} second(s)")
    public void receivesCallback(int seconds) {
        Session session = scenario.get();
        Session.FollowedCall call = session.requireCall();
        Traffic.Delivery event = session.awaitDelivery(t -> t.delivered("OnExternalCallBackStart").stream()
                        .filter(d -> Phones.matchKey(d.data("PHONE_NUMBER")).equals(Phones.matchKey(call.phone())))
                        .findFirst(),
                Duration.ofSeconds(seconds), "OnExternalCallBackStart for " + call.phone() + " was not delivered "
                        + "(does the integration bind it with event.bind, or have an outgoing webhook's handlerUrl?)");
        expectAnswered(event);
    }

    @Then("the integration's call card widget opens for the call within {int} second(s)")
    public void widgetOpens(int seconds) {
        Session session = scenario.get();
        String callId = session.requireCall().callId();
        Traffic.Delivery opening = session.awaitDelivery(t -> t.deliveries().stream()
                        .filter(d -> d.payload() != null && "CALL_CARD".equals(d.payload().path("PLACEMENT").asText())
                                && callId.equals(options(d).path("CALL_ID").asText()))
                        .findFirst(),
                Duration.ofSeconds(seconds), "No CALL_CARD widget of the integration was opened for " + callId
                        + " (does it bind CALL_CARD with placement.bind and show the card?)");
        expectAnswered(opening);
    }

    @Then("the integration's widget receives CallCard::EntityChanged for {crmType} {string} within {int} second(s)")
    public void widgetReceivesEntityChanged(String type, String name, int seconds) {
        Session session = scenario.get();
        String callId = session.requireCall().callId();
        long id = session.named(type + ":" + name);
        Traffic.Delivery event = session.awaitDelivery(t -> t.delivered("CallCard::EntityChanged").stream()
                        .filter(d -> callId.equals(d.payload().path("CALL_ID").asText())
                                && d.payload().path("data").path("CRM_ENTITY_TYPE").asText().equalsIgnoreCase(type)
                                && d.payload().path("data").path("CRM_ENTITY_ID").asLong() == id)
                        .findFirst(),
                Duration.ofSeconds(seconds), "CallCard::EntityChanged for " + type + " " + name + " was not delivered "
                        + "(does the integration subscribe with placement.bindEvent? On a real portal only its widget can, through"
                        + " BX24.placement.bindEvent: see D41)");
        expectAnswered(event);
    }

    @Then("the call is bound to {crmType} {string}")
    public void boundTo(String type, String name) {
        Session session = scenario.get();
        String callId = session.requireCall().callId();
        long id = session.named(type + ":" + name);
        Optional<Traffic.Request> register = session.traffic().calls(REGISTER).stream()
                .filter(r -> r.ok() && callId.equals(r.result().path("CALL_ID").asText())).findFirst();
        JsonNode result = register.orElseThrow(() -> new AssertionError("No register returned " + callId)).result();
        if (!result.path("CRM_ENTITY_TYPE").asText().equalsIgnoreCase(type) || result.path("CRM_ENTITY_ID").asLong() != id) {
            throw new AssertionError("The call is bound to " + result.path("CRM_ENTITY_TYPE").asText() + " "
                    + result.path("CRM_ENTITY_ID").asText() + ", expected " + type + " " + id + " (" + name
                    + "): was the client's number passed as the CRM has it? register sent " + register.get().params());
        }
    }

    /**
     * Bitrix24 Market's first recommended scenario (rule responsible-routing): the card of the call goes to the
     * responsible of the client the CRM finds for the number, whether the call was registered for them or shown to them.
     */
    @Then("the call is routed to user {int}, the responsible of {crmType} {string}, within {int} second(s)")
    public void routedTo(int user, String type, String name, int seconds) {
        Session session = scenario.get();
        session.named(type + ":" + name);
        if (!asks("responsible-routing")) {
            return;
        }
        String callId = session.requireCall().callId();
        awaitCard(session, callId, shown -> shown.contains((long) user), seconds, "The card of " + callId
                + " was not shown to user " + user + ", the responsible of " + type + " " + name + " (find the client"
                + " with telephony.externalCall.searchCrmEntities, whose answer names ASSIGNED_BY, and register the"
                + " call for them or show it to them)");
    }

    /**
     * Bitrix24 Market's second recommended scenario (rule card-follows-transfer): after a transfer the card is shown
     * to the employee who has the call and no longer to the one who handed it on.
     */
    @Then("the call's card moves from user {int} to user {int} within {int} second(s)")
    public void cardMoves(int from, int to, int seconds) {
        Session session = scenario.get();
        if (!asks("card-follows-transfer")) {
            return;
        }
        String callId = session.requireCall().callId();
        awaitCard(session, callId, shown -> shown.contains((long) to) && !shown.contains((long) from), seconds,
                "After the transfer the card of " + callId + " was not shown to user " + to + " alone of the two"
                        + " (telephony.externalCall.show to the one, telephony.externalCall.hide from the other)");
    }

    /** The telephony tutorial's simultaneous queue (rule queue-cards): a ring group's call is shown to all of it. */
    @Then("the call's card is shown to users {users} within {int} second(s)")
    public void cardShownToGroup(List<Long> users, int seconds) {
        Session session = scenario.get();
        if (!asks("queue-cards")) {
            return;
        }
        String callId = session.requireCall().callId();
        awaitCard(session, callId, shown -> shown.containsAll(users), seconds, "The card of " + callId
                + " was not shown to every user of the ring group " + users + " (telephony.externalCall.show with"
                + " USER_ID a list of them)");
    }

    /** ... and once one of them answers, it stays with them alone (rule queue-cards). */
    @Then("the call's card stays with user {int} alone within {int} second(s)")
    public void cardStaysWith(int user, int seconds) {
        Session session = scenario.get();
        if (!asks("queue-cards")) {
            return;
        }
        String callId = session.requireCall().callId();
        awaitCard(session, callId, shown -> shown.equals(List.of((long) user)), seconds, "The card of " + callId
                + " did not stay with user " + user + " alone (telephony.externalCall.hide from the others of the"
                + " ring group once one answers)");
    }

    /** Waits until the users the portal shows the call's card to pass the test; the failure says who they are. */
    private static void awaitCard(Session session, String callId, java.util.function.Predicate<List<Long>> test,
                                  int seconds, String failure) {
        session.await(t -> test.test(shownTo(session, callId)) ? Optional.of(true) : Optional.empty(),
                Duration.ofSeconds(seconds), () -> failure + "; the portal shows it to users " + shownTo(session, callId) + ",");
    }

    /** The users the portal shows the call's card to now (none once it is finished). */
    private static List<Long> shownTo(Session session, String callId) {
        for (JsonNode call : session.kit().control().get(session.path("/calls")).path("active")) {
            if (callId.equals(call.path("callId").asText())) {
                List<Long> users = new java.util.ArrayList<>();
                call.path("shownTo").forEach(user -> users.add(user.asLong()));
                return users;
            }
        }
        return List.of();
    }

    @Then("the integration does not register the call again")
    public void noDoubleRegistration() {
        keepsRule("no-double-register");
    }

    @Then("every request of the integration conforms to the spec")
    public void conforms() {
        keepsRule("spec");
    }

    /**
     * A rule's check inside a scenario; a rule the run's rules: leave out is not asked here either (it still names
     * an unknown rule, a mistake in the feature file).
     */
    @Then("the integration keeps the rule {string}")
    public void keepsRule(String id) {
        Rule rule = Rules.find(id).orElseThrow(() -> new IllegalArgumentException("Unknown rule " + id + "; known: " + Rules.ids()));
        if (!asks(id)) {
            return;
        }
        List<Violation> violations = rule.check(scenario.get().awaitQuiet());
        if (!violations.isEmpty()) {
            throw new AssertionError(Expectations.describe("The integration broke " + id + ": " + rule.title(), violations));
        }
    }

    /** Whether the run's rules: select the rule (every rule when it names none). */
    private boolean asks(String ruleId) {
        return scenario.get().kit().rules().stream().anyMatch(rule -> rule.id().equals(ruleId));
    }

    private void expectParams(Traffic.Request request, Map<String, String> expected) {
        expected.forEach((name, value) -> {
            String sent = request.text(name).trim();
            if (!sent.equals(value)) {
                throw new AssertionError(request.method() + " was sent " + name + " " + (request.param(name).isPresent()
                        ? "\"" + sent + "\"" : "(absent)") + ", expected \"" + value + "\"; it sent " + request.params());
            }
        });
    }

    private void expectAnswered(Traffic.Delivery delivery) {
        if (delivery.status() / 100 != 2) {
            throw new AssertionError("The integration's handler " + delivery.url() + " answered " + delivery.event() + " "
                    + answered(delivery));
        }
    }

    /** What the handler answered: its status, or nothing when the portal gave up on it (the transport's words beside). */
    private static String answered(Traffic.Delivery delivery) {
        return delivery.status() == 0 ? "nothing after " + delivery.latencyMillis() + " ms"
                + (delivery.error() == null ? "" : " (" + delivery.error() + ")")
                : "with HTTP " + delivery.status() + " after " + delivery.latencyMillis() + " ms";
    }

    private boolean samePhone(Traffic.Request register, String phone) {
        return Phones.matchKey(register.text("PHONE_NUMBER")).equals(Phones.matchKey(phone));
    }

    private JsonNode options(Traffic.Delivery delivery) {
        try {
            return JSON.readTree(delivery.payload().path("PLACEMENT_OPTIONS").asText("{}"));
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

}
