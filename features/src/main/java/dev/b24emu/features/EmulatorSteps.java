package dev.b24emu.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import dev.b24emu.emulator.testing.EmulatorProcess;
import dev.b24emu.emulator.testing.HandlerServer;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steps that need the emulator's powers (scenarios tag them @emulator-only): portal settings, the clock, the
 * exclusion list, applications and OAuth, outgoing webhooks, event deliveries to a handler server, click-to-call,
 * call cards and follow-ups.
 */
public class EmulatorSteps {
    private final ScenarioContext ctx;
    /** maps the ID of a portal the scenario created through the control API to its webhook URL */
    private final Map<String, String> portalWebhooks = new HashMap<>();

    public EmulatorSteps(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    private void requireEmulator() {
        if (ctx.emulatorBase == null) {
            throw new AssertionError("This step needs the emulator: tag the scenario @emulator-only");
        }
    }

    /**
     * The scenario moves to an emulator of its own, started through the embedding API with a server option (the
     * shared one keeps the defaults), on that emulator's default demo portal.
     */
    @Given("an emulator of its own that keeps at most {int} open calls per portal")
    public void ownEmulatorWithOpenCallBound(int openCalls) {
        ownEmulator(EmulatorOptions.builder().openCalls(openCalls));
    }

    @Given("an emulator of its own that keeps at most {int} MB of call text per portal")
    public void ownEmulatorWithCallTextBound(int megabytes) {
        ownEmulator(EmulatorOptions.builder().callMegabytes(megabytes));
    }

    @Given("an emulator of its own that keeps at most {int} CRM objects of each kind made while a portal runs")
    public void ownEmulatorWithCrmObjectBound(int objects) {
        ownEmulator(EmulatorOptions.builder().crmObjects(objects));
    }

    @Given("an emulator of its own that keeps at most {int} configuration objects of each kind per portal")
    public void ownEmulatorWithConfigObjectBound(int objects) {
        ownEmulator(EmulatorOptions.builder().configObjects(objects));
    }

    @Given("an emulator of its own that keeps at most {int} tokens of each kind per portal")
    public void ownEmulatorWithTokenBound(int tokens) {
        ownEmulator(EmulatorOptions.builder().maxTokens(tokens));
    }

    @Given("an emulator of its own that keeps at most {int} portals made while it runs")
    public void ownEmulatorWithPortalBound(int portals) {
        ownEmulator(EmulatorOptions.builder().maxPortals(portals));
    }

    /** One event loop: the limit chooses among the connections of the new one's event loop (D124). */
    @Given("an emulator of its own that keeps at most {int} connections open")
    public void ownEmulatorWithConnectionLimit(int connections) {
        ownEmulator(EmulatorOptions.builder().maxConnections(connections).eventLoops(1));
    }

    @When("I create the portal {string} through the control API")
    public void createPortal(String id) {
        requireEmulator();
        Response response = RestAssured.given().contentType("application/json").body("{\"id\":\"" + id + "\"}")
                .post(ctx.emulatorBase + "/_emulator/portals");
        ctx.recordControl("POST /_emulator/portals", response);
        assertEquals(201, response.statusCode(), response.asString());
        portalWebhooks.put(id, response.jsonPath().getString("webhookUrl"));
    }

    @When("I switch to the portal {string}")
    public void switchPortal(String id) {
        requireEmulator();
        ctx.portalId = id;
        ctx.webhook = Objects.requireNonNull(portalWebhooks.get(id),
                "a portal this scenario created, or the default portal of its own emulator: " + id);
    }

    @Then("the control API has no portal {string}")
    public void noPortal(String id) {
        RestAssured.given().get(ctx.emulatorBase + "/_emulator/portals/" + id).then().statusCode(404);
    }

    private void ownEmulator(EmulatorOptions.Builder options) {
        requireEmulator();
        Bitrix24Emulator own = Bitrix24Emulator.start(options.build());
        ctx.ownEmulator = own;
        moveTo(own.baseUrl(), own.webhookUrl());
    }

    /** Leaves the shared emulator's portal for the default portal of the scenario's own emulator. */
    private void moveTo(String base, String webhook) {
        RestAssured.given().delete(ctx.emulatorBase + "/_emulator/portals/" + ctx.portalId).then().statusCode(200);
        ctx.emulatorBase = base;
        ctx.portalId = "default";
        ctx.webhook = webhook;
        portalWebhooks.put("default", webhook);
    }

    /** As above, a process with a heap of its own (a heap cap's effects cannot be shown in the shared JVM). */
    @Given("an emulator process of its own with a {int} MB heap that deletes portals past {int} percent of it in use after a full collection")
    public void ownEmulatorProcess(int heapMegabytes, int percent) throws Exception {
        requireEmulator();
        EmulatorProcess own = EmulatorProcess.start(List.of("-Xmx" + heapMegabytes + "m", "-XX:+UseParallelGC"),
                "--heap-guard", Integer.toString(percent));
        ctx.ownProcess = own;
        moveTo(own.base(), own.webhookUrl());
    }

    @Given("an emulator process of its own with a {int} MB heap")
    public void ownEmulatorProcess(int heapMegabytes) throws Exception {
        requireEmulator();
        EmulatorProcess own = EmulatorProcess.start(List.of("-Xmx" + heapMegabytes + "m", "-XX:+UseParallelGC"));
        ctx.ownProcess = own;
        moveTo(own.base(), own.webhookUrl());
    }

    /** Portals "heap-1" to "heap-N", each keeping a lead whose comments are that long. */
    @When("I create {int} portals through the control API, each with a lead of {int} KB of comments")
    public void portalsWithLargeLeads(int portals, int kilobytes) {
        String comments = "x".repeat(kilobytes * 1000);
        for (int i = 1; i <= portals; i++) {
            createPortal("heap-" + i);
            Response lead = RestAssured.given().contentType("application/json")
                    .body(Map.of("fields", Map.of("TITLE", "heap " + i, "COMMENTS", comments)))
                    .post(portalWebhooks.get("heap-" + i) + "crm.lead.add");
            assertEquals(200, lead.statusCode(), "portal heap-" + i + ": " + lead.asString());
        }
    }

    @Then("the emulator's log has a warning saying {string}")
    public void logWarning(String text) {
        List<String> log = Objects.requireNonNull(ctx.ownProcess, "an emulator process of its own").output();
        assertTrue(log.stream().anyMatch(line -> line.contains(" WARN ") && line.contains(text)), String.join("\n", log));
    }

    @Given("the portal setting {string} is {string}")
    public void setting(String name, String value) {
        requireEmulator();
        String literal = value.matches("true|false|-?\\d+(\\.\\d+)?") ? value : "\"" + value + "\"";
        RestAssured.given().contentType("application/json").body("{\"" + name + "\":" + literal + "}")
                .patch(ctx.controlPath("/settings")).then().statusCode(200);
    }

    /** The next call of the method answers a system error, with the status and text the catalogue gives it (D151). */
    @Given("the portal answers {string} once with the system error {string}")
    public void systemError(String method, String code) {
        requireEmulator();
        RestAssured.given().contentType("application/json").body(Map.of("method", method, "error", code, "count", 1))
                .post(ctx.controlPath("/faults")).then().statusCode(201);
    }

    @When("the portal clock moves forward by {string}")
    public void advance(String duration) {
        requireEmulator();
        RestAssured.given().contentType("application/json").body(Map.of("advance", duration))
                .post(ctx.controlPath("/clock")).then().statusCode(200);
    }

    /** The portal's clock stopped at that instant: times in answers are then exact. */
    @Given("the portal clock stands still at {string}")
    public void standStill(String instant) {
        requireEmulator();
        RestAssured.given().contentType("application/json").body(Map.of("freeze", true))
                .post(ctx.controlPath("/clock")).then().statusCode(200);
        RestAssured.given().contentType("application/json").body(Map.of("set", instant))
                .post(ctx.controlPath("/clock")).then().statusCode(200);
    }

    /** A user's TIMEMAN_STATUS set through the control API, the rest of the user as it is: their work day follows. */
    @Given("user {int}'s time-tracking status is {string}")
    public void timemanStatus(int id, String status) {
        requireEmulator();
        List<Map<String, Object>> users = RestAssured.given().get(ctx.controlPath("/users")).then().statusCode(200)
                .extract().jsonPath().getList("");
        Map<String, Object> user = users.stream().filter(u -> String.valueOf(id).equals(String.valueOf(u.get("ID"))))
                .findFirst().<Map<String, Object>>map(HashMap::new).orElseThrow(() -> new AssertionError("no user " + id));
        user.put("TIMEMAN_STATUS", status);
        RestAssured.given().contentType("application/json").body(user).post(ctx.controlPath("/users")).then()
                .statusCode(201);
    }

    /** The last notification the portal sent: im.notify.* has no messenger to show in, the control API lists them. */
    @Then("the last notification went to user {int} from user {int} saying {string}")
    public void lastNotification(int to, int from, String message) {
        requireEmulator();
        List<Map<String, Object>> sent = RestAssured.given().get(ctx.controlPath("/notifications")).then()
                .statusCode(200).extract().jsonPath().getList("");
        assertTrue(!sent.isEmpty(), "no notification was sent");
        Map<String, Object> last = sent.get(sent.size() - 1);
        assertEquals(List.of(to, from, message), List.of(last.get("TO_USER_ID"), last.get("FROM_USER_ID"),
                last.get("NOTIFY_MESSAGE")), () -> "the last notification: " + last);
    }

    /**
     * The last message a finished call left in the messenger (finish with ADD_TO_CHAT): in the call chat the user keeps
     * for the number, titled with it, from the system (or from the user, for an outgoing call).
     */
    @Then("the last call chat message of user {string} is {string} in the chat {string} from user {string}")
    public void lastCallChatMessage(String user, String message, String title, String from) {
        Map<String, Object> last = lastCallChatMessage();
        assertEquals(List.of(Integer.parseInt(substitute(user)), substitute(message), title,
                        Integer.parseInt(substitute(from)), "CALL"),
                List.of(last.get("USER_ID"), last.get("MESSAGE"), last.get("CHAT_TITLE"), last.get("FROM_USER_ID"),
                        last.get("CHAT_ENTITY_TYPE")), () -> "the last call chat message: " + last);
    }

    /** The same in the private dialog with the employee whose number was called. */
    @Then("the last call chat message of user {string} is {string} in the dialog with user {int}")
    public void lastDialogMessage(String user, String message, int other) {
        Map<String, Object> last = lastCallChatMessage();
        assertEquals(List.of(Integer.parseInt(substitute(user)), substitute(message), Integer.toString(other)),
                List.of(last.get("USER_ID"), last.get("MESSAGE"), last.get("DIALOG_ID")),
                () -> "the last call chat message: " + last);
        assertEquals(null, last.get("CHAT_ID"), () -> "a private dialog has no chat: " + last);
    }

    @Then("no call chat message was sent")
    public void noCallChatMessage() {
        requireEmulator();
        List<Object> sent = RestAssured.given().get(ctx.controlPath("/chat-messages")).then().statusCode(200).extract()
                .jsonPath().getList("");
        assertEquals(List.of(), sent);
    }

    private Map<String, Object> lastCallChatMessage() {
        requireEmulator();
        List<Map<String, Object>> sent = RestAssured.given().get(ctx.controlPath("/chat-messages")).then()
                .statusCode(200).extract().jsonPath().getList("");
        assertTrue(!sent.isEmpty(), "no call chat message was sent");
        return sent.get(sent.size() - 1);
    }

    private String substitute(String text) {
        return Values.substitute(text, ctx.remembered);
    }

    @Then("user {int} has {int} notification(s)")
    public void notificationCount(int to, int count) {
        requireEmulator();
        List<Integer> recipients = RestAssured.given().get(ctx.controlPath("/notifications")).then().statusCode(200)
                .extract().jsonPath().getList("TO_USER_ID", Integer.class);
        assertEquals(count, recipients.stream().filter(id -> id == to).count(), () -> "recipients " + recipients);
    }

    @When("the portal is reset to its seed")
    public void reset() {
        requireEmulator();
        RestAssured.given().post(ctx.controlPath("/reset")).then().statusCode(200);
    }

    @When("a CRM form asks for a callback to {string} on line {string}")
    public void callback(String phone, String line) {
        requireEmulator();
        RestAssured.given().contentType("application/json").body(Map.of("phoneNumber", phone, "lineNumber", line,
                "text", "Please call back")).post(ctx.controlPath("/callback")).then().statusCode(200);
    }

    @Then("the finished call {string} was added to the chat: {string}")
    public void addedToChat(String call, String yesNo) {
        requireEmulator();
        Boolean added = RestAssured.given().get(ctx.controlPath("/calls")).then().statusCode(200).extract()
                .path("finished.find { it.callId == '" + Values.remembered(call, ctx.remembered) + "' }.addedToChat");
        assertEquals(yesNo.equals("yes"), added, () -> "addedToChat of {" + call + "}");
    }

    @Given("{string} is on the CRM exclusion list")
    public void exclude(String phone) {
        requireEmulator();
        RestAssured.given().contentType("application/json").body(Map.of("phone", phone))
                .post(ctx.controlPath("/crm-exclusions")).then().statusCode(201);
    }

    /** Dismisses an employee (user.update ACTIVE=N on a real portal): the users control endpoint replaces the user. */
    @Given("user {long} is dismissed")
    public void dismiss(long userId) {
        requireEmulator();
        Map<String, Object> user = RestAssured.given().get(ctx.controlPath("/users")).then().statusCode(200).extract()
                .path("find { it.ID == '" + userId + "' }");
        Map<String, Object> dismissed = new java.util.HashMap<>(user);
        dismissed.put("ACTIVE", false);
        RestAssured.given().contentType("application/json").body(dismissed).post(ctx.controlPath("/users"))
                .then().statusCode(201);
    }

    @Given("an application {string} with scopes {string}")
    public void install(String clientId, String scopes) {
        installBy(clientId, scopes, 1);
    }

    @Given("an application {string} with scopes {string} installed by user {int}")
    public void installBy(String clientId, String scopes, int userId) {
        requireEmulator();
        JsonNode tokens = ScenarioContext.JSON.valueToTree(RestAssured.given().contentType("application/json")
                .body(Map.of("clientId", clientId, "clientSecret", clientId + "-secret",
                        "scopes", Arrays.asList(scopes.split(",\\s*")), "userId", userId))
                .post(ctx.controlPath("/apps")).then().statusCode(201).extract().as(Map.class));
        ctx.appTokens.put(clientId, tokens.get("access_token").asText());
        ctx.remembered.put(clientId + ".installed_access_token", tokens.get("access_token").asText());
        ctx.remembered.put(clientId + ".refresh_token", tokens.get("refresh_token").asText());
        ctx.remembered.put(clientId + ".application_token", tokens.get("application_token").asText());
        ctx.remembered.put(clientId + ".app_id", tokens.get("app_id").asText());
    }

    /** A REST 3.0 call as an application: /rest/api/method with the token as auth in the JSON body. */
    @When("I call REST 3.0 {string} as application {string} with JSON:")
    public void callV3AsApp(String method, String clientId, String json) {
        com.fasterxml.jackson.databind.node.ObjectNode body;
        try {
            body = (com.fasterxml.jackson.databind.node.ObjectNode) ScenarioContext.JSON.readTree(
                    Values.substitute(json, ctx.remembered));
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
        body.put("auth", token(clientId));
        ctx.record(method, RestAssured.given().contentType("application/json").body(body.toString())
                .post(ctx.emulatorBase + "/rest/api/" + method), 3);
    }

    @Given("the portal has a user {int} named {string}")
    public void user(int id, String name) {
        requireEmulator();
        RestAssured.given().contentType("application/json").body(Map.of("ID", id, "NAME", name))
                .post(ctx.controlPath("/users")).then().statusCode(201);
    }

    /** The user logs in (the control API plays it): an invited user's first login completes the registration. */
    @When("user {string} logs in")
    public void logsIn(String userId) {
        requireEmulator();
        RestAssured.given().post(ctx.controlPath("/users/" + Values.substitute(userId, ctx.remembered) + "/login"))
                .then().statusCode(200);
    }

    /** A follow-up as call.followup.get answers it (callId, startDate, AI blocks...), plus chatMembers. */
    @Given("the portal has the follow-up:")
    public void followUp(String json) {
        requireEmulator();
        RestAssured.given().contentType("application/json").body(Values.substitute(json, ctx.remembered))
                .post(ctx.controlPath("/followups")).then().statusCode(201);
    }

    /** An outgoing webhook to the handler server's /webhook; its token is remembered as {webhook.application_token}. */
    @Given("an outgoing webhook for {string} to the handler server")
    public void outgoingWebhook(String events) {
        requireEmulator();
        Response created = RestAssured.given().contentType("application/json")
                .body(Map.of("handlerUrl", ctx.handler().url("/webhook"), "events", Arrays.asList(events.split(",\\s*"))))
                .post(ctx.controlPath("/outgoing-webhooks"));
        created.then().statusCode(201);
        ctx.remembered.put("webhook.application_token", created.jsonPath().getString("application_token"));
    }

    @Then("an outgoing webhook for {string} is refused with {string}")
    public void outgoingWebhookRefused(String events, String start) {
        requireEmulator();
        String description = RestAssured.given().contentType("application/json")
                .body(Map.of("handlerUrl", ctx.handler().url("/webhook"), "events", Arrays.asList(events.split(",\\s*"))))
                .post(ctx.controlPath("/outgoing-webhooks")).then().statusCode(400).extract().path("error_description");
        assertTrue(description.startsWith(start), () -> "refused with: " + description);
    }

    @Then("the outgoing webhook receives {string}")
    public void webhookReceives(String event) {
        HandlerServer.Received received = ctx.handler().await(r -> r.path().equals("/webhook")
                && r.event().equalsIgnoreCase(event), event + " at the outgoing webhook");
        ctx.body = received.form();
    }

    @Then("after {int} second(s) the outgoing webhook has received {int} {string}")
    public void webhookCountAfter(int seconds, int count, String event) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
        long received = ctx.handler().received().stream()
                .filter(r -> r.path().equals("/webhook") && r.event().equalsIgnoreCase(event)).count();
        assertEquals(count, received, () -> event + " deliveries to the outgoing webhook");
    }

    /** The keys of a delivered object ("auth"), whatever their order. */
    @Then("the delivered {string} has exactly the keys {string}")
    public void deliveredKeys(String path, String csv) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        ctx.body.at(Values.pointer(path)).fieldNames().forEachRemaining(keys::add);
        assertEquals(new java.util.TreeSet<>(Arrays.asList(csv.split(",\\s*"))), keys, () -> path + " in " + ctx.body);
    }

