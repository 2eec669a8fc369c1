package dev.b24emu.emulator.internal.transport;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * limits.md: operating time is counted "separately for an application or a webhook", in one-minute baskets each
 * dropped 10 minutes after its first call (operating_reset_at names the oldest's), so the total falls a basket at a
 * time and a method blocked for one caller is not blocked for another.
 */
class OperatingBasketsTest extends AppHarness {
    private void clock(Map<String, ?> change) {
        given().contentType(ContentType.JSON).body(change).post(base() + "/_emulator/portals/" + portal.id() + "/clock")
                .then().statusCode(200);
    }

    @Test
    void theOldestBasketGoesFirstAndEachCallerHasItsOwn() {
        given().contentType(ContentType.JSON).body("{\"limits\":true,\"operatingLimit\":0.8,\"burst\":1000}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("method", "user.current", "latencyMs", 400, "count", 100))
                .post(base() + "/_emulator/portals/" + portal.id() + "/faults").then().statusCode(201);
        clock(Map.of("set", "2030-01-01T10:00:30Z"));
        clock(Map.of("freeze", true));
        long firstReset = Instant.parse("2030-01-01T10:10:30Z").getEpochSecond();
        given().get(webhook + "user.current").then().statusCode(200).body("time.operating_reset_at", equalTo((int) firstReset));
        clock(Map.of("advance", "PT3M"));
        // a second basket, three minutes on: the reset is still the oldest basket's
        given().get(webhook + "user.current").then().statusCode(200).body("time.operating_reset_at", equalTo((int) firstReset));
        given().get(webhook + "user.current").then().statusCode(429).body("error", equalTo("OPERATION_TIME_LIMIT"));
        // another caller of the same method has its own count
        String token = telephonyApp("local.other").getString("access_token");
        oauth(token, "user.current", Map.of()).then().statusCode(200);
        // at the oldest basket's reset only it goes: one basket (0.4 s) is left, under the limit, and calls pass
        // (400 ms a call against 0.8 s: a slow machine's call may take 400 ms more and keep the test's sums)
        clock(Map.of("advance", "PT7M"));
        float left = given().get(webhook + "user.current").then().statusCode(200).extract().path("time.operating");
        assertEquals(true, left >= 0.8f && left < 1.6f, "the second basket and this call remain: " + left);
        given().get(webhook + "user.current").then().statusCode(429);
        // ten minutes after the second basket's first call, it goes too
        clock(Map.of("advance", "PT3M"));
        given().get(webhook + "user.current").then().statusCode(200);
    }
}
