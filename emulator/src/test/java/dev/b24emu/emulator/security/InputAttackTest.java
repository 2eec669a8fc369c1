package dev.b24emu.emulator.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a careless or hostile client sends (issue #17, items 1, 3, 10 and 11): each gets a Bitrix24 answer with a
 * 2xx/4xx status, never a 500, a stall of other requests, or a broken portal.
 */
class InputAttackTest extends EmulatorHarness {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A MiB of repeated a[]= per request: decoding is linear and stops at PHP's 1,000 variables. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void repeatedFormKeysDoNotStallTheServer() throws Exception {
        String flood = "a[]=1&".repeat(1024 * 1024 / 6);
        List<CompletableFuture<HttpResponse<String>>> floods = List.of(
                send(webhook + "user.current", flood), send(webhook + "user.current", flood),
                send(base() + "/rest/1/wrong-token/user.current", flood));
        long started = System.nanoTime();
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/_emulator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        long healthMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, floods.get(0).get().statusCode());
        assertEquals(200, floods.get(1).get().statusCode());
        assertEquals(401, floods.get(2).get().statusCode());
        assertTrue(healthMillis < 5_000, "a health check waited " + healthMillis + " ms behind two floods");
    }

    @Test
    void inputsThatOnceAnswered500GetABitrixAnswer() throws Exception {
        assertBitrixAnswer(given().get(webhook + "user.current?0=x"), 200);
        assertBitrixAnswer(given().contentType("application/x-www-form-urlencoded").body("0=a").post(webhook + "user.current"), 200);
        assertBitrixAnswer(given().urlEncodingEnabled(false).get(webhook + "batch?cmd%5Ba%5D=user.current%3F0%3D1"), 200);
        assertBitrixAnswer(given().contentType("application/json").body("{\"ID\":1e999}").post(webhook + "crm.lead.get"), 400);
        assertBitrixAnswer(given().contentType("application/json")
                .body("{\"CALL_ID\":\"externalCall.x.1\",\"USER_ID\":2,\"VOTE\":1e308}").post(webhook + "telephony.externalcall.finish"), 400);
        HttpResponse<String> related = HTTP.send(HttpRequest.newBuilder(URI.create(webhook + "user.current"))
                .header("Content-Type", "multipart/related; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\n\r\nzz\r\n--x--")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, related.statusCode(), related.body());
        assertTrue(related.body().startsWith("{\"result\""), related.body());
        call("user.current", java.util.Map.of()).then().statusCode(200);
    }

    @Test
    void aStartNearTheIntegerLimitGivesNoNegativeNext() {
        // past the last page: the first page again (D143), and no next past the integer limit
        given().get(webhook + "crm.lead.list?start=2147483647").then().statusCode(200)
                .body("result.size()", equalTo(1)).body("$", not(hasKey("next")));
        given().get(webhook + "crm.lead.list?start=99999999999999999999").then().statusCode(200)
                .body("$", not(hasKey("next")));
    }

    @Test
    void clocksBeyondTheRepresentableRangeAreRefusedEverywhere() {
        JsonNode state = JSON.valueToTree(given().get(base() + "/_emulator/portals/" + portal.id() + "/state")
                .then().statusCode(200).extract().as(java.util.Map.class));
        ((com.fasterxml.jackson.databind.node.ObjectNode) state).put("clockOffsetSeconds", 9e18);
        given().contentType("application/json").body(state.toString()).put(base() + "/_emulator/portals/" + portal.id() + "/state")
                .then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"));
        given().contentType("application/json").body("{\"set\":\"+1000000000-01-01T00:00:00Z\"}")
                .post(base() + "/_emulator/clock").then().statusCode(400);
        given().get(base() + "/_emulator/portals").then().statusCode(200);
        given().get(base() + "/_emulator/health").then().statusCode(200).body("status", equalTo("UP"));
        call("user.current", java.util.Map.of()).then().statusCode(200);
    }

    private static void assertBitrixAnswer(Response response, int status) {
        String body = response.then().extract().asString();
        assertEquals(status, response.statusCode(), body);
        assertTrue(body.startsWith("{\"result\"") || body.startsWith("{\"error\""), body);
    }

    private static CompletableFuture<HttpResponse<String>> send(String url, String form) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