    @When("user {int} clicks to call {string} without naming a line")
    public void clickToCallAnyLine(int userId, String phone) {
        Response response = RestAssured.given().contentType("application/json")
                .body(Map.of("userId", userId, "phoneNumber", phone)).post(ctx.controlPath("/click-to-call"));
        response.then().statusCode(200);
        ctx.remembered.put("clicked", response.jsonPath().getString("CALL_ID"));
        ctx.remembered.put("clicked.appId", String.valueOf(response.jsonPath().getString("appId")));
        ctx.openCalls.add(response.jsonPath().getString("CALL_ID"));
    }

    @Then("clicking to call {string} as user {int} is refused")
    public void clickRefused(String phone, int userId) {
        RestAssured.given().contentType("application/json").body(Map.of("userId", userId, "phoneNumber", phone))
                .post(ctx.controlPath("/click-to-call")).then().statusCode(400);
    }

    @When("a CRM form asks for a callback to {string}")
    public void callbackAnyLine(String phone) {
        requireEmulator();
        RestAssured.given().contentType("application/json").body(Map.of("phoneNumber", phone, "text", "Please call back"))
                .post(ctx.controlPath("/callback")).then().statusCode(200);
    }

    @When("I call {string} as application {string}")
    public void callAsApp(String method, String clientId) {
        ctx.record(method, RestAssured.given().contentType("application/json").body("{}")
                .post(ctx.emulatorBase + "/rest/" + method + "?auth=" + token(clientId)));
    }

