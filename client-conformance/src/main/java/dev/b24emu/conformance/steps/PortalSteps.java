package dev.b24emu.conformance.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.ConformanceConfig;
import dev.b24emu.conformance.Session;
import dev.b24emu.conformance.Traffic;
import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the portal holds and does on its own: CRM data, settings, clicks in the UI, the card, time and limits. */
public class PortalSteps {
    private final ScenarioSession scenario;

    public PortalSteps(ScenarioSession scenario) {
        this.scenario = scenario;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterType("contact|company|lead|deal")
    public String crmType(String type) {
        return type;
    }

    /** The CRM types a call list may hold, as a plural: "contacts" or "companies". */
    @ParameterType("contacts|companies")
    public String crmTypes(String types) {
        return types.equals("companies") ? "company" : "contact";
    }

    @Given("the portal has a {crmType} {string} with phone {string} assigned to user {int}")
    public void crmObject(String type, String name, String phone, int user) {
        Session session = scenario.get();
        ObjectNode fields = JSON.createObjectNode();
        if (type.equals("contact")) {
            String[] parts = name.split(" ", 2);
            fields.put("NAME", parts[0]);
            if (parts.length > 1) {
                fields.put("LAST_NAME", parts[1]);
            }
        } else {
            fields.put("TITLE", name);
        }
        fields.putArray("PHONE").addObject().put("VALUE", phone).put("VALUE_TYPE", "WORK");
        fields.put("ASSIGNED_BY_ID", user);
        JsonNode created = session.kit().control().post(session.path("/crm/" + type), fields);
        session.name(type + ":" + name, created.get("ID").asLong(), phone);
    }

    @Given("the portal setting {string} is {string}")
    public void setting(String name, String value) {
        Session session = scenario.get();
        session.kit().control().patch(session.path("/settings"), Map.of(name, Values.typed(value)));
    }

    @Given("the number {string} is on the CRM exclusion list")
    public void excluded(String phone) {
        Session session = scenario.get();
        session.kit().control().post(session.path("/crm-exclusions"), Map.of("phone", phone));
    }

    /** Tokens live an hour on the portal's clock: moving it past that expires the integration's token. */
    @Given("the integration's access token has expired")
    public void tokenExpired() {
        Session session = scenario.get();
        session.kit().control().post(session.path("/clock"), Map.of("advance", "PT61M"));
    }

    @Given("the integration was deleted and installed again")
    public void deletedAndReinstalled() {
        scenario.get().reinstall(true);
    }

    @Given("the integration's tokens were revoked and it was installed again")
    public void revokedAndReinstalled() {
        scenario.get().reinstall(false);
    }

    /** An injected error with its real HTTP status (QUERY_LIMIT_EXCEEDED 503, OPERATION_TIME_LIMIT 429, ...). */
    @Given("the portal answers {word} to the next {int} requests")
    public void refuses(String error, int count) {
        refuses(error, count, "*");
    }

    @Given("the portal answers {word} to the next {int} requests of {string}")
    public void refuses(String error, int count, String method) {
        Session session = scenario.get();
        session.kit().control().post(session.path("/faults"), Map.of("method", method, "error", error, "count", count));
    }

    @Given("the portal takes {int} ms to answer the next {int} requests")
    public void slow(int millis, int count) {
        Session session = scenario.get();
        session.kit().control().post(session.path("/faults"), Map.of("method", "*", "latencyMs", millis, "count", count));
    }

    @When("user {int} clicks to call {string} from {crmType} {string}")
    public void clickToCallFrom(int user, String phone, String type, String name) {
        clickToCall(user, phone, Map.of("crmEntityType", type.toUpperCase(Locale.ROOT),
                "crmEntityId", scenario.get().named(type + ":" + name)));
    }

    @When("user {int} clicks to call {string}")
    public void clickToCall(int user, String phone) {
        clickToCall(user, phone, Map.of());
    }

    private void clickToCall(int user, String phone, Map<String, Object> crm) {
        Session session = scenario.get();
        long since = session.mark();
        ObjectNode body = JSON.createObjectNode().put("userId", user).put("phoneNumber", phone);
        body.setAll((ObjectNode) JSON.valueToTree(crm));
        JsonNode click = session.kit().control().post(session.path("/click-to-call"), body);
        session.follow(new Session.FollowedCall(phone, click.path("lineNumber").asText(null), (long) user,
                click.get("CALL_ID").asText(), since));
    }

    /**
     * A visitor fills in a CRM form's callback request: the portal tells the form's line's integration with
     * OnExternalCallBackStart (no call is registered yet: the integration dials and registers it).
     */
    @When("a visitor of a CRM form asks for a callback to {string} from {crmType} {string}")
    public void callbackFrom(String phone, String type, String name) {
        callback(phone, Map.of("crmEntityType", type.toUpperCase(Locale.ROOT),
                "crmEntityId", scenario.get().named(type + ":" + name)));
    }

    @When("a visitor of a CRM form asks for a callback to {string}")
    public void callback(String phone) {
        callback(phone, Map.of());
    }

    private void callback(String phone, Map<String, Object> crm) {
        Session session = scenario.get();
        long since = session.mark();
        ObjectNode body = JSON.createObjectNode().put("phoneNumber", phone)
                .put("text", "A callback was ordered from the website");
        body.setAll((ObjectNode) JSON.valueToTree(crm));
        session.kit().control().post(session.path("/callback"), body);
        session.follow(new Session.FollowedCall(phone, null, null, null, since));
    }

    /** A call list of named contacts or companies, which the user starts working through at its first client. */
    /**
     * An impostor who found the integration's handler URL posts it a copy of the portal's last delivery of the event,
     * with a new CALL_ID and tokens nobody issued (the emulator's forged trigger).
     */
    @When("an impostor posts the integration a forged {word} for the same number")
    public void forgedCopy(String event) {
        forgedCopy(event, false);
    }

    /**
     * The same with another number, nobody's: an integration that believes it has its phone system call that number
     * (a forged OnExternalCallBackStart: it registers a callback to it), which names the number again.
     */
    @When("an impostor posts the integration a forged {word} for another number")
    public void forgedCopyForAnotherNumber(String event) {
        forgedCopy(event, true);
    }

    private void forgedCopy(String event, boolean anotherNumber) {
        Session session = scenario.get();
        List<Traffic.Delivery> genuine = session.traffic().delivered(event);
        if (genuine.isEmpty()) {
            throw new IllegalStateException("The portal has delivered no " + event + " to forge a copy of");
        }
        Traffic.Delivery last = genuine.get(genuine.size() - 1);
        ObjectNode data = last.payload().path("data").deepCopy();
        if (data.has("CALL_ID")) {
            data.put("CALL_ID", "externalCall." + HexFormat.of().formatHex(randomBytes(16)) + "."
                    + Instant.now().getEpochSecond());
        }
        if (anotherNumber) { // +7 999 then seven random digits: a number no scenario calls
            data.put("PHONE_NUMBER", "+7999" + String.format("%07d", new SecureRandom().nextInt(10_000_000)));
        }
        forge(session, event, last.url(), data);
    }

    /**
     * An impostor posts the integration's handler an event of the portal's with the data of its docs page, e.g.
     * OnAppUninstall: an integration that believes it forgets its installation.
     */
    @When("an impostor posts the integration a forged {word}")
    public void forged(String event) {
        Session session = scenario.get();
        forge(session, event, session.kit().config().integration().handlerUrl(), JSON.createObjectNode());
    }

    private static void forge(Session session, String event, String handlerUrl, ObjectNode data) {
        ObjectNode body = JSON.createObjectNode().put("event", event).put("handlerUrl", handlerUrl).put("forged", true);
        body.set("data", data);
        ConformanceConfig.Integration integration = session.kit().config().integration();
        if (integration.oauth()) {
            body.put("clientId", integration.clientId());
        }
        session.kit().control().post(session.path("/trigger"), body);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Given("user {int} works through a call list of {crmTypes} {string}")
    public void callList(int user, String type, String names) {
        Session session = scenario.get();
        ObjectNode list = JSON.createObjectNode().put("ENTITY_TYPE", type.toUpperCase(Locale.ROOT)).put("userId", user);
        for (String name : names.split(",\\s*")) {
            list.withArray("ENTITIES").add(session.named(type + ":" + name));
        }
        long id = session.kit().control().post(session.path("/call-lists"), list).get("ID").asLong();
        session.callList(id, session.kit().control().post(session.path("/call-lists/" + id + "/start"),
                Map.of("userId", user)));
    }

    /** Click-to-call in call-list mode: the number of the list's current client, with the list's ID. */
    @When("user {int} clicks to call the current client of the call list")
    public void clickToCallCurrentClient(int user) {
        Session session = scenario.get();
        String client = session.listClient();
        String type = client.substring(0, client.indexOf(':'));
        clickToCall(user, session.phoneOf(client), Map.of("crmEntityType", type.toUpperCase(Locale.ROOT),
                "crmEntityId", session.named(client), "callListId", session.callList()));
    }

    @When("user {int} moves to the next client of the call list")
    public void nextClient(int user) {
        Session session = scenario.get();
        long list = session.callList();
        session.callList(list, session.kit().control().post(session.path("/call-lists/" + list + "/next"),
                Map.of("userId", user)));
    }

    @When("user {int} binds the call to {crmType} {string} in the call card")
    public void bindInCard(int user, String type, String name) {
        Session session = scenario.get();
        String callId = session.requireCall().callId();
        session.kit().control().post(session.path("/cards/" + callId + "/" + user + "/bind"),
                Map.of("entityType", type.toUpperCase(Locale.ROOT), "entityId", session.named(type + ":" + name)));
    }
}
