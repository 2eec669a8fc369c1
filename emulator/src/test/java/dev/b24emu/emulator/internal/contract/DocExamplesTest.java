package dev.b24emu.emulator.internal.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.testing.HandlerServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example JSON of the served pages (requests and answers) is a test: the request is sent as the page shows it
 * (its placeholders — the page's CALL_ID, user 1269, list 123 — replaced by this portal's), and the answer must have
 * the page's shape and wire types: every key the example shows, with a value of the same JSON type (numbers of either
 * kind are numbers; an example's null says nothing of the type); for an error, the example's code and text exactly.
 * Event examples are compared with the delivery the emulator POSTs (data with exactly the example's keys), call-card
 * examples with the widget command's answer. The cases live in {@code doc-examples/examples.json}, each naming its
 * page and block; {@link #theExamplesAreThePagesOwnAndEveryOneIsTested} holds them to the pages in
 * ../shared/bitrix24-docs when that folder is present.
 */
class DocExamplesTest extends AppHarness {
    private static final String CALL_FIXTURE_NUMBER = "+79990000001"; // demo contact 1

    private final Map<String, String> vars = new HashMap<>();
    private String token;

    static Stream<JsonNode> cases() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        examples().path("cases").forEach(cases::add);
        return cases.stream();
    }

    private static JsonNode examples() throws IOException {
        try (InputStream in = DocExamplesTest.class.getResourceAsStream("/doc-examples/examples.json")) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theExampleIsAnsweredInThePagesShape(JsonNode example) throws Exception {
        token = install("local.docs", List.of("telephony", "call", "crm", "user", "placement"), null).getString("access_token");
        vars.put("user", "2");
        for (JsonNode fixture : example.path("fixtures")) {
            fixture(fixture.asText());
        }
        String kind = example.path("kind").asText();
        switch (kind) {
            case "answer" -> answer(example);
            case "error" -> error(example);
            case "event" -> event(example);
            case "card" -> card(example);
            case "token" -> token(example);
            default -> throw new IllegalArgumentException("Unknown kind " + kind);
        }
    }

    private void answer(JsonNode example) throws IOException {
        Response response = send(example);
        JsonNode body = JSON.readTree(response.asString());
        assertEquals(200, response.statusCode(), () -> example.path("name").asText() + ": " + body);
        if (example.has("example")) {
            assertShape(example, example.get("example"), body);
        }
    }

    private void error(JsonNode example) throws IOException {
        Response response = send(example);
        JsonNode body = JSON.readTree(response.asString());
        JsonNode expected = example.get("example");
        assertTrue(response.statusCode() >= 400, () -> example.path("name").asText() + ": not an error: " + body);
        for (Iterator<String> keys = expected.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            assertEquals(expected.get(key), body.get(key), example.path("name").asText() + ": " + key + " of " + body);
        }
    }

    private void event(JsonNode example) throws IOException {
        String event = example.path("method").asText();
        HandlerServer.Received delivery = handler.awaitEvent(event);
        ObjectNode delivered = delivery.form();
        JsonNode expected = example.get("example");
        assertShape(example, expected, delivered);
        Set<String> sent = names(delivered.path("data"));
        assertEquals(names(expected.path("data")), sent, event + ": the delivered data keys");
    }

    private void card(JsonNode example) throws IOException {
        Response response = given().contentType(ContentType.JSON).body(Map.of("command", example.path("method").asText()))
                .post(cardPath() + "/command");
        assertEquals(200, response.statusCode(), response.asString());
        assertShape(example, example.get("example"), JSON.readTree(response.asString()));
    }

    /** The authorization server's answer to a refresh (the only grant the emulator serves, D40). */
    private void token(JsonNode example) throws IOException {
        String refresh = install("local.renew", List.of("telephony"), null).getString("refresh_token");
        Response response = given().queryParam("grant_type", "refresh_token").queryParam("client_id", "local.renew")
                .queryParam("client_secret", "local.renew-secret").queryParam("refresh_token", refresh)
                .get(base() + "/oauth/token/");
        assertEquals(200, response.statusCode(), response.asString());
        assertShape(example, example.get("example"), JSON.readTree(response.asString()));
    }

    private Response send(JsonNode example) {
        ObjectNode params = (ObjectNode) substitute(example.has("request") ? example.get("request") : example.get("params"),
                example.path("replace"));
        params.remove("auth");
        String method = example.path("method").asText();
        return switch (example.path("auth").asText()) {
            case "webhook" -> call(method, JSON.convertValue(params, Map.class));
            case "user2app" -> oauth(nonAdminToken(), method, JSON.convertValue(params, Map.class));
            default -> oauth(token, method, JSON.convertValue(params, Map.class));
        };
    }

    /** An application installed by user 2, who is not an administrator. */
    private String nonAdminToken() {
        return given().contentType(ContentType.JSON).body(Map.of("clientId", "local.docs2", "clientSecret", "s",
                        "scopes", List.of("crm", "placement"), "userId", 2))
                .post(base() + "/_emulator/portals/" + portal.id() + "/apps").then().statusCode(201).extract()
                .path("access_token");
    }

    /** The page's placeholders replaced: a value named in "replace", and any "{name}" of a fixture's value. */
    private JsonNode substitute(JsonNode node, JsonNode replace) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), substitute(e.getValue(), replace)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(substitute(item, replace)));
            return copy;
        }
        if (!node.isValueNode() || node.isNull()) {
            return node;
        }
        String text = node.asText();
        String replaced = replace.has(text) ? replace.get(text).asText() : text;
        Matcher var = Pattern.compile("\\{(\\w+)}").matcher(replaced);
        if (var.matches()) {
            replaced = vars.get(var.group(1));
        }
        if (replaced.equals(text)) {
            return node;
        }
        return node.isNumber() && replaced.matches("-?\\d+") ? JsonNodeFactory.instance.numberNode(Long.parseLong(replaced))
                : TextNode.valueOf(replaced);
    }

    private static void assertShape(JsonNode example, JsonNode expected, JsonNode actual) {
        Set<String> ignore = new HashSet<>();
        example.path("ignore").forEach(path -> ignore.add(path.asText()));
        List<String> problems = new ArrayList<>();
        shape(expected, actual, "", ignore, problems);
        assertEquals(List.of(), problems, example.path("name").asText() + " (" + example.path("page").asText()
                + "): the answer " + actual + " differs from the page's shape");
    }

    private static void shape(JsonNode expected, JsonNode actual, String path, Set<String> ignore, List<String> problems) {
        if (ignore.contains(path) || expected.isNull()) {
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            problems.add(path + " is missing");
        } else if (expected.isObject()) {
            if (!actual.isObject()) {
                problems.add(path + " is " + actual.getNodeType() + ", the page shows an object");
                return;
            }
            expected.fieldNames().forEachRemaining(key -> shape(expected.get(key), actual.get(key), path + "/" + key,
                    ignore, problems));
        } else if (expected.isArray()) {
            if (!actual.isArray()) {
                problems.add(path + " is " + actual.getNodeType() + ", the page shows an array");
            } else if (!expected.isEmpty()) {
                if (actual.isEmpty()) {
                    problems.add(path + " is empty, the page shows items");
                } else {
                    shape(expected.get(0), actual.get(0), path + "/0", ignore, problems);
                }
            }
        } else if (expected.getNodeType() != actual.getNodeType()) {
            problems.add(path + " is " + actual.getNodeType() + " " + actual + ", the page shows " + expected.getNodeType()
                    + " " + expected);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---- the portal states the examples need ----

    private void fixture(String name) {
        switch (name) {
            case "openCall" -> vars.put("openCall", register(Map.of("SHOW", 0)));
            case "finishedCall" -> {
                String callId = register(Map.of("SHOW", 0));
                finish(callId);
                vars.put("finishedCall", callId);
            }
            case "clientsWith19062195047" -> {
                call("crm.contact.add", Map.of("fields", Map.of("NAME", "John", "LAST_NAME", "Doe", "ASSIGNED_BY_ID", 2,
                        "PHONE", List.of(Map.of("VALUE", "19062195047", "VALUE_TYPE", "MOBILE"))))).then().statusCode(200);
                call("crm.company.add", Map.of("fields", Map.of("TITLE", "Daisy LLC", "ASSIGNED_BY_ID", 2,
                        "PHONE", List.of(Map.of("VALUE", "19062195047", "VALUE_TYPE", "WORK"))))).then().statusCode(200);
            }
            case "appContextOnly" -> patchSettings("{\"appContextOnly\": true}");
            case "line14151234567" -> oauth(token, "telephony.externalLine.add", Map.of("NUMBER", "14151234567",
                    "NAME", "Support Line", "CRM_AUTO_CREATE", "N")).then().statusCode(200);
            case "line14157654321" -> oauth(token, "telephony.externalLine.add", Map.of("NUMBER", "14157654321",
                    "NAME", "Main External Line")).then().statusCode(200);
            case "clickToCall" -> {
                bind(token, "ONEXTERNALCALLSTART", handler.url("/events"));
                oauth(token, "telephony.externalLine.add", Map.of("NUMBER", "7")).then().statusCode(200);
                control("/click-to-call", Map.of("userId", 2, "phoneNumber", CALL_FIXTURE_NUMBER, "lineNumber", "7",
                        "crmEntityType", "CONTACT", "crmEntityId", 1));
            }
            case "callbackRequest" -> {
                // a site visitor's request carries a user's tokens, as the page's example shows, only to a handler
                // bound with auth_type (D156)
                oauth(token, "event.bind", Map.of("event", "ONEXTERNALCALLBACKSTART", "handler", handler.url("/events"),
                        "auth_type", 1)).then().statusCode(200);
                oauth(token, "telephony.externalLine.add", Map.of("NUMBER", "7")).then().statusCode(200);
                control("/callback", Map.of("phoneNumber", "+74951234567", "text", "A callback has been ordered",
                        "voice", "ruinternalfemale", "crmEntityType", "CONTACT", "crmEntityId", 1, "lineNumber", "7"));
            }
            case "appRegistersACall" -> {
                bind(token, "ONVOXIMPLANTCALLINIT", handler.url("/events"));
                bind(token, "ONVOXIMPLANTCALLSTART", handler.url("/events"));
                register(Map.of("SHOW", 0));
            }
            case "appFinishesACall" -> {
                bind(token, "ONVOXIMPLANTCALLEND", handler.url("/events"));
                finish(register(Map.of("SHOW", 0)));
            }
            case "dealToolbarWidgets" -> {
                for (String title : List.of("Add invoice", "Import invoice")) {
                    oauth(token, "placement.bind", Map.of("PLACEMENT", "CRM_DEAL_LIST_TOOLBAR", "HANDLER",
                            "https://myapp.com/?handler=1&t=" + title.length(), "TITLE", title,
                            "LANG_ALL", Map.of("de", Map.of("TITLE", title, "GROUP_NAME", "Documents")))).then().statusCode(200);
                }
            }
            case "leadTabTwice" -> {
                for (int user : List.of(0, 0)) {
                    oauth(token, "placement.bind", Map.of("PLACEMENT", "CRM_LEAD_DETAIL_TAB", "HANDLER",
                            "https://www.myapplicationhost.com/placement/", "TITLE", "Tab " + user));
                }
            }
            case "openCard" -> {
                vars.put("cardCall", register(Map.of("SHOW", 1)));
            }
            case "finishedBoundCardWithAutoCloseDisabled" -> {
                String callId = register(Map.of("SHOW", 1));
                vars.put("cardCall", callId);
                given().contentType(ContentType.JSON).body(Map.of("command", "disableAutoClose"))
                        .post(cardPath() + "/command").then().statusCode(200);
                finish(callId);
            }
            case "contact3" -> call("crm.contact.add", Map.of("fields", Map.of("NAME", "Third"))).then().statusCode(200);
            case "callList" -> vars.put("callList", Integer.toString(call("crm.calllist.add", Map.of("ENTITY_TYPE", "CONTACT",
                    "ENTITIES", List.of(1, 2), "WEBFORM_ID", 1)).then().statusCode(200).extract().<Integer>path("result")));
            case "leadAddHandler" -> bind(token, "ONCRMLEADADD", "https://www.my-domain.com/handler/");
            case "offlineCalls", "offlineCallsOfBxTest" -> {
                Map<String, Object> binding = new HashMap<>(Map.of("event", "ONVOXIMPLANTCALLINIT", "event_type", "offline"));
                if (name.equals("offlineCallsOfBxTest")) { // the connector event.offline.get's example names
                    binding.put("auth_connector", "BxTest");
                }
                oauth(token, "event.bind", binding).then().statusCode(200);
                // the calls come from the PBX's webhook: an application's own request is not recorded in its queue of
                // the same source key (D137)
                for (String phone : List.of(CALL_FIXTURE_NUMBER, "+79990000002")) {
                    call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", phone, "TYPE", 2,
                            "LINE_NUMBER", "3", "SHOW", 0)).then().statusCode(200);
                }
            }
            case "offlineProcess" -> {
                fixture("offlineCalls");
                vars.put("processId", oauth(token, "event.offline.get", Map.of("clear", 0)).then().statusCode(200)
                        .extract().path("result.process_id"));
            }
            case "appSip" -> { // a cloud PBX of the test's application: CONFIG_ID, REG_ID and its line reg<REG_ID>
                io.restassured.path.json.JsonPath sip = oauth(token, "voximplant.sip.add", Map.of("TYPE", "cloud",
                        "TITLE", "SIP line", "SERVER", "sipnet.com", "LOGIN", "0045281811", "PASSWORD", "N7K4mCG9"))
                        .then().statusCode(200).extract().jsonPath();
                vars.put("sip", sip.getString("result.CONFIG_ID"));
                vars.put("regId", sip.getString("result.REG_ID"));
                vars.put("regLine", "reg" + sip.getString("result.REG_ID"));
            }
            case "appSipRegistered" -> { // sip.status read the registration: sip.get shows it (sip-get.md's example)
                fixture("appSip");
                oauth(token, "voximplant.sip.status", Map.of("REG_ID", vars.get("regId"))).then().statusCode(200);
            }
            case "noLineModify" -> patchControl("/voximplant/users/1", "{\"rights\": {\"lineModify\": \"NONE\"}}");
            case "noStatisticView" -> patchControl("/voximplant/users/1", "{\"rights\": {\"callStatisticView\": \"NONE\"}}");
            case "userGetPending" -> patchControl("/voximplant/settings", "{\"userGetConfirmation\": \"pending\"}");
            case "noInfocalls" -> patchControl("/voximplant/settings", "{\"infocallMonthlyLimit\": 0}");
            case "emptyErrorCode" -> patchSettings("{\"emptyErrorCode\": true}");
            // the telephony event pages show a refresh token the server sends only with a few events (D94)
            case "pagesRefreshToken" -> patchSettings("{\"refreshTokenInEveryEvent\": true}");
            case "transcribedCall" -> { // a finished call of the demo contact, its transcription attached
                String callId = register(Map.of("SHOW", 0));
                long activity = oauth(token, "telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2,
                        "DURATION", 95)).then().statusCode(200).extract().jsonPath().getLong("result.CRM_ACTIVITY_ID");
                oauth(token, "telephony.call.attachTranscription", Map.of("CALL_ID", callId, "MESSAGES", List.of(
                        Map.of("SIDE", "Client", "START_TIME", 1, "STOP_TIME", 4, "MESSAGE", "Hello")))).then().statusCode(200);
                vars.put("transcribedActivity", Long.toString(activity));
            }
            case "expiredDay" -> given().contentType(ContentType.JSON) // user 2's day left open since yesterday
                    .body(Map.of("ID", 2, "NAME", "Ivan", "TIMEMAN_STATUS", "EXPIRED"))
                    .post(base() + "/_emulator/portals/" + portal.id() + "/users").then().statusCode(201);
            default -> throw new IllegalArgumentException("Unknown fixture " + name);
        }
    }

    private String register(Map<String, ?> extra) {
        Map<String, Object> params = new HashMap<>(Map.of("USER_ID", 2, "PHONE_NUMBER", CALL_FIXTURE_NUMBER, "TYPE", 2,
                "LINE_NUMBER", "3"));
        params.putAll(extra);
        return oauth(token, "telephony.externalcall.register", params).then().statusCode(200).extract().path("result.CALL_ID");
    }

    private void finish(String callId) {
        oauth(token, "telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 95))
                .then().statusCode(200);
    }

    private void control(String path, Map<String, ?> body) {
        given().contentType(ContentType.JSON).body(body).post(base() + "/_emulator/portals/" + portal.id() + path)
                .then().statusCode(200);
    }

    private void patchControl(String path, String json) {
        given().contentType(ContentType.JSON).body(json).patch(base() + "/_emulator/portals/" + portal.id() + path)
                .then().statusCode(200);
    }

    private String cardPath() {
        return base() + "/_emulator/portals/" + portal.id() + "/cards/" + vars.get("cardCall") + "/2";
    }

    // ---- the cases are the pages' own examples ----

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CURL_BODY = Pattern.compile("-d '(\\{.*?})'", Pattern.DOTALL);

    /**
     * Each case's example and request are, as JSON, the block of its page it names; and every JSON block of those
     * pages is used by a case or listed under "skipped" with the reason. Skipped when the docs are not beside the
     * repository (the cases still run).
     */
    @Test
    void theExamplesAreThePagesOwnAndEveryOneIsTested() throws IOException {
        Path docs = docsFolder();
        org.junit.jupiter.api.Assumptions.assumeTrue(docs != null, "../shared/bitrix24-docs is not beside the repository");
        JsonNode all = examples();
        Map<String, Set<Integer>> used = new HashMap<>();
        for (JsonNode c : all.path("cases")) {
            String page = c.path("page").asText();
            String text = Files.readString(docs.resolve(page));
            if (c.has("example")) {
                int index = index(c.path("exampleSource").asText());
                assertEquals(blocks(JSON_BLOCK, text).get(index), c.get("example"), page + " " + c.path("exampleSource"));
                used.computeIfAbsent(page, p -> new TreeSet<>()).add(index);
            }
            if (c.has("request")) {
                assertEquals(blocks(CURL_BODY, text).get(index(c.path("requestSource").asText())), c.get("request"),
                        page + " " + c.path("requestSource"));
            }
        }
        for (JsonNode skipped : all.path("skipped")) {
            used.computeIfAbsent(skipped.path("page").asText(), p -> new TreeSet<>())
                    .add(index(skipped.path("exampleSource").asText()));
        }
        for (Map.Entry<String, Set<Integer>> page : used.entrySet()) {
            List<JsonNode> blocks = blocks(JSON_BLOCK, Files.readString(docs.resolve(page.getKey())));
            for (int i = 0; i < blocks.size(); i++) {
                assertTrue(page.getValue().contains(i), page.getKey() + ": json #" + i + " is neither tested nor skipped");
            }
        }
    }

    private static int index(String source) {
        return Integer.parseInt(source.substring(source.lastIndexOf('#') + 1));
    }

    private static List<JsonNode> blocks(Pattern pattern, String text) {
        List<JsonNode> blocks = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            try {
                blocks.add(JSON.readTree(m.group(1)));
            } catch (IOException notJson) {
                blocks.add(JsonNodeFactory.instance.missingNode()); // a fragment, as on placement-bind.md
            }
        }
        return blocks;
    }

    private static Path docsFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path docs = dir.resolve("shared/bitrix24-docs");
            if (Files.isDirectory(docs)) {
                return docs;
            }
        }
        return null;
    }
}