    /** With the token the installation answered, whichever the application holds now (renewals replace it). */
    @When("I call {string} as application {string} with the access token it was installed with")
    public void callAsAppWithFirstToken(String method, String clientId) {
        ctx.record(method, RestAssured.given().contentType("application/json").body("{}").post(ctx.emulatorBase
                + "/rest/" + method + "?auth=" + ctx.remembered.get(clientId + ".installed_access_token")));
    }

    @When("I call {string} as application {string} with:")
    public void callAsAppWith(String method, String clientId, DataTable table) {
        ctx.record(method, RestAssured.given().contentType("application/json").body(ctx.tree(table).toString())
                .post(ctx.emulatorBase + "/rest/" + method + "?auth=" + token(clientId)));
    }

    /** A browser's fetch from a page of that origin, with the default portal's well-known demo token (D205). */
    @When("a page of {string} calls {string} with the demo webhook token")
    public void pageCallsWithTheDemoToken(String origin, String method) {
        requireEmulator();
        ctx.record(method, RestAssured.given().header("Origin", origin)
                .get(ctx.emulatorBase + "/rest/1/demo-token/" + method));
    }

    /** event.bind with a handler on the emulator itself: its base URL and the path given (D204). */
    @When("application {string} binds {string} to the emulator's own {string}")
    public void bindToTheEmulatorItself(String clientId, String event, String path) {
        requireEmulator();
        ctx.record("event.bind", RestAssured.given().contentType("application/json")
                .body(Map.of("event", event, "handler", ctx.emulatorBase + path))
                .post(ctx.emulatorBase + "/rest/event.bind?auth=" + token(clientId)));
    }

