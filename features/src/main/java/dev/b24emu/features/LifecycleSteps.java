package dev.b24emu.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.testing.HandlerServer;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's life on a portal (scenarios tag them @emulator-only): the installation wizard and installFinish,
 * the authorization-code grant through the consent page, deletion, new versions, the trial or paid period, revoked
 * tokens, and the magic credentials every portal answers.
 */
public class LifecycleSteps {
    private final ScenarioContext ctx;
    /** the last redirect the consent page answered, as its query parameters */
    private Map<String, String> redirect = Map.of();

    public LifecycleSteps(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    /**
     * An application installed through the control API with extra fields; a value "handler:/path" is the
     * scenario's handler server at that path.
     */
    @Given("an application {string} with scopes {string} installed with:")
    public void installWith(String clientId, String scopes, DataTable table) {
        ObjectNode spec = ctx.tree(table);
        spec.properties().forEach(e -> {
            if (e.getValue().isTextual() && e.getValue().asText().startsWith("handler:")) {
                e.setValue(ScenarioContext.JSON.getNodeFactory().textNode(
                        ctx.handler().url(e.getValue().asText().substring("handler:".length()))));
            }
        });
        spec.put("clientId", clientId).put("clientSecret", clientId + "-secret");
        Arrays.stream(scopes.split(",\\s*")).forEach(spec.putArray("scopes")::add);
        JsonNode tokens = ScenarioContext.JSON.valueToTree(RestAssured.given().contentType("application/json")
                .body(spec.toString()).post(ctx.controlPath("/apps")).then().statusCode(201).extract().as(Map.class));
        ctx.appTokens.put(clientId, tokens.get("access_token").asText());
        ctx.remembered.put(clientId + ".refresh_token", tokens.get("refresh_token").asText());
        ctx.remembered.put(clientId + ".application_token", tokens.get("application_token").asText());
        ctx.remembered.put(clientId + ".app_id", tokens.get("app_id").asText());
    }

    @Then("the installation page of {string} is opened at {string}")
    public void installationPage(String clientId, String path) {
        HandlerServer.Received page = ctx.handler().await(r -> r.path().equals(path), "the installation page at " + path);
        ObjectNode merged = page.query().deepCopy();
        merged.setAll(page.form());
        ctx.body = merged;
        ctx.appTokens.put(clientId, page.form().get("AUTH_ID").asText());
    }

    @When("the administrator finishes the installation of {string}")
    public void finish(String clientId) {
        control("POST", "/install-finish", clientId, null).then().statusCode(200);
    }

    @When("application {string} is deleted with CLEAN {int}")
    public void delete(String clientId, int clean) {
        RestAssured.given().queryParam("clean", clean).delete(appPath(clientId)).then().statusCode(200);
    }

    @When("application {string} is updated to version {int}")
    public void update(String clientId, int version) {
        control("POST", "/version", clientId, Map.of("version", version)).then().statusCode(200);
    }

    @When("the period of application {string} is {string} with {int} days left")
    public void period(String clientId, String status, int days) {
        control("PUT", "/subscription", clientId, Map.of("status", status, "days", days)).then().statusCode(200);
    }

    @When("application {string} is paid for with status {string} and {int} days")
    public void payment(String clientId, String status, int days) {
        control("POST", "/payment", clientId, Map.of("status", status, "days", days)).then().statusCode(200);
    }

    @When("the tokens of application {string} are revoked")
    public void revoke(String clientId) {
        control("POST", "/revoke", clientId, null).then().statusCode(200);
    }

    @When("application {string} is installed again")
    public void reinstall(String clientId) {
        new EmulatorSteps(ctx).install(clientId, "user");
    }

    /** What the portal opens of the application for a user (the control API's page: the simulator POSTs it). */
    @Then("the page of application {string} for user {int} is the notice {string}")
    public void pageNotice(String clientId, int userId, String notice) {
        String said = RestAssured.given().queryParam("user", userId).get(appPath(clientId) + "/page").then()
                .statusCode(200).extract().path("notice");
        assertEquals(notice, said);
    }

    @Then("the page of application {string} for user {int} opens {string}")
    public void pageOpens(String clientId, int userId, String path) {
        String url = RestAssured.given().queryParam("user", userId).get(appPath(clientId) + "/page").then()
                .statusCode(200).extract().path("url");
        assertTrue(url != null && url.startsWith(ctx.handler().url(path)), () -> "the page opened: " + url);
    }

    @Then("the consent page for {string} names the application")
    public void consentPage(String clientId) {
        String html = RestAssured.given().queryParam("client_id", clientId).queryParam("state", "st")
                .get(ctx.emulatorBase + "/oauth/authorize/").then().statusCode(200).extract().asString();
        assertTrue(html.contains(clientId + " asks for access"), html);
    }

    @Then("the consent page for {string} is an error page saying {string}")
    public void consentError(String clientId, String text) {
        String html = RestAssured.given().redirects().follow(false).queryParam("client_id", clientId)
                .get(ctx.emulatorBase + "/oauth/authorize/").then().statusCode(400).extract().asString();
        assertTrue(html.contains(text), html);
    }

    @When("user {int} allows application {string} on the consent page with state {string}")
    public void allow(int userId, String clientId, String state) {
        Response response = RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("client_id", clientId, "state", state, "user_id", Integer.toString(userId)))
                .post(ctx.emulatorBase + "/oauth/authorize/");
        assertEquals(302, response.statusCode(), response::asString);
        String location = response.header("Location");
        ctx.remembered.put("redirect", location);
        redirect = query(location);
        ctx.remembered.put(clientId + ".code", redirect.get("code"));
    }

