package dev.b24emu.emulator.internal.apps;

import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.testing.HandlerServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** POST /_emulator/portals/{id}/trigger: a documented event to a handler now, signed as an installed application. */
class EventTriggerTest extends AppHarness {
    private static final String FORGED_CALL = "externalCall.0123456789abcdef0123456789abcdef.1767225600";

    private ValidatableResponse trigger(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post(base() + "/_emulator/portals/" + portal.id() + "/trigger").then();
    }

    /** Every application event can be triggered without data: its schema's own example is what it carries. */
    @Test
    void theApplicationEventsCarryTheirExampleData() {
        telephonyApp("local.pbx");
        for (String event : List.of("ONAPPTEST", "ONAPPUPDATE")) {
            trigger(Map.of("event", event, "handlerUrl", handler.url("/b24"))).statusCode(200).body("event", equalTo(event));
        }
    }

    @Test
    void theHandlerGetsTheDocumentedEventWithTheApplicationsRealTokens() {
        JsonPath app = telephonyApp("local.pbx");
        trigger(Map.of("event", "onvoximplantcallend", "handlerUrl", handler.url("/b24"),
                "data", Map.of("CALL_DURATION", 35, "PORTAL_USER_ID", "2"))).statusCode(200)
                .body("event", equalTo("ONVOXIMPLANTCALLEND")).body("status", equalTo(200)).body("error", nullValue())
                .body("payload.auth.application_token", equalTo(app.getString("application_token")));

        HandlerServer.Received received = handler.awaitEvent("ONVOXIMPLANTCALLEND"); // checked against its schema
        var form = received.form();
        assertEquals(app.getString("application_token"), form.at("/auth/application_token").asText());
        assertEquals(portal.memberId(), form.at("/auth/member_id").asText());
        assertEquals("35", form.at("/data/CALL_DURATION").asText(), "the caller's value, as the form string it becomes");
        assertEquals("2", form.at("/data/PORTAL_USER_ID").asText());
        assertEquals("304", form.at("/data/CALL_FAILED_CODE").asText(), "the rest is the docs page's example");
        assertEquals("0", form.path("event_handler_id").asText(), "no handler is bound there");
        // the access token in auth is a working token of the application
        oauth(form.at("/auth/access_token").asText(), "user.current", Map.of()).then().statusCode(200)
                .body("result.ID", equalTo("1"));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/events?event=ONVOXIMPLANTCALLEND").then()
                .body("size()", equalTo(1)).body("[0].url", equalTo(handler.url("/b24")));
    }

    @Test
    void aBoundHandlerGivesItsIdAndTheNamedApplicationSendsIt() {
        telephonyApp("local.first");
        JsonPath second = telephonyApp("local.second");
        JsonPath first = telephonyApp("local.first"); // installed again: new tokens, the same application
        bind(first.getString("access_token"), "OnExternalCallStart", handler.url("/b24"));
        trigger(Map.of("event", "OnExternalCallStart", "handlerUrl", handler.url("/b24"), "clientId", "local.first",
                "userId", 2)).statusCode(200).body("status", equalTo(200));
        var form = handler.awaitEvent("ONEXTERNALCALLSTART").form();
        assertEquals(first.getString("application_token"), form.at("/auth/application_token").asText());
        assertEquals("2", form.at("/auth/user_id").asText());
        assertEquals("1", form.path("event_handler_id").asText());
        handler.clear();
        trigger(Map.of("event", "OnVoximplantCallStart", "handlerUrl", handler.url("/other"))).statusCode(200);
        assertEquals(second.getString("application_token"),
                handler.awaitEvent("ONVOXIMPLANTCALLSTART").form().at("/auth/application_token").asText(),
                "without clientId, the application installed last sends it");
    }

    @Test
    void aHandlerThatFailsIsReportedNotHidden() {
        telephonyApp("local.pbx");
        handler.answer(500, 0);
        trigger(Map.of("event", "OnVoximplantCallInit", "handlerUrl", handler.url("/b24"))).statusCode(200)
                .body("status", equalTo(500)).body("error", equalTo("HTTP 500"));
        trigger(Map.of("event", "OnVoximplantCallInit", "handlerUrl", "http://127.0.0.1:1/nothing")).statusCode(200)
                .body("status", equalTo(0)).body("error", containsString("onnection"));
    }