    /** The token in an Authorization: Bearer header, as the real server also reads it. */
    @When("I call {string} as application {string} with a bearer token")
    public void callWithBearer(String method, String clientId) {
        ctx.record(method, RestAssured.given().contentType("application/json").header("Authorization", "Bearer " + token(clientId))
                .body("{}").post(ctx.emulatorBase + "/rest/" + method));
    }

    @When("I call {string} as application {string} with JSON:")
    public void callAsAppWithJson(String method, String clientId, String json) {
        ctx.record(method, RestAssured.given().contentType("application/json").body(Values.substitute(json, ctx.remembered))
                .post(ctx.emulatorBase + "/rest/" + method + "?auth=" + token(clientId)));
    }

    @When("application {string} renews its token")
    public void renew(String clientId) {
        renewWith(clientId, ctx.remembered.get(clientId + ".refresh_token"));
        if (ctx.status == 200) {
            ctx.remembered.put(clientId + ".old_refresh_token", ctx.remembered.get(clientId + ".refresh_token"));
            ctx.appTokens.put(clientId, ctx.body.get("access_token").asText());
            ctx.remembered.put(clientId + ".refresh_token", ctx.body.get("refresh_token").asText());
        }
    }

    @When("application {string} renews with its spent refresh token")
    public void renewSpent(String clientId) {
        ctx.remembered.put(clientId + ".refresh_token", ctx.remembered.get(clientId + ".old_refresh_token"));
        renew(clientId);
    }

