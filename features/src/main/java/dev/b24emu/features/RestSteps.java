package dev.b24emu.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.specs.Contracts;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * REST steps that work against the emulator and a real portal alike: calls in every encoding, and assertions on
 * the envelope and the result. Every response is checked against specs/ as it arrives.
 */
public class RestSteps {
    private final ScenarioContext ctx;

    public RestSteps(ScenarioContext ctx) {
        this.ctx = ctx;
    }


    /** the last answer of the XML transport */
    private Response xmlAnswer;

    @When("I call {string}")
    public void call(String method) {
        send(method, RestAssured.given().contentType("application/json").body("{}"), "POST", method);
    }

    @When("I call {string} with:")
    public void callWith(String method, DataTable table) {
        send(method, RestAssured.given().contentType("application/json").body(ctx.tree(table).toString()), "POST", method);
    }

    @When("I call {string} with JSON:")
    public void callWithJson(String method, String json) {
        send(method, RestAssured.given().contentType("application/json").body(Values.substitute(json, ctx.remembered)),
                "POST", method);
    }

    /** A batch of that many copies of one command, keyed q1, q2, …: the page's limit is counted, not written out. */
    @When("I call batch with {int} commands {string}")
    public void callBatchOf(int count, String command) {
        com.fasterxml.jackson.databind.node.ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode().put("halt", 0);
        com.fasterxml.jackson.databind.node.ObjectNode cmd = body.putObject("cmd");
        for (int i = 1; i <= count; i++) {
            cmd.put("q" + i, Values.substitute(command, ctx.remembered));
        }
        send("batch", RestAssured.given().contentType("application/json").body(body.toString()), "POST", "batch");
    }

    @When("I call {string} with the form:")
    public void callWithForm(String method, String form) {
        send(method, RestAssured.given().contentType("application/x-www-form-urlencoded")
                .body(Values.substitute(form.trim(), ctx.remembered)), "POST", method + ".json");
    }

    @When("I call {string} with the query:")
    public void callWithQuery(String method, String query) {
        send(method, RestAssured.given().urlEncodingEnabled(false), "GET",
                method + "?" + Values.substitute(query.trim(), ctx.remembered));
    }

    /**
     * A GET whose request line is made that long by a parameter no method reads (bx24_pad=xxx…: the SDKs' bx24_*
     * parameters are the transport's): long-line rules (D206).
     */
    @When("I call {string} with the query, its request line padded to {int} bytes:")
    public void callWithPaddedQuery(String method, int bytes, String query) {
        String given = Values.substitute(query.trim(), ctx.remembered);
        int line = "GET ".length() + java.net.URI.create(ctx.webhook).getRawPath().length() + method.length() + 1
                + given.length() + " HTTP/1.1".length();
        String pad = "&bx24_pad=" + "x".repeat(Math.max(0, bytes - line - "&bx24_pad=".length()));
        send(method, RestAssured.given().urlEncodingEnabled(false), "GET", method + "?" + given + pad);
    }

    @When("I request the webhook path {string}")
    public void requestPath(String path) {
        String substituted = Values.substitute(path, ctx.remembered);
        String method = substituted.split("[?]")[0].replaceAll("/+$", "").replaceAll("(?i)\\.json$", "");
        send(method, RestAssured.given().urlEncodingEnabled(false), "GET", substituted);
    }

    /** A GET of a path ending in ".xml": the answer is kept as text, since it is not JSON (D146). */
    @When("I request the webhook path {string} as XML")
    public void requestXml(String path) {
        xmlAnswer = RestAssured.given().urlEncodingEnabled(false).get(ctx.webhook + Values.substitute(path, ctx.remembered));
    }

    @Then("the XML answer has HTTP {int} and begins with {string}")
    public void xmlAnswer(int status, String start) {
        assertTrue(xmlAnswer != null, "no XML request was made");
        assertEquals(status, xmlAnswer.statusCode(), () -> xmlAnswer.asString());
        assertEquals("text/xml; charset=utf-8", xmlAnswer.contentType());
        String body = xmlAnswer.asString();
        String expected = Values.substitute(start, ctx.remembered);
        assertTrue(body.startsWith(expected), () -> "the answer begins otherwise: " + body);
    }

    /** A REST 3.0 method through the webhook: /rest/api/{user}/{token}/method with a JSON body. */
    @When("I call REST 3.0 {string} with JSON:")
    public void callV3(String method, String json) {
        ctx.record(method, RestAssured.given().contentType("application/json").body(Values.substitute(json, ctx.remembered))
                .post(ctx.webhookV3() + method), 3);
    }