    @Test
    void whatBitrix24WouldNotSendIsRefusedWithTheReason() {
        trigger(Map.of("event", "OnVoximplantCallEnd", "handlerUrl", handler.url("/b24"))).statusCode(400)
                .body("error_description", containsString("install one first"));
        install("local.users", List.of("user"), null);
        trigger(Map.of("event", "OnVoximplantCallEnd", "handlerUrl", handler.url("/b24"))).statusCode(400)
                .body("error_description", containsString("needs the scope telephony"));
        telephonyApp("local.pbx");
        trigger(Map.of("event", "OnSomethingElse", "handlerUrl", handler.url("/b24"))).statusCode(400)
                .body("error_description", containsString("OnVoximplantCallEnd"));
        trigger(Map.of("event", "OnVoximplantCallEnd", "handlerUrl", handler.url("/b24"), "data", Map.of("CALL_TYPE", "9")))
                .statusCode(400).body("error_description", containsString("/data/CALL_TYPE"));
        trigger(Map.of("event", "OnVoximplantCallEnd", "handlerUrl", handler.url("/b24"), "data", "CALL_TYPE=1"))
                .statusCode(400).body("error_description", containsString("data must be an object"));
        trigger(Map.of("event", "OnVoximplantCallEnd", "handlerUrl", "ftp://example.com/")).statusCode(400)
                .body("error_description", containsString("handlerUrl"));
        trigger(Map.of("event", "OnVoximplantCallEnd", "handlerUrl", base() + "/_emulator/reset")).statusCode(400)
                .body("error_description", containsString("handlerUrl"));
        trigger(Map.of("event", "OnVoximplantCallEnd", "handlerUrl", handler.url("/b24"), "clientId", "local.none"))
                .statusCode(400).body("error_description", containsString("local.pbx"));
        trigger(Map.of("event", "OnVoximplantCallEnd", "handlerUrl", handler.url("/b24"), "userId", 4))
                .statusCode(400).body("error_description", containsString("active user"));
        assertEquals(List.of(), handler.received(), "nothing refused reached the handler");
    }

    @Test
    void aForgedEventIsTheApplicationsDeliveryWithTokensNobodyIssued() {
        JsonPath app = telephonyApp("local.pbx");
        bind(app.getString("access_token"), "OnExternalCallStart", handler.url("/b24"));
        trigger(Map.of("event", "OnExternalCallStart", "handlerUrl", handler.url("/b24"), "forged", true,
                "data", Map.of("CALL_ID", FORGED_CALL))).statusCode(200)
                .body("forged", equalTo(true)).body("status", equalTo(200));
        var forged = handler.awaitEvent("ONEXTERNALCALLSTART").form();
        assertEquals(FORGED_CALL, forged.at("/data/CALL_ID").asText());
        assertEquals("1", forged.path("event_handler_id").asText(), "a copy of the real delivery, handler ID and all");
        assertEquals(portal.memberId(), forged.at("/auth/member_id").asText());
        String token = forged.at("/auth/application_token").asText();
        assertEquals(32, token.length());
        assertNotEquals(app.getString("application_token"), token, "only the application_token can tell it");
        oauth(forged.at("/auth/access_token").asText(), "user.current", Map.of()).then().statusCode(401);
        given().get(base() + "/_emulator/portals/" + portal.id() + "/events").then()
                .body("forged", equalTo(List.of(true)));

        handler.clear();
        trigger(Map.of("event", "OnExternalCallStart", "handlerUrl", handler.url("/b24"))).statusCode(200)
                .body("forged", equalTo(false));
        assertEquals(app.getString("application_token"),
                handler.awaitEvent("ONEXTERNALCALLSTART").form().at("/auth/application_token").asText());
        handler.clear();
        trigger(Map.of("event", "OnAppUninstall", "handlerUrl", handler.url("/b24"), "forged", true)).statusCode(200);
        var uninstall = handler.awaitEvent("ONAPPUNINSTALL").form();
        assertFalse(uninstall.get("auth").has("access_token"), "ONAPPUNINSTALL carries no tokens: " + uninstall);
        assertNotEquals(app.getString("application_token"), uninstall.at("/auth/application_token").asText());
        trigger(Map.of("event", "OnExternalCallStart", "handlerUrl", handler.url("/b24"), "forged", "yes"))
                .statusCode(400).body("error_description", containsString("forged must be true or false"));

        // a forged ONAPPINSTALL has the real one's keys, no event_handler_id among them: only its tokens differ
        for (boolean forge : List.of(false, true)) {
            handler.clear();
            trigger(Map.of("event", "OnAppInstall", "handlerUrl", handler.url("/b24"), "forged", forge)).statusCode(200);
            var install = handler.awaitEvent("ONAPPINSTALL").form();
            List<String> keys = new java.util.ArrayList<>();
            install.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("event", "data", "ts", "auth"), keys, (forge ? "forged: " : "real: ") + install);
        }
    }

    @Test
    void withoutAnApplicationAForgeryHasTheShapeOfAnOutgoingWebhooksDelivery() {
        given().contentType(ContentType.JSON).body(Map.of("handlerUrl", handler.url("/hook"),
                        "events", List.of("OnExternalCallStart"), "title", "PBX"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/outgoing-webhooks").then().statusCode(201);
        trigger(Map.of("event", "OnExternalCallStart", "handlerUrl", handler.url("/hook"), "forged", true))
                .statusCode(200).body("forged", equalTo(true));
        var auth = handler.awaitEvent("ONEXTERNALCALLSTART").form().get("auth");
        List<String> keys = new java.util.ArrayList<>();
        auth.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("domain", "client_endpoint", "server_endpoint", "member_id", "application_token"), keys);
        assertEquals(32, auth.path("application_token").asText().length());
    }
}