    @Then("the token endpoint answers {int} {string}")
    public void tokenEndpoint(int status, String error) {
        assertEquals(status, ctx.status, () -> "token endpoint: " + ctx.body);
        if (!error.isEmpty()) {
            assertEquals(error, ctx.body.path("error").asText(), () -> "token endpoint: " + ctx.body);
        }
    }

    /** The journal shows each call's application and a fingerprint of its token, never the token (D49). */
    @Then("the journal's last {int} {string} calls came from application {string} with errors {string} and different tokens")
    public void journalShowsCallers(int count, String method, String clientId, String errors) {
        requireEmulator();
        List<Map<String, Object>> entries = RestAssured.given().queryParam("method", method)
                .queryParam("limit", count).get(ctx.controlPath("/requests")).then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(count, entries.size(), "journal entries of " + method);
        List<String> expectedErrors = java.util.Arrays.stream(errors.split(",\\s*"))
                .map(e -> e.equals("none") ? null : e).toList();
        assertEquals(expectedErrors, entries.stream().map(e -> (String) e.get("error")).toList());
        entries.forEach(e -> assertEquals(clientId, e.get("app")));
        assertEquals(count, entries.stream().map(e -> e.get("credential")).distinct().count(), "one fingerprint per token");
        entries.forEach(e -> assertTrue(!String.valueOf(e).contains(token(clientId)), "the journal never shows a token"));
    }

    /**
     * A request whose credentials name no portal is in the emulator-wide journal of such requests, with why, and in
     * no portal's (D184); read through the embedding API, as a JVM test reads it.
     */
    @Then("the emulator's requests that named no portal include {string} answered {int} {string} because {string}")
    public void namedNoPortal(String method, int status, String error, String why) {
        requireEmulator();
        List<dev.b24emu.emulator.RecordedRequest> refused = Target.emulator().controls().noPortalRequests().stream()
                .filter(r -> r.method().equals(method)).toList();
        assertTrue(refused.stream().anyMatch(r -> r.status() == status && error.equals(r.error())
                && r.warnings().get(r.warnings().size() - 1).startsWith(why)), () -> "no " + method + " " + status
                + " " + error + " because \"" + why + "…\" among " + refused);
        List<Map<String, Object>> own = RestAssured.given().queryParam("method", method)
                .get(ctx.controlPath("/requests")).then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(own.stream().allMatch(e -> e.get("status").equals(200)), () -> "the portal's own journal: " + own);
    }