    @When("I call REST 3.0 {string} with the form:")
    public void callV3WithForm(String method, String form) {
        ctx.record(method, RestAssured.given().contentType("application/x-www-form-urlencoded")
                .body(Values.substitute(form.trim(), ctx.remembered)).post(ctx.webhookV3() + method), 3);
    }

    @When("I call REST 3.0 {string} with the query:")
    public void callV3WithQuery(String method, String query) {
        ctx.record(method, RestAssured.given().urlEncodingEnabled(false)
                .get(ctx.webhookV3() + method + "?" + Values.substitute(query.trim(), ctx.remembered)), 3);
    }

    /** A REST 3.0 error: {"error": {"code", "message"}} with its status, and no time block. */
    @Then("the call fails with REST 3.0 error {int} {string}")
    public void failsWithV3(int status, String code) {
        assertEquals(status, ctx.status, () -> "expected HTTP " + status + " " + code + ", got " + ctx.status + ": " + ctx.body);
        assertEquals(code, ctx.body.path("error").path("code").asText(null), () -> "error.code in " + ctx.body);
        assertFalse(ctx.body.has("time"), () -> "a REST 3.0 error has no time block: " + ctx.body);
    }

    @Then("the call fails with REST 3.0 error {int} {string} {string}")
    public void failsWithV3(int status, String code, String message) {
        failsWithV3(status, code);
        assertEquals(message, ctx.body.path("error").path("message").asText(), () -> "error.message in " + ctx.body);
    }

    @Then("the REST 3.0 error names the field {string} with {string}")
    public void v3ErrorField(String field, String message) {
        JsonNode first = ctx.body.path("error").path("validation").path(0);
        assertEquals(field, first.path("field").asText(null), () -> "error.validation in " + ctx.body);
        assertEquals(message, first.path("message").asText(null), () -> "error.validation in " + ctx.body);
    }

    @Then("the result {string} has {int} entries")
    public void resultEntries(String path, int count) {
        assertEquals(count, result(path).size(), () -> "entries of " + path + " in " + ctx.body);
    }

    /** A field of each entry of a list in the result: {@code the result "items" lists "callId" as "103, 102"}. */
    @Then("the result {string} lists {string} as {string}")
    public void resultLists(String path, String field, String csv) {
        List<String> actual = new java.util.ArrayList<>();
        result(path).forEach(item -> actual.add(item.at(Values.pointer(field)).asText()));
        String wanted = Values.substitute(csv, ctx.remembered);
        assertEquals(wanted.isEmpty() ? List.of() : List.of(wanted.split(",\\s*")), actual,
                () -> field + " of " + path + " in " + ctx.body);
    }

