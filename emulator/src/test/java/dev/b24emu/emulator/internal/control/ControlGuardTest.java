package dev.b24emu.emulator.internal.control;

import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The control API is open on loopback and needs the control token when the emulator listens beyond it. */
class ControlGuardTest {
    @Test
    void beyondLoopbackTheControlApiNeedsTheToken() {
        try (Bitrix24Emulator emulator = Bitrix24Emulator.start(EmulatorOptions.builder().host("0.0.0.0").controlToken("s3cret").build())) {
            String base = "http://127.0.0.1:" + emulator.port();
            assertEquals("s3cret", emulator.controlToken());
            given().get(base + "/_emulator/health").then().statusCode(401).body("error", equalTo("CONTROL_TOKEN_REQUIRED"))
                    .body("error_description", containsString("needs the emulator's control token"));
            given().get(base + "/_emulator/ui/").then().statusCode(401);
            // a wrong token is told apart from none (audit 50c)
            given().header("X-Emulator-Token", "wrong").get(base + "/_emulator/health").then().statusCode(401)
                    .body("error", equalTo("CONTROL_TOKEN_REQUIRED"))
                    .body("error_description", containsString("given is not this emulator's"));
            given().header("X-Emulator-Token", "s3cret").get(base + "/_emulator/health").then().statusCode(200);
            given().header("Authorization", "Bearer s3cret").get(base + "/_emulator/portals").then().statusCode(200);
            given().get(base + "/_emulator/ui/?token=s3cret").then().statusCode(200);
            // the dashboard's address without its slash is sent to it, the token going along
            given().redirects().follow(false).get(base + "/_emulator/ui?token=s3cret").then().statusCode(302)
                    .header("Location", "/_emulator/ui/?token=s3cret");
            given().get(base + "/_emulator/ui/bx24.js").then().statusCode(200);
            given().get(emulator.webhookUrl() + "user.current").then().statusCode(200);
            given().get(base + "/rest/1/demo-token/user.current").then().statusCode(401);
        }
    }

    @Test
    void onLoopbackNoTokenIsNeeded() {
        try (Bitrix24Emulator emulator = Bitrix24Emulator.start(EmulatorOptions.defaults())) {
            assertNull(emulator.controlToken());
            given().get(emulator.baseUrl() + "/_emulator/health").then().statusCode(200);
            // a HEAD answers as the GET, without its body: health probes and link checkers were answered 404
            for (String path : java.util.List.of("/_emulator/health", "/_emulator/ui/", "/_emulator/ui/bx24.js",
                    "/_emulator/portals/default")) {
                io.restassured.response.Response head = given().head(emulator.baseUrl() + path);
                assertEquals(200, head.statusCode(), path);
                assertEquals("", head.asString(), path);
            }
            given().head(emulator.baseUrl() + "/_emulator/no-such-page").then().statusCode(404);
        }
    }

    @Test
    void aRandomTokenIsMadeWhenNoneIsGiven() {
        assertEquals(32, ControlGuard.tokenFor("0.0.0.0", null).length());
        assertNull(ControlGuard.tokenFor("localhost", null));
        assertEquals("x", ControlGuard.tokenFor("localhost", "x"), "a token given on loopback is required there too");
    }
}