    /** The journal already holds a call whose answer its client has (D80). */
    @Then("the request journal's last call is {string}")
    public void journalLastCall(String method) {
        requireEmulator();
        List<Map<String, Object>> entries = RestAssured.given().queryParam("limit", 1).get(ctx.controlPath("/requests"))
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, entries.size(), "journal entries");
        assertEquals(method, entries.get(0).get("method"));
    }

    /** A documented event sent now to the handler server, as the application receives it (D81). */
    @When("the emulator sends {string} to the handler of application {string}")
    public void trigger(String event, String clientId) {
        triggerWith(event, clientId, Map.of());
    }

    @When("the emulator sends {string} to the handler of application {string} with:")
    public void trigger(String event, String clientId, DataTable data) {
        triggerWith(event, clientId, data.asMap(String.class, String.class));
    }

    private void triggerWith(String event, String clientId, Map<String, String> data) {
        requireEmulator();
        ctx.recordControl("trigger", RestAssured.given().contentType("application/json")
                .body(Map.of("event", event, "handlerUrl", ctx.handler().url("/events/" + clientId), "clientId", clientId,
                        "data", data))
                .post(ctx.controlPath("/trigger")));
    }

    @Given("application {string} binds {string} to the handler server")
    public void bindEvent(String clientId, String event) {
        RestAssured.given().contentType("application/json")
                .body(Map.of("event", event, "handler", ctx.handler().url("/events/" + clientId)))
                .post(ctx.emulatorBase + "/rest/event.bind?auth=" + token(clientId)).then().statusCode(200);
    }

    /** OnOfflineEvent's notifications, at most one per minTimeout seconds (on-offline-event.md). */
    @Given("application {string} binds OnOfflineEvent to the handler server with minTimeout {int}")
    public void bindOfflineNotice(String clientId, int minTimeout) {
        RestAssured.given().contentType("application/json")
                .body(Map.of("event", "OnOfflineEvent", "handler", ctx.handler().url("/events/" + clientId),
                        "options", Map.of("minTimeout", minTimeout)))
                .post(ctx.emulatorBase + "/rest/event.bind?auth=" + token(clientId)).then().statusCode(200);
    }

    @Given("application {string} binds the CALL_CARD widget to the handler server")
    public void bindWidget(String clientId) {
        RestAssured.given().contentType("application/json")
                .body(Map.of("PLACEMENT", "CALL_CARD", "HANDLER", ctx.handler().url("/widget/" + clientId)))
                .post(ctx.emulatorBase + "/rest/placement.bind?auth=" + token(clientId)).then().statusCode(200);
    }

    /** A PAGE_BACKGROUND_WORKER handler with its errorHandlerUrl at the handler server's /worker-error/{clientId}. */
    @Given("application {string} binds a background worker with its error handler at the handler server")
    public void bindWorker(String clientId) {
        RestAssured.given().contentType("application/json")
                .body(Map.of("PLACEMENT", "PAGE_BACKGROUND_WORKER", "HANDLER", ctx.handler().url("/worker/" + clientId),
                        "OPTIONS", Map.of("errorHandlerUrl", ctx.handler().url("/worker-error/" + clientId))))
                .post(ctx.emulatorBase + "/rest/placement.bind?auth=" + token(clientId)).then().statusCode(200);
    }

    /** The portal's pages report that many loads of application's background worker that took over five seconds (D193). */
    @When("pages report {int} slow load(s) of the background worker of application {string}")
    public void slowLoads(int count, String clientId) throws java.io.IOException {
        requireEmulator();
        JsonNode workers = ScenarioContext.JSON.readTree(RestAssured.given().get(ctx.controlPath("/background-workers"))
                .then().statusCode(200).extract().asString());
        long id = -1;
        for (JsonNode worker : workers) {
            if (worker.path("url").asText().contains("/worker/" + clientId)) {
                id = worker.path("placementId").asLong();
            }
        }
        assertTrue(id > 0, () -> "no background worker of " + clientId + " among " + workers);
        for (int i = 0; i < count; i++) {
            ctx.body = ScenarioContext.JSON.readTree(RestAssured.given().contentType("application/json").body("{}")
                    .post(ctx.controlPath("/background-workers/" + id + "/slow-load")).then().statusCode(200)
                    .extract().asString());
        }
    }

    @Then("the background worker's error handler of application {string} is told {string}")
    public void workerErrorHandlerTold(String clientId, String error) {
        HandlerServer.Received received = ctx.handler().await(r -> r.path().equals("/worker-error/" + clientId),
                "the error handler's notice of " + clientId);
        assertEquals(error, received.form().path("error").asText(), () -> received.body());
    }

    @Given("the handler server answers {int}")
    public void handlerAnswers(int status) {
        ctx.handler().answer(status, 0);
    }

    @Given("the handler server answers {int} after {int} ms")
    public void handlerAnswersAfter(int status, int millis) {
        ctx.handler().answer(status, millis);
    }

    /** The events reached the application's handler in this order (the last one awaited first). */
    @Then("application {string} receives {string} in this order")
    public void receivesInOrder(String clientId, String csv) {
        List<String> events = Arrays.asList(csv.split(",\\s*"));
        receives(clientId, events.get(events.size() - 1));
        List<String> arrived = ctx.handler().received().stream().filter(r -> r.path().equals("/events/" + clientId))
                .map(r -> r.event().toUpperCase(java.util.Locale.ROOT))
                .filter(e -> events.stream().anyMatch(e::equalsIgnoreCase)).toList();
        assertEquals(events.stream().map(e -> e.toUpperCase(java.util.Locale.ROOT)).toList(), arrived);
    }

    @Then("application {string} receives {string}")
    public void receives(String clientId, String event) {
        HandlerServer.Received received = ctx.handler().await(r -> r.path().equals("/events/" + clientId)
                && r.event().equalsIgnoreCase(event), event + " at application " + clientId);
        ctx.body = received.form();
    }

    @Then("the CALL_CARD widget of application {string} opens")
    public void widgetOpens(String clientId) {
        HandlerServer.Received received = ctx.handler().await(r -> r.path().equals("/widget/" + clientId),
                "the CALL_CARD opening of " + clientId);
        var merged = received.query().deepCopy();
        merged.setAll(received.form());
        try {
            merged.set("PLACEMENT_OPTIONS", ScenarioContext.JSON.readTree(received.form().get("PLACEMENT_OPTIONS").asText()));
        } catch (java.io.IOException e) {
            throw new AssertionError("PLACEMENT_OPTIONS is not JSON", e);
        }
        ctx.body = merged;
    }

    @Then("after {int} second(s) the CALL_CARD widget of application {string} has not opened")
    public void widgetNotOpened(int seconds, String clientId) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
        assertEquals(0, ctx.handler().received().stream().filter(r -> r.path().equals("/widget/" + clientId)).count(),
                () -> "CALL_CARD openings of " + clientId);
    }

    /** A widget's (AUTH_ID, REFRESH_ID) or an event's (auth[...]) pair: its own, not the application's (D207). */
    @Then("the delivered tokens are not those application {string} holds")
    public void deliveredTokensAreOwn(String clientId) {
        String access = ctx.body.has("AUTH_ID") ? ctx.body.path("AUTH_ID").asText() : ctx.body.at("/auth/access_token").asText();
        String refresh = ctx.body.has("REFRESH_ID") ? ctx.body.path("REFRESH_ID").asText()
                : ctx.body.at("/auth/refresh_token").asText();
        assertTrue(access.matches("[0-9a-f]{32}") && refresh.matches("[0-9a-f]{32}"), () -> "delivered: " + ctx.body);
        assertNotEquals(token(clientId), access, "the delivered access token is the application's own");
        assertNotEquals(ctx.remembered.get(clientId + ".refresh_token"), refresh, "the delivered refresh token is the application's own");
        ctx.remembered.put(clientId + ".delivered_refresh_token", refresh);
    }

    @When("the receiver renews with the refresh token delivered to application {string}")
    public void renewDelivered(String clientId) {
        renewWith(clientId, ctx.remembered.get(clientId + ".delivered_refresh_token"));
    }

    /** A renewal at the authorization server, its answer kept for the token endpoint's steps. */
    private void renewWith(String clientId, String refreshToken) {
        Response response = RestAssured.given().queryParam("grant_type", "refresh_token").queryParam("client_id", clientId)
                .queryParam("client_secret", clientId + "-secret").queryParam("refresh_token", refreshToken)
                .get(ctx.emulatorBase + "/oauth/token/");
        ctx.status = response.statusCode();
        ctx.body = ScenarioContext.JSON.valueToTree(response.as(Map.class));
    }

    @Then("the delivered {string} is {string}")
    public void deliveredIs(String path, String value) {
        JsonNode node = ctx.body.at(Values.pointer(path));
        assertEquals(Values.substitute(value, ctx.remembered), node.asText(null), () -> path + " in " + ctx.body);
        assertTrue(node.isTextual(), () -> path + " should be delivered as a string: " + node);
    }

    /** A key the page says is not passed (a null the real form encoding drops, a key reserved for other calls). */
    @Then("the delivery has no {string}")
    public void deliveryHasNo(String path) {
        assertTrue(ctx.body.at(Values.pointer(path)).isMissingNode(), () -> path + " should not be in " + ctx.body);
    }

    /** The object at the path (of a delivery, or "result..." of an answer) has these keys and no other. */
    @Then("{string} has exactly the keys {string}")
    public void exactKeys(String path, String csv) {
        JsonNode node = ctx.body.at(Values.pointer(path));
        java.util.Set<String> actual = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(actual::add);
        assertEquals(new java.util.TreeSet<>(Arrays.asList(csv.split(",\\s*"))), actual, () -> path + " in " + ctx.body);
    }

    @Then("after {int} second(s) application {string} has received {int} {string}")
    public void countAfter(int seconds, String clientId, int count, String event) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
        long received = ctx.handler().received().stream()
                .filter(r -> r.path().equals("/events/" + clientId) && r.event().equalsIgnoreCase(event)).count();
        assertEquals(count, received, () -> event + " deliveries to " + clientId);
    }

    @Then("every delivery conforms to the contract")
    public void deliveriesConform() {
        ctx.handler().assertAllConform();
    }

    @When("user {int} clicks to call {string} on line {string}")
    public void clickToCall(int userId, String phone, String line) {
        Response response = RestAssured.given().contentType("application/json")
                .body(Map.of("userId", userId, "phoneNumber", phone, "lineNumber", line))
                .post(ctx.controlPath("/click-to-call"));
        response.then().statusCode(200);
        ctx.remembered.put("clicked", response.jsonPath().getString("CALL_ID"));
        ctx.openCalls.add(response.jsonPath().getString("CALL_ID"));
    }

    @Given("a call list {string} of contacts {string}")
    public void callList(String name, String ids) {
        List<Long> entities = Arrays.stream(ids.split(",\\s*")).map(Long::parseLong).toList();
        Object id = RestAssured.given().contentType("application/json")
                .body(Map.of("ENTITY_TYPE", "CONTACT", "ENTITIES", entities))
                .post(ctx.webhook + "crm.calllist.add").then().statusCode(200).extract().path("result");
        ctx.remembered.put(name, String.valueOf(id));
    }

    @When("user {int} moves to the {string} client of call list {string}")
    public void moveInList(int userId, String which, String name) {
        String action = which.equals("first") ? "start" : "next";
        RestAssured.given().contentType("application/json").body(Map.of("userId", userId))
                .post(ctx.controlPath("/call-lists/" + Values.remembered(name, ctx.remembered) + "/" + action)).then().statusCode(200);
    }

    /** The operator's result for a client, as the card's status buttons set it (D154). */
    @When("user {int} marks client {long} of call list {string} as {string}")
    public void markInList(int userId, long entityId, String name, String status) {
        requireEmulator();
        RestAssured.given().contentType("application/json")
                .body(Map.of("userId", userId, "entityId", entityId, "status", status))
                .post(ctx.controlPath("/call-lists/" + Values.remembered(name, ctx.remembered) + "/status")).then().statusCode(200);
    }

    @When("user {int} does {string} in the card of {string}")
    public void cardAction(int userId, String action, String call) {
        cardAction(userId, action, call, "{}");
    }

    @When("user {int} does {string} in the card of {string} with {string}")
    public void cardAction(int userId, String action, String call, String json) {
        RestAssured.given().contentType("application/json").body(json)
                .post(cardPath(userId, call) + "/" + action).then().statusCode(200);
    }

    @When("the widget in the card of {string} for user {int} calls {string}")
    public void widgetCommand(String call, int userId, String command) {
        Response response = RestAssured.given().contentType("application/json").body(Map.of("command", command))
                .post(cardPath(userId, call) + "/command");
        response.then().statusCode(200);
        ctx.body = ScenarioContext.JSON.createObjectNode().set("result", ScenarioContext.JSON.valueToTree(response.as(Object.class)));
    }

    @Then("the card of {string} for user {int} emitted {string} for {string}")
    public void cardEmitted(String call, int userId, String event, String triggers) {
        List<String> actual = RestAssured.given().get(cardPath(userId, call)).then().statusCode(200).extract()
                .jsonPath().getList("events.findAll { it.name == '" + event + "' }.trigger");
        assertEquals(triggers.isEmpty() ? List.of() : Arrays.asList(triggers.split(",\\s*")), actual,
                () -> event + " of the card of {" + call + "}");
    }

    @Then("I remember the delivered {string} as {string}")
    public void rememberDelivered(String path, String name) {
        JsonNode value = ctx.body.at(Values.pointer(path));
        if (value.isMissingNode()) { // remembered as "" it compared equal to any other missing field (audit 50d)
            throw new AssertionError("The delivery has no \"" + path + "\": " + ctx.body);
        }
        ctx.remembered.put(name, value.asText());
    }

    /** The tab the call card shows for the first CALL_CARD widget (the simulator's label). */
    @Then("the widget tab in the card of {string} for user {int} is titled {string}")
    public void widgetTab(String call, int userId, String title) {
        String actual = RestAssured.given().get(cardPath(userId, call) + "/widgets").then().statusCode(200).extract()
                .path("[0].title");
        assertEquals(title, actual, () -> "the tab of the widget in the card of {" + call + "}");
    }

    /** The n-th (from 1) event of that name the card emitted carried exactly these arguments (JSON). */
    @Then("the card event {string} {int} of {string} for user {int} has the arguments {string}")
    public void cardEventArgs(String event, int nth, String call, int userId, String json) throws java.io.IOException {
        assertCardEvent(event, nth, call, userId, "args", json);
    }

    /** What a widget's handler bound to that event is called with (D187), as JSON: the list of its arguments. */
    @Then("the card event {string} {int} of {string} for user {int} hands a widget's handler {string}")
    public void cardEventHandlerArgs(String event, int nth, String call, int userId, String json) throws java.io.IOException {
        assertCardEvent(event, nth, call, userId, "handlerArgs", json);
    }

    private void assertCardEvent(String event, int nth, String call, int userId, String field, String json)
            throws java.io.IOException {
        JsonNode view = ScenarioContext.JSON.readTree(RestAssured.given().get(cardPath(userId, call)).then().statusCode(200)
                .extract().asString());
        List<JsonNode> named = new java.util.ArrayList<>();
        view.path("events").forEach(e -> {
            if (e.path("name").asText().equals(event)) {
                named.add(e.path(field));
            }
        });
        assertTrue(named.size() >= nth, () -> "the card of {" + call + "} emitted " + named.size() + " " + event);
        assertEquals(ScenarioContext.JSON.readTree(json), named.get(nth - 1), () -> event + " " + nth + " of {" + call + "}");
    }

    @Then("user {int} has no card of {string}")
    public void noCard(int userId, String call) {
        RestAssured.given().get(cardPath(userId, call)).then().statusCode(404)
                .body("error", org.hamcrest.Matchers.equalTo("CARD_NOT_FOUND"));
    }

    @Then("the card of {string} for user {int} is {string}")
    public void cardIs(String call, int userId, String state) {
        Boolean closed = RestAssured.given().get(cardPath(userId, call)).then().statusCode(200).extract().path("closed");
        assertEquals(state.equals("closed"), closed, () -> "the card of {" + call + "} should be " + state);
    }

    /** The access dialog (BX24.selectAccess) open for the user offers the code from that provider's tab, so named. */
    @Then("the access dialog for user {int} offers {string} from {string} named {string}")
    public void accessDialogOffers(int userId, String code, String provider, String name) throws java.io.IOException {
        requireEmulator();
        JsonNode items = ScenarioContext.JSON.readTree(RestAssured.given()
                .get(ctx.controlPath("/access-dialog?user=" + userId)).then().statusCode(200).extract().asString());
        List<String> offered = new java.util.ArrayList<>();
        items.forEach(item -> offered.add(item.path("provider").asText() + " " + item.path("id").asText() + " "
                + item.path("name").asText()));
        assertTrue(offered.contains(provider + " " + code + " " + name), () -> "the dialog offers " + offered);
    }

    /**
     * A page of the portal at that address, open for the user, loads that many PAGE_BACKGROUND_WORKER handlers, each
     * told the page's address (D191).
     */
    @Then("a portal page {string} of user {int} loads {int} background worker(s)")
    public void backgroundWorkers(String uri, int userId, int count) throws java.io.IOException {
        requireEmulator();
        JsonNode workers = ScenarioContext.JSON.readTree(RestAssured.given().queryParam("user", userId)
                .queryParam("uri", uri).get(ctx.controlPath("/background-workers")).then().statusCode(200)
                .extract().asString());
        assertEquals(count, workers.size(), () -> "the page's workers: " + workers);
        for (JsonNode worker : workers) {
            assertEquals("PAGE_BACKGROUND_WORKER", worker.path("form").path("PLACEMENT").asText());
            JsonNode options = ScenarioContext.JSON.readTree(worker.path("form").path("PLACEMENT_OPTIONS").asText());
            assertEquals(uri, options.path("URI").asText(), () -> "PLACEMENT_OPTIONS " + options);
        }
    }

    private String cardPath(int userId, String call) {
        // the call's remembered name, bare ("call") or as it is written elsewhere ("{call}")
        String name = call.startsWith("{") && call.endsWith("}") ? call.substring(1, call.length() - 1) : call;
        return ctx.controlPath("/cards/" + Values.remembered(name, ctx.remembered) + "/" + userId);
    }

    private String token(String clientId) {
        String token = ctx.appTokens.get(clientId);
        if (token == null) {
            throw new AssertionError("No application " + clientId + " is installed in this scenario");
        }
        return token;
    }
}