    /** The keys of an object of the result, in the order they were answered. */
    @Then("the result {string} has the keys {string}")
    public void resultKeys(String path, String csv) {
        List<String> keys = new java.util.ArrayList<>();
        result(path).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of(csv.split(",\\s*")), keys, () -> "keys of " + path + " in " + ctx.body);
    }

    @When("I call {string} with a wrong webhook token")
    public void callWithWrongToken(String method) {
        String wrong = ctx.webhook.replaceAll("/rest/(\\d+)/[^/]+/$", "/rest/$1/wrong-token-0000/");
        Response response = RestAssured.given().contentType("application/json").body("{}").post(wrong + method);
        ctx.record(method, response);
    }

    @When("I post {string} with content type {string} to {string}")
    public void postRaw(String body, String contentType, String method) {
        send(method, RestAssured.given().contentType(contentType).body(body), "POST", method);
    }

    @When("{int} clients register the same call at once:")
    public void concurrentRegisters(int clients, DataTable table) throws Exception {
        String body = ctx.tree(table).toString();
        String webhook = ctx.webhook;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(clients, 16));
        try {
            List<Callable<String>> tasks = java.util.Collections.nCopies(clients, () -> RestAssured.given()
                    .contentType("application/json").body(body).post(webhook + "telephony.externalcall.register")
                    .then().statusCode(200).extract().path("result.CALL_ID"));
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(tasks)) {
                ids.add(f.get());
            }
            ctx.remembered.put("distinct CALL_IDs", Integer.toString(ids.size()));
            ctx.openCalls.addAll(ids);
        } finally {
            pool.shutdownNow();
        }
    }

    @Then("the call succeeds")
    public void succeeds() {
        assertEquals(200, ctx.status, () -> "expected success, got HTTP " + ctx.status + ": " + ctx.body + warned());
        assertFalse(ctx.body.has("error"), () -> "unexpected error " + ctx.body + warned());
    }

    @Then("the call fails with {int} {string}")
    public void failsWith(int status, String code) {
        assertEquals(status, ctx.status, () -> "expected HTTP " + status + " " + code + ", got " + ctx.status + ": "
                + ctx.body + warned());
        assertEquals(code, ctx.body.path("error").asText(null), () -> "error code in " + ctx.body + warned());
    }

    /** What the emulator warned of the call (a misspelt parameter's "did you mean"), for a failure's message. */
    private String warned() {
        return ctx.warnings.isEmpty() ? "" : "\nthe emulator warned: " + String.join("; ", ctx.warnings);
    }

    @Then("the call fails with {int} {string} {string}")
    public void failsWith(int status, String code, String description) {
        failsWith(status, code);
        assertEquals(description, ctx.body.path("error_description").asText(), () -> "error_description in " + ctx.body);
    }

    @Then("the error field {string} is {string}")
    public void errorField(String field, String value) {
        assertEquals(value, ctx.body.path(field).asText(null), () -> field + " in " + ctx.body);
    }

    /** A link the answer gives (a Disk file's DOWNLOAD_URL) answers these bytes. */
    @Then("the file at the result {string} is the base64 {string}")
    public void fileAt(String path, String base64) {
        Response download = RestAssured.given().get(result(path).asText());
        assertEquals(200, download.statusCode(), () -> "download: " + download.asString());
        assertEquals(base64, java.util.Base64.getEncoder().encodeToString(download.asByteArray()));
    }

    @Then("the result {string} is {string}")
    public void resultIs(String path, String expected) {
        JsonNode value = result(path);
        String wanted = Values.substitute(expected, ctx.remembered);
        if (wanted.equals("null")) {
            assertTrue(value.isNull(), () -> "result " + path + " should be null: " + ctx.body);
        } else {
            assertEquals(wanted, value.isValueNode() ? value.asText() : value.toString(), () -> "result " + path + " in " + ctx.body);
        }
    }

    @Then("the result {string} is the number {long}")
    public void resultIsNumber(String path, long expected) {
        JsonNode value = result(path);
        assertTrue(value.isIntegralNumber(), () -> "result " + path + " should be a JSON number: " + value);
        assertEquals(expected, value.longValue());
    }

    @Then("the result {string} is a string")
    public void resultIsString(String path) {
        assertTrue(result(path).isTextual(), () -> "result " + path + " should be a string: " + ctx.body);
    }

    @Then("the result {string} is an integer")
    public void resultIsInteger(String path) {
        assertTrue(result(path).isIntegralNumber(), () -> "result " + path + " should be an integer: " + ctx.body);
    }

    /** A JSON list (PHP writes an array keyed 0, 1, … as one), not an object keyed "0", "1". */
    @Then("the result {string} is a list")
    public void resultIsList(String path) {
        assertTrue(result(path).isArray(), () -> "result " + path + " should be a list: " + ctx.body);
    }

    @Then("the result {string} is an empty object")
    public void resultIsEmptyObject(String path) {
        assertTrue(result(path).isObject() && result(path).isEmpty(), () -> "result " + path + " should be {}: " + ctx.body);
    }

    @Then("the result {string} matches {string}")
    public void resultMatches(String path, String regex) {
        String text = result(path).asText();
        assertTrue(text.matches(regex), () -> "result " + path + " = " + text + " should match " + regex);
    }

    @Then("the result has no {string}")
    public void resultHasNo(String path) {
        assertTrue(ctx.body.path("result").at(Values.pointer(path)).isMissingNode(), () -> "unexpected " + path + " in " + ctx.body);
    }

    @Then("the result is {string}")
    public void resultIsScalar(String expected) {
        JsonNode value = ctx.body.path("result");
        assertEquals(expected, value.isValueNode() ? value.asText() : value.toString(), () -> "result in " + ctx.body);
    }

    @Then("the result includes {string}")
    public void resultIncludes(String value) {
        assertTrue(resultTexts().contains(Values.substitute(value, ctx.remembered)), () -> value + " missing from " + ctx.body);
    }

    @Then("the result does not include {string}")
    public void resultExcludes(String value) {
        assertFalse(resultTexts().contains(Values.substitute(value, ctx.remembered)), () -> value + " should not be in " + ctx.body);
    }

    /** server.time and the envelope: the same instant, written alike. */
    @Then("the result equals the response time {string}")
    public void resultEqualsTime(String field) {
        assertEquals(ctx.body.path("time").path(field).asText(), ctx.body.path("result").asText(), () -> "time." + field);
    }

    @Then("the result {string} is a boolean")
    public void resultIsBoolean(String path) {
        assertTrue(result(path).isBoolean(), () -> "result " + path + " should be true or false: " + ctx.body);
    }

    /** The values of a result list (or an object's field names), as text. */
    private List<String> resultTexts() {
        List<String> texts = new java.util.ArrayList<>();
        JsonNode result = ctx.body.path("result");
        if (result.isObject()) {
            result.fieldNames().forEachRemaining(texts::add);
        } else {
            result.forEach(item -> texts.add(item.asText()));
        }
        return texts;
    }

    @Then("the result has {int} item(s)")
    public void resultCount(int count) {
        assertEquals(count, ctx.body.path("result").size(), () -> "items in " + ctx.body);
    }

    @Then("the result items {string} are {string}")
    public void resultItems(String field, String csv) {
        List<String> actual = new java.util.ArrayList<>();
        ctx.body.path("result").forEach(item -> actual.add(item.at(Values.pointer(field)).asText()));
        String wanted = Values.substitute(csv, ctx.remembered);
        assertEquals(wanted.isEmpty() ? List.of() : List.of(wanted.split(",\\s*")), actual, () -> field + " of " + ctx.body);
    }

    @Then("the response has {string}")
    public void responseHas(String key) {
        assertTrue(ctx.body.has(key), () -> key + " missing from " + ctx.body);
    }

    @Then("the response has no {string}")
    public void responseHasNo(String key) {
        assertFalse(ctx.body.has(key), () -> key + " should not be in " + ctx.body);
    }

    /** A key of the response, or a dotted path into it ("time.operating_reset_at"). */
    @Then("the response {string} is the number {long}")
    public void responseNumber(String key, long value) {
        assertEquals(value, ctx.body.at(Values.pointer(key)).asLong(-1), () -> key + " in " + ctx.body);
    }

    @Then("the response time {string} is an integer")
    public void timeInteger(String field) {
        assertTrue(ctx.body.path("time").path(field).isIntegralNumber(), () -> "time." + field + " in " + ctx.body);
    }

    @Then("I remember the result {string} as {string}")
    public void remember(String path, String name) {
        ctx.remembered.put(name, result(path).asText());
    }

    /** A long text for a table cell ({name}), which a feature file cannot hold. */
    @Given("I remember {string} repeated {int} times as {string}")
    public void rememberRepeated(String text, int times, String name) {
        ctx.remembered.put(name, text.repeat(times));
    }

    @Then("the result {string} equals the remembered {string}")
    public void equalsRemembered(String path, String name) {
        assertEquals(Values.remembered(name, ctx.remembered), result(path).asText(), () -> path + " vs {" + name + "}");
    }

    @Then("the result {string} differs from the remembered {string}")
    public void differsFromRemembered(String path, String name) {
        assertNotEquals(Values.remembered(name, ctx.remembered), result(path).asText(),
                () -> path + " should differ from {" + name + "}");
    }

    /** A deviation the emulator reported (X-B24-Emulator-Warning): it answered as the real server would. */
    @Then("the response warns {string}")
    public void warns(String start) {
        assertTrue(ctx.warnings.stream().anyMatch(w -> w.startsWith(start)),
                () -> "no warning starting with \"" + start + "\" among " + ctx.warnings);
    }

    @Then("the emulator notes {string}")
    public void notes(String start) {
        assertTrue(ctx.notices.stream().anyMatch(n -> n.startsWith(start)),
                () -> "no notice starting with \"" + start + "\" among " + ctx.notices);
    }

    @Then("the response has no warning")
    public void noWarning() {
        assertEquals(List.of(), ctx.warnings);
    }

    @Then("the remembered {string} is {string}")
    public void rememberedIs(String name, String value) {
        assertEquals(value, Values.remembered(name, ctx.remembered), () -> "{" + name + "}");
    }

    /**
     * The value at a path of the result ("" for the whole result), which may name remembered values ("0.{numbers}").
     * A path the result does not have fails the step: read as "", a misspelt path let "has 0 entries", "matches" and
     * "differs from" pass checking nothing (audit 50d); "the result has no" says a path is absent.
     */
    JsonNode result(String path) {
        JsonNode value = ctx.body.path("result").at(Values.pointer(Values.substitute(path, ctx.remembered)));
        if (value.isMissingNode()) {
            throw new AssertionError("The result has no \"" + path + "\" (keys joined by dots, list positions as"
                    + " numbers: CRM_CREATED_ENTITIES.0.ENTITY_TYPE): " + ctx.body);
        }
        return value;
    }

    private void send(String method, RequestSpecification request, String httpMethod, String path) {
        Response response = httpMethod.equals("GET") ? request.get(ctx.webhook + path) : request.post(ctx.webhook + path);
        ctx.record(method, response);
    }

}
