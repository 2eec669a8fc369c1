package dev.b24emu.emulator.internal.apps;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** app.info: the installed application as it sees itself; a webhook gets what the real server gives it (D51). */
class AppInfoTest extends AppHarness {
    @Test
    void anApplicationGetsTheDocumentedObject() {
        JsonPath app = install("local.pbx", List.of("telephony", "crm"), null);
        oauth(app.getString("access_token"), "app.info", Map.of()).then().statusCode(200)
                .body("result.ID", equalTo(Integer.parseInt(app.getString("app_id"))))
                .body("result.CODE", equalTo("local.pbx")).body("result.VERSION", equalTo(1))
                .body("result.STATUS", equalTo("L")).body("result.INSTALLED", equalTo(true))
                .body("result.PAYMENT_EXPIRED", equalTo("N")).body("result.DAYS", nullValue())
                .body("result.LANGUAGE_ID", equalTo("en")).body("result.LICENSE", equalTo("en_ent10000"))
                .body("result.LICENSE_TYPE", equalTo("ent10000")).body("result.LICENSE_FAMILY", equalTo("ent"));
        // the docs' switch changes nothing for applications
        patchSettings("{\"appInfoWebhookDenied\":true}");
        oauth(app.getString("access_token"), "app.info", Map.of()).then().statusCode(200);
    }

    @Test
    void aWebhookGetsItsScopesAndTheLicenceUnlessThePortalFollowsTheDocs() {
        call("app.info", Map.of()).then().statusCode(200)
                .body("result.SCOPE", equalTo(List.of("calendar", "call", "catalog", "crm", "department", "disk", "im", "lists",
                        "placement", "task", "telephony", "timeman", "user")))
                .body("result.LICENSE", equalTo("en_ent10000"));
        patchSettings("{\"appInfoWebhookDenied\":true}");
        call("app.info", Map.of()).then().statusCode(403).body("error", equalTo("ACCESS_DENIED"))
                .body("error_description", equalTo("Access denied! Application context required"));
    }
}
