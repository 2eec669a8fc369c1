package dev.b24emu.emulator.internal.portal;

import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import dev.b24emu.emulator.TestPortal;
import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A portal's whole state out and back in, and the --state-file across restarts. */
class StateTest extends EmulatorHarness {
    private String portalPath() {
        return base() + "/_emulator/portals/" + portal.id();
    }

    @Test
    void aPortalsStateRoundTrips() {
        String open = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79995551001", "TYPE", 2,
                "CRM_CREATE", 1)).then().statusCode(200).extract().path("result.CALL_ID");
        String done = call("telephony.externalcall.register", Map.of("USER_ID", 3, "PHONE_NUMBER", "+79990000001", "TYPE", 2))
                .then().extract().path("result.CALL_ID");
        call("telephony.externalcall.finish", Map.of("CALL_ID", done, "USER_ID", 3, "DURATION", 7)).then().statusCode(200);
        call("telephony.externalLine.add", Map.of("NUMBER", "700")).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"crmMode\":\"SIMPLE\"}").patch(portalPath() + "/settings").then().statusCode(200);
        String token = given().contentType(ContentType.JSON).body(Map.of("clientId", "local.s", "clientSecret", "x",
                "scopes", List.of("telephony", "user"))).post(portalPath() + "/apps").then().statusCode(201).extract().path("access_token");

        String state = given().get(portalPath() + "/state").then().statusCode(200).extract().asString();
        given().post(portalPath() + "/reset").then().statusCode(200);
        call("crm.lead.list", Map.of()).then().body("total", equalTo(1));
        given().contentType(ContentType.JSON).body(state).put(portalPath() + "/state").then().statusCode(200);

        call("crm.lead.list", Map.of()).then().body("total", equalTo(2));
        call("crm.settings.mode.get", Map.of()).then().body("result", equalTo(2));
        call("telephony.externalLine.get", Map.of()).then().body("result.NUMBER", equalTo(List.of("700")));
        call("telephony.externalcall.finish", Map.of("CALL_ID", open, "USER_ID", 2)).then().statusCode(200);
        call("crm.activity.list", Map.of()).then().body("total", equalTo(2));
        given().get(base() + "/rest/user.current?auth=" + token).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"crmMode\":\"CLASSIC\"}").patch(portalPath() + "/settings").then().statusCode(200);
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79995551002", "TYPE", 2, "CRM_CREATE", 1))
                .then().body("result.CRM_CREATED_LEAD", equalTo(3)); // lead IDs go on after the restored lead 2
    }

    @Test
    void aBadStateIsRefusedAndChangesNothing() {
        call("crm.lead.add", Map.of("fields", Map.of("TITLE", "Keep me")));
        given().contentType(ContentType.JSON).body("{\"format\":\"other\"}").put(portalPath() + "/state").then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT"));
        given().contentType(ContentType.JSON).body("{\"format\":\"b24-emulator-state/1\",\"crm\":{\"items\":\"x\"}}")
                .put(portalPath() + "/state").then().statusCode(400);
        call("crm.lead.list", Map.of()).then().body("total", equalTo(2));
    }

    @Test
    void theStateFileCarriesPortalsAcrossRestarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        EmulatorOptions options = EmulatorOptions.builder().stateFile(file).build();
        String token;
        String extraWebhook;
        try (Bitrix24Emulator first = Bitrix24Emulator.start(options)) {
            TestPortal extra = first.controls().newPortal();
            extraWebhook = extra.webhookUrl().replaceAll("http://[^/]+", "");
            given().contentType(ContentType.JSON).body(Map.of("fields", Map.of("TITLE", "Survives")))
                    .post(extra.webhookUrl() + "crm.lead.add").then().statusCode(200);
            token = first.controls().defaultPortal().installApp("local.keep", "s", List.of("user"), null)
                    .get("access_token").asText();
        }
        assertTrue(Files.readString(file).contains("Survives"));
        try (Bitrix24Emulator second = Bitrix24Emulator.start(options)) {
            given().get(second.baseUrl() + extraWebhook + "crm.lead.list").then().statusCode(200)
                    .body("result.TITLE", equalTo(List.of("Website enquiry", "Survives")));
            given().get(second.baseUrl() + "/rest/user.current?auth=" + token).then().statusCode(200);
        }
    }
}