    @When("the control API approves application {string} for user {int}")
    public void approve(String clientId, int userId) {
        String code = RestAssured.given().contentType("application/json")
                .body(Map.of("clientId", clientId, "userId", userId, "state", "ctl"))
                .post(ctx.controlPath("/oauth/authorize")).then().statusCode(200).extract().path("code");
        ctx.remembered.put(clientId + ".code", code);
    }

    @Then("the redirect goes to {string} with {string}")
    public void redirectGoes(String prefix, String keys) {
        assertTrue(ctx.remembered.get("redirect").startsWith(prefix), ctx.remembered.get("redirect"));
        assertEquals(new java.util.TreeSet<>(Arrays.asList(keys.split(",\\s*"))), new java.util.TreeSet<>(redirect.keySet()));
    }

    @Then("the redirect's {string} is {string}")
    public void redirectParam(String key, String value) {
        String expected = switch (value) {
            case "the portal's member_id" -> memberId();
            case "the emulator's host" -> URI.create(ctx.emulatorBase).getAuthority();
            default -> value;
        };
        assertEquals(expected, redirect.get(key), () -> key + " in " + redirect);
    }

    @When("application {string} exchanges its code")
    public void exchange(String clientId) {
        exchangeWith(clientId, clientId + "-secret");
    }

    @When("application {string} exchanges its code with the secret {string}")
    public void exchangeWith(String clientId, String secret) {
        Response response = RestAssured.given().queryParam("grant_type", "authorization_code").queryParam("client_id", clientId)
                .queryParam("client_secret", secret).queryParam("code", ctx.remembered.get(clientId + ".code"))
                .get(ctx.emulatorBase + "/oauth/token/");
        ctx.status = response.statusCode();
        ctx.body = ScenarioContext.JSON.valueToTree(response.as(Map.class));
        if (ctx.status == 200) {
            ctx.appTokens.put(clientId, ctx.body.get("access_token").asText());
            ctx.remembered.put(clientId + ".refresh_token", ctx.body.get("refresh_token").asText());
        }
    }

    @Then("the delivered {string} matches {string}")
    public void deliveredMatches(String path, String regex) {
        String value = ctx.body.at(Values.pointer(path)).asText("");
        assertTrue(value.matches(regex), () -> path + " = " + value + " in " + ctx.body);
    }

    @Then("the token endpoint answers exactly the keys {string}")
    public void tokenKeys(String keys) {
        java.util.Set<String> answered = new java.util.TreeSet<>();
        ctx.body.fieldNames().forEachRemaining(answered::add);
        assertEquals(new java.util.TreeSet<>(java.util.List.of(keys.split(",\\s*"))), answered, () -> "token endpoint: " + ctx.body);
    }

    @Then("the token endpoint's {string} is {string}")
    public void tokenField(String key, String value) {
        assertEquals(value, ctx.body.path(key).asText(), () -> key + " in " + ctx.body);
    }

    @When("I call {string} with the magic credential {string}")
    public void magic(String method, String token) {
        ctx.record(method, RestAssured.given().redirects().follow(false).contentType("application/json").body("{}")
                .post(ctx.emulatorBase + "/rest/1/" + token + "/" + method));
    }

    @When("I call {string} as an application with the magic token {string}")
    public void magicOAuth(String method, String token) {
        ctx.record(method, RestAssured.given().contentType("application/json").body("{}")
                .post(ctx.emulatorBase + "/rest/" + method + "?auth=" + token));
    }

    @Then("the call is redirected to the emulator under another host name, where it succeeds")
    public void redirected() {
        assertEquals(302, ctx.status, () -> "expected a redirect: " + ctx.body);
        String location = ctx.remembered.get("location");
        assertTrue(location != null, "the Location header");
        URI to = URI.create(location);
        URI from = URI.create(ctx.emulatorBase);
        assertNotEquals(from.getHost(), to.getHost(), location);
        assertEquals(200, RestAssured.given().contentType("application/json").body("{}").post(location).statusCode());
    }

    @When("I call {string} with the magic credential {string} without following redirects")
    public void magicNoFollow(String method, String token) {
        Response response = RestAssured.given().redirects().follow(false).contentType("application/json").body("{}")
                .post(ctx.emulatorBase + "/rest/1/" + token + "/" + method);
        ctx.status = response.statusCode();
        ctx.remembered.put("location", response.header("Location"));
        ctx.body = ScenarioContext.JSON.valueToTree(response.as(Map.class));
    }

    private String memberId() {
        return RestAssured.given().get(ctx.controlPath("/")).then().statusCode(200).extract().path("memberId");
    }

    private String appPath(String clientId) {
        return ctx.controlPath("/apps/" + ctx.remembered.get(clientId + ".app_id"));
    }

    private Response control(String verb, String suffix, String clientId, Map<String, ?> body) {
        var request = RestAssured.given().contentType("application/json").body(body == null ? Map.of() : body);
        return verb.equals("PUT") ? request.put(appPath(clientId) + suffix) : request.post(appPath(clientId) + suffix);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return params;
    }
}
