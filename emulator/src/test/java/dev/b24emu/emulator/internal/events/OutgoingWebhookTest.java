package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.testing.HandlerServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outgoing webhooks (local-integrations/local-webhooks.md, api-reference/events/index.md): an event list and a
 * handler URL with an application_token, delivered to in the documented form through the same outbound path as
 * application handlers, and reached by click-to-call when no application takes the line.
 */
class OutgoingWebhookTest extends AppHarness {
    private static final Set<String> WEBHOOK_AUTH = Set.of("domain", "client_endpoint", "server_endpoint", "member_id",
            "application_token");
    private static final Map<String, Object> INCOMING = Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2,
            "LINE_NUMBER", "74950000000");

    private String control(String path) {
        return base() + "/_emulator/portals/" + portal.id() + path;
    }

    private JsonPath outgoingWebhook(String path, String... events) {
        return given().contentType(ContentType.JSON).body(Map.of("handlerUrl", handler.url(path), "events", List.of(events),
                "title", "PBX")).post(control("/outgoing-webhooks")).then().statusCode(201).extract().jsonPath();
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new HashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void anOutgoingWebhookReceivesTheCallEventsInTheDocumentedForm() {
        JsonPath hook = outgoingWebhook("/hook", "OnVoximplantCallInit", "onvoximplantcallstart", "OnVoximplantCallEnd");
        String token = hook.getString("application_token");
        assertTrue(token.matches("[0-9a-z]{32}"), token);
        assertEquals(List.of("ONVOXIMPLANTCALLINIT", "ONVOXIMPLANTCALLSTART", "ONVOXIMPLANTCALLEND"), hook.getList("events"));

        advancePortalClock("P1D"); // ts is the portal's time, not the machine's
        long before = portal.now().getEpochSecond();
        String callId = call("telephony.externalcall.register", INCOMING).then().statusCode(200).extract().path("result.CALL_ID");
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 42)).then().statusCode(200);

        Set<String> handlerIds = new HashSet<>();
        for (String event : List.of("ONVOXIMPLANTCALLINIT", "ONVOXIMPLANTCALLSTART", "ONVOXIMPLANTCALLEND")) {
            HandlerServer.Received delivery = handler.awaitEvent(event);
            assertEquals("/hook", delivery.path());
            assertEquals("application/x-www-form-urlencoded", delivery.contentType());
            JsonNode form = delivery.form();
            assertEquals(Set.of("event", "event_handler_id", "data", "ts", "auth"), keys(form), delivery.body());
            assertEquals(WEBHOOK_AUTH, keys(form.get("auth")), "no access token, no application data: " + delivery.body());
            assertEquals(token, form.at("/auth/application_token").asText());
            assertEquals(portal.memberId(), form.at("/auth/member_id").asText());
            assertEquals(base() + "/rest/", form.at("/auth/client_endpoint").asText());
            assertEquals(callId, form.at("/data/CALL_ID").asText());
            long ts = Long.parseLong(form.get("ts").asText());
            assertTrue(ts >= before && ts <= portal.now().getEpochSecond(), "ts " + ts + " on the portal clock");
            assertTrue(delivery.body().contains("auth%5Bapplication_token%5D=" + token), delivery.body());
            handlerIds.add(form.get("event_handler_id").asText());
        }
        assertEquals(3, handlerIds.size(), "each event of the webhook has its own handler row");
        assertEquals("42", handler.awaitEvent("ONVOXIMPLANTCALLEND").form().at("/data/CALL_DURATION").asText());
        given().get(control("/events?event=ONVOXIMPLANTCALLEND")).then().body("size()", equalTo(1))
                .body("[0].url", equalTo(handler.url("/hook"))).body("[0].status", equalTo(200))
                .body("[0].payload.auth.application_token", equalTo(token));
    }

    @Test
    void onePublishReachesApplicationHandlersAndOutgoingWebhooksEachInItsForm() {
        String app = telephonyApp("local.pbx").getString("access_token");
        bind(app, "OnVoximplantCallStart", handler.url("/app"));
        outgoingWebhook("/hook", "OnVoximplantCallStart");
        call("telephony.externalcall.register", INCOMING).then().statusCode(200);
        JsonNode toApp = handler.await(r -> r.path().equals("/app"), "the application's delivery").form();
        JsonNode toHook = handler.await(r -> r.path().equals("/hook"), "the webhook's delivery").form();
        assertTrue(toApp.at("/auth/access_token").isTextual());
        assertEquals(WEBHOOK_AUTH, keys(toHook.get("auth")));
        assertEquals(toApp.get("data"), toHook.get("data"), "the same data for both");
    }

    @Test
    void aFailedDeliveryToAWebhookIsJournaledAndNotRetried() throws Exception {
        outgoingWebhook("/broken", "OnVoximplantCallStart");
        handler.answer(500, 0);
        call("telephony.externalcall.register", INCOMING).then().statusCode(200);
        handler.awaitEvent("ONVOXIMPLANTCALLSTART");
        Thread.sleep(1200);
        assertEquals(1, handler.received().size());
        given().get(control("/events")).then().body("size()", equalTo(1)).body("[0].error", equalTo("HTTP 500"));
        // the failed attempts alone: one here, none once a delivery went through
        handler.answer(200, 0);
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000002", "TYPE", 2,
                "LINE_NUMBER", "74950000000"))
                .then().statusCode(200);
        handler.await(r -> handler.received().size() == 2, "the second delivery");
        given().get(control("/events?failed=true")).then().body("size()", equalTo(1)).body("[0].error", equalTo("HTTP 500"));
        given().get(control("/events?failed=false")).then().body("size()", equalTo(2));
    }

    @Test
    void clickToCallReachesAWebhookOnlyIntegrationOnItsLine() {
        call("telephony.externalLine.add", Map.of("NUMBER", "74950000000", "NAME", "Main")).then().statusCode(200);
        outgoingWebhook("/hook", "OnExternalCallStart", "OnVoximplantCallEnd");
        String callId = given().contentType(ContentType.JSON).body(Map.of("userId", 2, "phoneNumber", "+7 999 000-00-01"))
                .post(control("/click-to-call")).then().statusCode(200)
                .body("appId", nullValue()).body("lineNumber", equalTo("74950000000")).extract().path("CALL_ID");
        JsonNode data = handler.awaitEvent("ONEXTERNALCALLSTART").form().get("data");
        assertEquals(callId, data.get("CALL_ID").asText());
        assertEquals("2", data.get("USER_ID").asText());
        assertEquals("74950000000", data.get("LINE_NUMBER").asText());
        assertEquals("CONTACT", data.get("CRM_ENTITY_TYPE").asText());
        // the webhook-only integration finishes the portal's call through its incoming webhook
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 30)).then()
                .statusCode(200).body("result.REST_APP_ID", nullValue()).body("result.INCOMING", equalTo("1"));
        handler.awaitEvent("ONVOXIMPLANTCALLEND");
        given().contentType(ContentType.JSON).body(Map.of("userId", 3, "phoneNumber", "+79990000002", "lineNumber", "74950000000"))
                .post(control("/click-to-call")).then().statusCode(200).body("appId", nullValue());
        given().contentType(ContentType.JSON).body(Map.of("userId", 3, "phoneNumber", "+79990000002", "lineNumber", "500"))
                .post(control("/click-to-call")).then().statusCode(400);
    }

    @Test
    void theLinesApplicationStillGetsItsClicksAndCallbacksGoToWebhooksWithoutOne() throws Exception {
        String pbx = telephonyApp("local.pbx").getString("access_token");
        oauth(pbx, "telephony.externalLine.add", Map.of("NUMBER", "74950000000")).then().statusCode(200);
        bind(pbx, "OnExternalCallStart", handler.url("/app"));
        outgoingWebhook("/hook", "OnExternalCallStart", "OnExternalCallBackStart");
        given().contentType(ContentType.JSON).body(Map.of("userId", 2, "phoneNumber", "+79990000001", "lineNumber", "74950000000"))
                .post(control("/click-to-call")).then().statusCode(200).body("appId", equalTo("1"));
        handler.await(r -> r.path().equals("/app"), "the application's OnExternalCallStart");
        given().contentType(ContentType.JSON).body(Map.of("phoneNumber", "+79990000003", "text", "Call me"))
                .post(control("/callback")).then().statusCode(200).body("appId", nullValue());
        assertEquals("Call me", handler.awaitEvent("ONEXTERNALCALLBACKSTART").form().at("/data/TEXT").asText());
        Thread.sleep(500);
        assertFalse(handler.received().stream().anyMatch(r -> r.path().equals("/hook") && r.event().equals("ONEXTERNALCALLSTART")),
                "a click on an application's line goes to that application only");
        // REST_APP:0 names the outgoing webhooks' line (handlers of APP_ID 0): a webhook-only connector beside the
        // application, as asterlink's README has its users choose it
        given().contentType(ContentType.JSON).body(Map.of("userId", 2, "phoneNumber", "+79990000004", "lineNumber", "REST_APP:0"))
                .post(control("/click-to-call")).then().statusCode(200).body("appId", nullValue());
        assertEquals("+79990000004", handler.await(r -> r.path().equals("/hook") && r.event().equals("ONEXTERNALCALLSTART"),
                "the webhooks' OnExternalCallStart").form().at("/data/PHONE_NUMBER").asText());
        // chosen as the portal's outgoing line, it takes the clicks that name no line
        call("voximplant.line.outgoing.set", Map.of("LINE_ID", "REST_APP:0")).then().statusCode(200);
        call("voximplant.line.outgoing.get", Map.of()).then().body("result", equalTo("REST_APP:0"));
        given().contentType(ContentType.JSON).body(Map.of("userId", 2, "phoneNumber", "+79990000005"))
                .post(control("/click-to-call")).then().statusCode(200).body("appId", nullValue());
        handler.await(r -> r.path().equals("/hook") && r.form().at("/data/PHONE_NUMBER").asText().equals("+79990000005"),
                "the click on the portal's outgoing line");
    }

    @Test
    void aPortalCanFollowTheDocsWhereOnlyApplicationsGetOnExternalCallStart() {
        outgoingWebhook("/hook", "OnExternalCallStart");
        patchSettings("{\"outgoingWebhookClickToCall\":false}");
        given().contentType(ContentType.JSON).body(Map.of("handlerUrl", handler.url("/h2"), "events", List.of("OnExternalCallStart")))
                .post(control("/outgoing-webhooks")).then().statusCode(400)
                .body("error_description", org.hamcrest.Matchers.startsWith("OnExternalCallStart can be subscribed to only through an application"));
        given().contentType(ContentType.JSON).body(Map.of("userId", 2, "phoneNumber", "+79990000001"))
                .post(control("/click-to-call")).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("userId", 2, "phoneNumber", "+79990000001", "lineNumber", "REST_APP:0"))
                .post(control("/click-to-call")).then().statusCode(400);
    }

    @Test
    void creationRefusesWhatTheFormCannotMakeAndWebhooksAreListedAndDeleted() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("handlerUrl", handler.url("/h"), "events", List.of("OnNoSuchEvent")),
                Map.of("handlerUrl", handler.url("/h"), "events", List.of("OnAppInstall")),
                Map.of("handlerUrl", handler.url("/h"), "events", List.of()),
                Map.of("handlerUrl", "not a url", "events", List.of("OnVoximplantCallEnd")),
                Map.of("handlerUrl", base() + "/_emulator/reset", "events", List.of("OnVoximplantCallEnd")),
                Map.of("handlerUrl", handler.url("/h"), "events", List.of("OnVoximplantCallEnd"), "secret", "x"))) {
            given().contentType(ContentType.JSON).body(bad).post(control("/outgoing-webhooks")).then().statusCode(400)
                    .body("error", equalTo("ERROR_ARGUMENT"));
        }
        // a name no event has is said so; an application event is said to be one
        given().contentType(ContentType.JSON).body(Map.of("handlerUrl", handler.url("/h"), "events", List.of("OnNoSuch")))
                .post(control("/outgoing-webhooks")).then().body("error_description",
                        org.hamcrest.Matchers.startsWith("An outgoing webhook cannot receive OnNoSuch: no such event; known: "));
        given().contentType(ContentType.JSON).body(Map.of("handlerUrl", handler.url("/h"), "events", List.of("OnAppInstall")))
                .post(control("/outgoing-webhooks")).then().body("error_description", org.hamcrest.Matchers.startsWith(
                        "An outgoing webhook cannot receive OnAppInstall: it gets online events, not the application events"));
        long id = outgoingWebhook("/a", "OnVoximplantCallEnd").getLong("id");
        outgoingWebhook("/b", "OnVoximplantCallEnd");
        given().get(control("/outgoing-webhooks")).then().body("handlerUrl", equalTo(List.of(handler.url("/a"), handler.url("/b"))));
        given().delete(control("/outgoing-webhooks/" + id)).then().statusCode(200).body("deleted", equalTo(Long.toString(id)));
        given().delete(control("/outgoing-webhooks/" + id)).then().statusCode(404);
        given().get(control("/outgoing-webhooks")).then().body("size()", equalTo(1));
        // the token under the name the answer gives it is taken too (it was refused: audit 60a)
        given().contentType(ContentType.JSON).body(Map.of("handlerUrl", handler.url("/c"), "events",
                        List.of("OnVoximplantCallEnd"), "application_token", "tok0123456789abc"))
                .post(control("/outgoing-webhooks")).then().statusCode(201)
                .body("application_token", equalTo("tok0123456789abc"));
        given().contentType(ContentType.JSON).body(Map.of("handlerUrl", handler.url("/c"), "events",
                        List.of("OnVoximplantCallEnd"), "application_token", "tok0123456789abc",
                        "applicationToken", "other0123456789"))
                .post(control("/outgoing-webhooks")).then().statusCode(400);
    }

    @Test
    void seededWebhooksKeepTheirTokenAcrossResetsAndStates() {
        String seeded = "{\"id\":\"hooks-" + System.nanoTime() + "\",\"seed\":{\"outgoingWebhooks\":[{\"handlerUrl\":\""
                + handler.url("/seeded") + "\",\"events\":[\"OnVoximplantCallEnd\"],\"applicationToken\":\"abcdef0123456789\"}]}}";
        String id = given().contentType(ContentType.JSON).body(seeded).post(base() + "/_emulator/portals").then()
                .statusCode(201).extract().path("id");
        String path = base() + "/_emulator/portals/" + id;
        given().post(path + "/reset").then().statusCode(200);
        given().get(path + "/outgoing-webhooks").then().body("[0].application_token", equalTo("abcdef0123456789"));

        outgoingWebhook("/kept", "OnVoximplantCallStart");
        String state = given().get(control("/state")).then().statusCode(200).extract().asString();
        given().post(control("/reset")).then().statusCode(200);
        given().get(control("/outgoing-webhooks")).then().body("size()", equalTo(0));
        given().contentType(ContentType.JSON).body(state).put(control("/state")).then().statusCode(200);
        given().get(control("/outgoing-webhooks")).then().body("[0].handlerUrl", equalTo(handler.url("/kept")));
        call("telephony.externalcall.register", INCOMING).then().statusCode(200);
        handler.await(r -> r.path().equals("/kept"), "a delivery to the restored webhook");
        given().delete(path).then().statusCode(200);
    }
}
