package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request whose credentials name no portal is answered as the real server answers it, and kept with why in the
 * emulator-wide journal of such requests (D184): the developer whose integration calls a mistyped webhook URL sees it.
 */
class NoPortalJournalTest extends EmulatorHarness {
    private static final String WRONG_TOKEN = "wrongtoken0123456789";

    @Test
    void eachRefusedRequestIsKeptWithWhatWasWrongWithItsCredentials() {
        given().contentType(ContentType.JSON).body(Map.of("PHONE_NUMBER", "+79990000001"))
                .post(base() + "/rest/1/" + WRONG_TOKEN + "/telephony.externalcall.register.json")
                .then().statusCode(401).body("error", org.hamcrest.Matchers.equalTo("NO_AUTH_FOUND"));
        String token = portal.webhook().token();
        given().post(base() + "/rest/7/" + token + "/crm.lead.list").then().statusCode(401);
        given().queryParam("auth", WRONG_TOKEN).post(base() + "/rest/telephony.externalcall.finish").then().statusCode(401)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_token"));
        given().post(base() + "/rest/user.current").then().statusCode(401);
        call("user.current", Map.of()).then().statusCode(200);

        String answer = given().get(base() + "/_emulator/requests/no-portal").then().statusCode(200).extract().asString();
        assertFalse(answer.contains(WRONG_TOKEN), "a token is never shown, only its fingerprint");
        assertFalse(answer.contains(token));
        List<Map<String, Object>> entries = JsonPath.from(answer).getList("$");
        Map<String, Object> unknown = entry(entries, "telephony.externalcall.register");
        assertNull(unknown.get("portal"));
        assertEquals("webhook", unknown.get("auth"));
        assertEquals(401, unknown.get("status"));
        assertEquals("NO_AUTH_FOUND", unknown.get("error"));
        assertEquals(Caller.fingerprint(WRONG_TOKEN), unknown.get("credential"));
        assertNull(unknown.get("params"), "refused from its URL alone, the body is never read");
        assertTrue(lastWarning(unknown).startsWith("no portal of this emulator has this webhook token"));
        assertEquals("the webhook token of portal '" + portal.id() + "', whose webhook user is "
                + portal.webhook().userId() + ", not 7: its URL is /rest/" + portal.webhook().userId() + "/<the token>/",
                lastWarning(entry(entries, "crm.lead.list")));
        Map<String, Object> oauth = entry(entries, "telephony.externalcall.finish");
        assertEquals("oauth", oauth.get("auth"));
        assertTrue(lastWarning(oauth).startsWith("an access token no portal of this emulator has issued"));
        Map<String, Object> none = entry(entries, "user.current");
        assertEquals("none", none.get("auth"));
        assertNull(none.get("credential"));
        assertTrue(lastWarning(none).startsWith("no credentials"));

        // the emulator-wide journal has them beside the portals' calls; a portal's own journal does not
        List<Map<String, Object>> all = given().get(base() + "/_emulator/requests").then().extract().jsonPath().getList("$");
        assertTrue(all.stream().anyMatch(e -> e.get("portal") == null && "crm.lead.list".equals(e.get("method"))));
        assertTrue(all.stream().anyMatch(e -> portal.id().equals(e.get("portal"))));
        List<Map<String, Object>> own = given().get(base() + "/_emulator/requests?portal=" + portal.id()).then()
                .extract().jsonPath().getList("$");
        assertTrue(own.stream().allMatch(e -> portal.id().equals(e.get("portal"))), own.toString());
        assertEquals(1, own.size());
        assertEquals(1, emulator.noPortalRequests().entries().stream()
                .filter(e -> e.method().equals("crm.lead.list")).count());
    }

    /**
     * A deleted portal's webhook is said to be that portal's, gone, and how: a suite whose portal was evicted or reset
     * away saw the same 401 as for a mistyped token (audit 50e).
     */
    @Test
    void aGonePortalsWebhookIsSaidToBeThatPortalsAndHowItWent() {
        dev.b24emu.emulator.internal.portal.Portal deleted = newPortal();
        String url = emulator.webhookUrl(deleted);
        given().delete(base() + "/_emulator/portals/" + deleted.id()).then().statusCode(200);
        callOn(url, "user.current", Map.of()).then().statusCode(401);
        List<Map<String, Object>> entries = given().get(base() + "/_emulator/requests/no-portal").then().extract()
                .jsonPath().getList("$");
        String why = lastWarning(entry(entries, "user.current"));
        assertTrue(why.startsWith("the webhook token of portal '" + deleted.id() + "', deleted (DELETE /_emulator/portals/"
                + deleted.id() + ") at "), why);
    }

    /** A stranger's path is up to a request line long: the journal keeps 200 characters of it, not the whole. */
    @Test
    void aLongPathIsKeptCut() {
        String name = "x".repeat(100_000);
        given().get(base() + "/rest/" + name).then().statusCode(404);
        String kept = emulator.noPortalRequests().entries().stream().filter(e -> e.method().startsWith("xxx"))
                .reduce((a, b) -> b).orElseThrow().method();
        assertEquals("x".repeat(200) + "…", kept);
    }

    @Test
    void aResetOfEveryPortalEmptiesIt() {
        given().post(base() + "/rest/1/" + WRONG_TOKEN + "/server.time").then().statusCode(401);
        assertFalse(given().get(base() + "/_emulator/requests/no-portal?method=server.time").then().extract()
                .jsonPath().getList("$").isEmpty());
        given().post(base() + "/_emulator/reset").then().statusCode(200);
        assertTrue(given().get(base() + "/_emulator/requests/no-portal").then().extract().jsonPath().getList("$")
                .isEmpty());
    }

    private static Map<String, Object> entry(List<Map<String, Object>> entries, String method) {
        return entries.stream().filter(e -> method.equals(e.get("method"))).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no entry for " + method + " in " + entries));
    }

    @SuppressWarnings("unchecked")
    private static String lastWarning(Map<String, Object> entry) {
        List<String> warnings = (List<String>) entry.get("warnings");
        return warnings.get(warnings.size() - 1);
    }
}
