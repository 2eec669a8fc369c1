package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.testing.HandlerServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** event.bind and real outbound delivery of the telephony events. */
class EventDeliveryTest extends AppHarness {
    private static final Map<String, Object> INCOMING = Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2,
            "LINE_NUMBER", "74950000000");

    @Test
    void bindRulesAndErrors() {
        String token = telephonyApp("local.ev").getString("access_token");
        call("event.bind", Map.of("event", "OnVoximplantCallStart", "handler", handler.url("/h"))).then()
                .statusCode(403).body("error", equalTo("WRONG_AUTH_TYPE"));
        oauth(token, "event.bind", Map.of("event", "OnNothing", "handler", handler.url("/h"))).then().statusCode(400)
                .body("error", equalTo("ERROR_EVENT_NOT_FOUND")).body("error_description", equalTo("Event not found"));
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallStart", "handler", "not a url")).then().statusCode(400)
                .body("error", equalTo("ERROR_WRONG_HANDLER_URL"));
        // the real Event::eventBind's argument checks (D128)
        oauth(token, "event.bind", Map.of("handler", handler.url("/h"))).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT")).body("error_description", equalTo("Argument 'EVENT' is null or empty"))
                .body("argument", equalTo("EVENT")); // ArgumentNullException: its parameter, as RestException answers it
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallStart", "handler", handler.url("/h"), "event_type", "x"))
                .then().statusCode(400).body("error_description", equalTo("Value must be one of {online|offline}"));
        oauth(token, "event.bind", Map.of("event", "OnOfflineEvent", "event_type", "offline")).then().statusCode(400)
                .body("error_description", equalTo("Offline event cannot be registered for this event."));
        oauth(token, "event.bind", Map.of("event", "onvoximplantcallstart", "handler", handler.url("/h"))).then().statusCode(200)
                .body("result", equalTo(true));
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallStart", "handler", handler.url("/h"))).then().statusCode(400)
                .body("error", equalTo("ERROR_HANDLER_ALREADY_EXIST"));
        oauth(token, "event.get", Map.of()).then().body("result[0].event", equalTo("ONVOXIMPLANTCALLSTART"))
                .body("result[0].handler", equalTo(handler.url("/h"))).body("result[0].auth_type", equalTo("0"))
                .body("result[0].offline", equalTo(0));
        oauth(token, "events", Map.of()).then().body("result", hasItem("ONEXTERNALCALLSTART"));
        oauth(token, "event.unbind", Map.of("event", "OnVoximplantCallStart")).then().statusCode(400)
                .body("error_description", equalTo("Argument 'HANDLER' is null or empty"));
        oauth(token, "event.unbind", Map.of("event", "OnVoximplantCallStart", "handler", handler.url("/h"))).then()
                .body("result.count", equalTo(1));
        oauth(token, "event.get", Map.of()).then().body("result.size()", equalTo(0));
    }

    @Test
    void registerAndFinishDeliverTheCallEventsFieldByField() {
        JsonPath app = telephonyApp("local.pbx");
        String token = app.getString("access_token");
        for (String event : List.of("OnVoximplantCallInit", "OnVoximplantCallStart", "OnVoximplantCallEnd")) {
            bind(token, event, handler.url("/events"));
        }
        String callId = call("telephony.externalcall.register", INCOMING).then().statusCode(200).extract().path("result.CALL_ID");

        JsonNode init = handler.awaitEvent("ONVOXIMPLANTCALLINIT").form();
        assertEquals(callId, init.at("/data/CALL_ID").asText());
        assertEquals("2", init.at("/data/CALL_TYPE").asText());
        assertEquals("+79990000001", init.at("/data/CALLER_ID").asText());
        JsonNode start = handler.awaitEvent("ONVOXIMPLANTCALLSTART").form();
        assertEquals(callId, start.at("/data/CALL_ID").asText());
        assertEquals("2", start.at("/data/USER_ID").asText());
        JsonNode auth = start.get("auth");
        assertEquals(app.getString("application_token"), auth.get("application_token").asText());
        assertEquals(portal.memberId(), auth.get("member_id").asText());
        int expiresIn = Integer.parseInt(auth.get("expires_in").asText());
        assertTrue(expiresIn > 3540 && expiresIn <= 3600, "a delivered pair's time left: " + expiresIn); // D207
        assertEquals(base() + "/rest/", auth.get("client_endpoint").asText());
        assertAllStrings(start);
        // the token is the acting user's: here the webhook's user 1, who made the register call
        oauth(auth.get("access_token").asText(), "user.current", Map.of()).then().statusCode(200)
                .body("result.ID", equalTo("1"));

        handler.clear();
        call("telephony.externalcall.register", INCOMING).then().statusCode(200);
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 42)).then().statusCode(200);
        JsonNode end = handler.awaitEvent("ONVOXIMPLANTCALLEND").form();
        assertEquals(callId, end.at("/data/CALL_ID").asText());
        assertEquals("42", end.at("/data/CALL_DURATION").asText());
        assertEquals("200", end.at("/data/CALL_FAILED_CODE").asText());
        assertEquals("74950000000", end.at("/data/PORTAL_NUMBER").asText());
        assertTrue(handler.received().stream().noneMatch(r -> r.event().equals("ONVOXIMPLANTCALLSTART")),
                "a reused CALL_ID fires no events");
        handler.assertAllConform();
    }

    /**
     * A telephony event's auth has no refresh token: the server's Sender drops it from every event not registered with
     * sendRefreshToken (events/index.md: only events that need long-term access); ONAPPTEST keeps it. The portal may
     * send it everywhere, as the telephony pages' examples show (D94).
     */
    @Test
    void aTelephonyEventCarriesNoRefreshTokenAsTheServerSendsIt() {
        JsonPath app = telephonyApp("local.pbx");
        String token = app.getString("access_token");
        bind(token, "OnVoximplantCallStart", handler.url("/events"));
        bind(token, "OnAppTest", handler.url("/events"));
        call("telephony.externalcall.register", INCOMING).then().statusCode(200);
        JsonNode auth = handler.awaitEvent("ONVOXIMPLANTCALLSTART").form().get("auth");
        assertTrue(auth.path("refresh_token").isMissingNode(), auth.toString());
        assertEquals(32, auth.path("access_token").asText().length(), auth.toString());
        oauth(token, "event.test", Map.of()).then().statusCode(200);
        assertEquals(32, handler.awaitEvent("ONAPPTEST").form().at("/auth/refresh_token").asText().length());
        handler.clear();
        patchSettings("{\"refreshTokenInEveryEvent\": true}");
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000002", "TYPE", 2))
                .then().statusCode(200);
        assertEquals(32, handler.awaitEvent("ONVOXIMPLANTCALLSTART").form().at("/auth/refresh_token").asText().length());
        handler.assertAllConform();
    }

    @Test
    void failedDeliveriesAreJournaledAndNotRetriedUnlessThePortalOptsIn() throws Exception {
        String token = telephonyApp("local.fail").getString("access_token");
        bind(token, "OnVoximplantCallStart", handler.url("/broken"));
        handler.answer(500, 0);
        call("telephony.externalcall.register", INCOMING).then().statusCode(200);
        handler.awaitEvent("ONVOXIMPLANTCALLSTART");
        Thread.sleep(1200);
        assertEquals(1, handler.received().size(), "the real queue server never retries");
        given().get(base() + "/_emulator/portals/" + portal.id() + "/events").then()
                .body("size()", equalTo(1)).body("[0].status", equalTo(500)).body("[0].error", equalTo("HTTP 500"))
                .body("[0].event", equalTo("ONVOXIMPLANTCALLSTART"));

        patchSettings("{\"eventRetries\":2}");
        handler.clear();
        call("telephony.externalcall.register", Map.of("USER_ID", 3, "PHONE_NUMBER", "+79990000002", "TYPE", 2)).then().statusCode(200);
        handler.await(r -> handler.received().size() >= 3, "three attempts");
        given().get(base() + "/_emulator/events?event=ONVOXIMPLANTCALLSTART").then().body("attempt", hasItem(3));
    }

    @Test
    void aSlowHandlerNeverHoldsTheRequestThatCausedTheEvent() {
        String token = telephonyApp("local.slow").getString("access_token");
        bind(token, "OnVoximplantCallStart", handler.url("/slow"));
        handler.answer(200, 3000);
        call("telephony.externalcall.register", INCOMING).then().statusCode(200);
        given().get(base() + "/_emulator/portals/" + portal.id() + "/events").then().body("size()", equalTo(0));
        handler.awaitEvent("ONVOXIMPLANTCALLSTART");
    }

    /**
     * D194: a call registered and finished at once (as a clock move that passes both makes them) reaches one handler
     * in the order it happened: each delivery waits for the answer to the one before it. They went all at once, and
     * the end could arrive before the start.
     */
    @Test
    void eventsToOneHandlerGoInTurnInTheOrderTheyHappened() throws Exception {
        slowHandlerOfACallsEvents("local.order");
        String callId = call("telephony.externalcall.register", INCOMING).then().statusCode(200)
                .extract().path("result.CALL_ID");
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 5)).then().statusCode(200);
        Thread.sleep(250);
        assertTrue(handler.received().size() <= 1, "the next waits for the answer: " + handler.received().size());
        handler.awaitEvent("ONVOXIMPLANTCALLEND");
        assertEquals(List.of("ONVOXIMPLANTCALLINIT", "ONVOXIMPLANTCALLSTART", "ONVOXIMPLANTCALLEND"),
                handler.received().stream().map(HandlerServer.Received::event).toList());
        handler.answer(200, 0);
    }

    /**
     * D194 for more than two: each waits for the answer to the one before, or a second after that one was sent. The
     * second counted from when each was queued, so with a handler taking 400 ms the fourth to the sixth of six queued
     * together went at the same moment, in any order.
     */
    @Test
    void sixEventsQueuedTogetherReachASlowHandlerInOrder() throws Exception {
        slowHandlerOfACallsEvents("local.order6");
        Map<String, Object> second = Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000002", "TYPE", 2);
        Map<String, Object> commands = new java.util.LinkedHashMap<>(); // in this order: each finish after its call
        commands.put("r1", Map.of("method", "telephony.externalcall.register", "params", INCOMING));
        commands.put("f1", Map.of("method", "telephony.externalcall.finish", "params",
                Map.of("CALL_ID", "$result[r1][CALL_ID]", "USER_ID", 2, "DURATION", 5)));
        commands.put("r2", Map.of("method", "telephony.externalcall.register", "params", second));
        commands.put("f2", Map.of("method", "telephony.externalcall.finish", "params",
                Map.of("CALL_ID", "$result[r2][CALL_ID]", "USER_ID", 2, "DURATION", 5)));
        long queued = System.nanoTime();
        call("batch", Map.of("cmd", commands)).then().statusCode(200).body("result.result_error", equalTo(List.of()));
        for (int i = 0; i < 200 && handler.received().size() < 6; i++) {
            Thread.sleep(20);
        }
        long lastArrived = (System.nanoTime() - queued) / 1_000_000;
        // each went once the one before was answered: the sixth no sooner than five answers of 400 ms after the first
        assertTrue(lastArrived >= 1900, "the sixth arrived " + lastArrived + " ms after they were queued");
        assertEquals(List.of("ONVOXIMPLANTCALLINIT", "ONVOXIMPLANTCALLSTART", "ONVOXIMPLANTCALLEND",
                        "ONVOXIMPLANTCALLINIT", "ONVOXIMPLANTCALLSTART", "ONVOXIMPLANTCALLEND"),
                handler.received().stream().map(HandlerServer.Received::event).toList());
        List<String> calls = handler.received().stream().map(r -> r.form().path("data").path("CALL_ID").asText()).toList();
        assertEquals(List.of(calls.get(0), calls.get(0), calls.get(0), calls.get(3), calls.get(3), calls.get(3)), calls);
        assertTrue(!calls.get(0).equals(calls.get(3)), calls.toString());
        handler.answer(200, 0);
    }

    /** An application's handler of a call's three events, answering each after 400 ms. */
    private void slowHandlerOfACallsEvents(String clientId) {
        String token = telephonyApp(clientId).getString("access_token");
        for (String event : List.of("OnVoximplantCallInit", "OnVoximplantCallStart", "OnVoximplantCallEnd")) {
            bind(token, event, handler.url("/in-turn"));
        }
        handler.answer(200, 400);
    }

    @Test
    void aHandlerThatNeverAnswersTimesOutAfterFiveSecondsAndADeadOneFailsAtOnce() throws Exception {
        String token = telephonyApp("local.timeout").getString("access_token");
        bind(token, "OnVoximplantCallStart", handler.url("/hangs"));
        bind(token, "OnVoximplantCallInit", "http://127.0.0.1:1/dead");
        handler.answer(200, 9000);
        call("telephony.externalcall.register", INCOMING).then().statusCode(200);
        io.restassured.path.json.JsonPath deliveries = null;
        for (int i = 0; i < 100; i++) {
            deliveries = given().get(base() + "/_emulator/portals/" + portal.id() + "/events").then().extract().jsonPath();
            if (deliveries.getList("event").size() == 2) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(2, deliveries.getList("event").size(), "both attempts are journaled");
        assertEquals(0, deliveries.getInt("find { it.event == 'ONVOXIMPLANTCALLINIT' }.status"), "a dead handler: no answer");
        int waited = deliveries.getInt("find { it.event == 'ONVOXIMPLANTCALLSTART' }.latencyMillis");
        assertTrue(waited >= 5000 && waited < 8000, "the attempt gave up after the 5 s timeout: " + waited + " ms");
        assertEquals(0, deliveries.getInt("find { it.event == 'ONVOXIMPLANTCALLSTART' }.status"));
        handler.clear();
    }

    @Test
    void clickToCallRegistersTheCallAndTellsOnlyTheLinesApplication() {
        String pbx = telephonyApp("local.pbx").getString("access_token");
        String other = telephonyApp("local.other").getString("access_token");
        oauth(pbx, "telephony.externalLine.add", Map.of("NUMBER", "74950000000", "NAME", "Main")).then().statusCode(200);
        bind(pbx, "OnExternalCallStart", handler.url("/pbx"));
        bind(other, "OnExternalCallStart", handler.url("/other"));
        bind(pbx, "OnVoximplantCallEnd", handler.url("/pbx"));

        String callId = given().contentType("application/json")
                .body(Map.of("userId", 2, "phoneNumber", "+7 999 000-00-01", "lineNumber", "74950000000"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/click-to-call").then().statusCode(200)
                .extract().path("CALL_ID");
        HandlerServer.Received start = handler.awaitEvent("ONEXTERNALCALLSTART");
        assertEquals("/pbx", start.path());
        JsonNode data = start.form().get("data");
        assertEquals(callId, data.get("CALL_ID").asText());
        assertEquals("2", data.get("USER_ID").asText());
        assertEquals("74950000000", data.get("LINE_NUMBER").asText());
        assertEquals("+79990000001", data.get("PHONE_NUMBER_INTERNATIONAL").asText());
        assertEquals("CONTACT", data.get("CRM_ENTITY_TYPE").asText());
        assertEquals("1", data.get("CRM_ENTITY_ID").asText());

        oauth(pbx, "telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 30)).then()
                .statusCode(200).body("result.INCOMING", equalTo("1")).body("result.REST_APP_NAME", equalTo("local.pbx"));
        handler.awaitEvent("ONVOXIMPLANTCALLEND");
        assertTrue(handler.received().stream().noneMatch(r -> r.path().equals("/other")), "only the line's application is told");
        handler.assertAllConform();
    }

    /**
     * D39: with two telephony applications bound to OnExternalCallStart, an application's own line REST_APP:<id> picks
     * the second; an application that is not installed is a 400 naming it.
     */
    @Test
    void clickToCallOnAnApplicationsOwnLineGoesToThatApplication() {
        String first = telephonyApp("local.first").getString("access_token");
        JsonPath second = telephonyApp("local.second");
        bind(first, "OnExternalCallStart", handler.url("/first"));
        bind(second.getString("access_token"), "OnExternalCallStart", handler.url("/second"));
        String click = base() + "/_emulator/portals/" + portal.id() + "/click-to-call";
        String callId = given().contentType("application/json").body(Map.of("userId", 2, "phoneNumber", "+79990000001",
                "lineNumber", "REST_APP:" + second.getString("app_id"))).post(click).then().statusCode(200)
                .extract().path("CALL_ID");
        HandlerServer.Received start = handler.awaitEvent("ONEXTERNALCALLSTART");
        assertEquals("/second", start.path());
        assertEquals(callId, start.form().get("data").get("CALL_ID").asText());
        assertTrue(handler.received().stream().noneMatch(r -> r.path().equals("/first")), "only that application");
        given().contentType("application/json").body(Map.of("userId", 2, "phoneNumber", "+79990000001",
                "lineNumber", "REST_APP:999")).post(click).then().statusCode(400);
        // a click naming no line goes where the portal's outgoing line goes: the second application's line, once set
        handler.clear();
        call("voximplant.line.outgoing.set", Map.of("LINE_ID", "REST_APP:" + second.getString("app_id"))).then()
                .statusCode(200);
        given().contentType("application/json").body(Map.of("userId", 2, "phoneNumber", "+79990000002")).post(click)
                .then().statusCode(200).body("appId", equalTo(second.getString("app_id")));
        assertEquals("/second", handler.awaitEvent("ONEXTERNALCALLSTART").path());
        // the outgoing webhooks' line can be chosen only while an outgoing webhook takes clicks (set answers 1 anyway)
        call("voximplant.line.outgoing.set", Map.of("LINE_ID", "REST_APP:0")).then().statusCode(200);
        call("voximplant.line.outgoing.get", Map.of()).then().body("result", equalTo("REST_APP:" + second.getString("app_id")));
    }

    /** D127: the extension is cut off and the rest read in the portal's numbering plan, as Helper::startCall does. */
    @Test
    void clickToCallCutsTheExtensionAndWritesTheNumberInThePortalsPlan() {
        String pbx = telephonyApp("local.ext").getString("access_token");
        oauth(pbx, "telephony.externalLine.add", Map.of("NUMBER", "74950000000")).then().statusCode(200);
        bind(pbx, "OnExternalCallStart", handler.url("/pbx"));
        String click = base() + "/_emulator/portals/" + portal.id() + "/click-to-call";
        Map<String, Object> body = Map.of("userId", 2, "phoneNumber", "8 (999) 000-00-07#123", "lineNumber", "74950000000");

        // the emulator's own domain names no country: a number without a country code is sent as given
        String callId = given().contentType("application/json").body(body).post(click).then().statusCode(200)
                .extract().path("CALL_ID");
        JsonNode data = handler.awaitEvent("ONEXTERNALCALLSTART").form().get("data");
        assertEquals("8 (999) 000-00-07", data.get("PHONE_NUMBER").asText());
        assertEquals("8 (999) 000-00-07", data.get("PHONE_NUMBER_INTERNATIONAL").asText());
        assertEquals("123", data.get("EXTENSION").asText());
        // the call is registered without the extension
        given().get(base() + "/_emulator/portals/" + portal.id() + "/calls").then().statusCode(200)
                .body("active.find { it.callId == '" + callId + "' }.phoneNumber", equalTo("89990000007"));

        handler.clear();
        given().contentType("application/json").body("{\"phoneCountry\":\"ru\"}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200)
                .body("phoneCountry", equalTo("RU"));
        given().contentType("application/json").body(body).post(click).then().statusCode(200);
        data = handler.awaitEvent("ONEXTERNALCALLSTART").form().get("data");
        assertEquals("+79990000007", data.get("PHONE_NUMBER_INTERNATIONAL").asText());
        given().contentType("application/json").body("{\"phoneCountry\":\"XX\"}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(400);
        handler.assertAllConform();
    }

    @Test
    void callbackRequestsGoToTheLinesApplication() {
        String pbx = telephonyApp("local.cb").getString("access_token");
        oauth(pbx, "telephony.externalLine.add", Map.of("NUMBER", "500")).then().statusCode(200);
        bind(pbx, "OnExternalCallBackStart", handler.url("/cb"));
        given().contentType("application/json").body(Map.of("phoneNumber", "+79990000002", "text", "Call me",
                        "crmEntityType", "CONTACT", "crmEntityId", 2, "lineNumber", "500"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/callback").then().statusCode(200);
        JsonNode form = handler.awaitEvent("ONEXTERNALCALLBACKSTART").form();
        JsonNode data = form.get("data");
        assertEquals("Call me", data.get("TEXT").asText());
        // a site visitor filled the form: no user's token (D156; the webhook user's went out: audit 60a)
        assertFalse(form.get("auth").has("access_token"), form.toString());
        assertFalse(form.get("auth").has("user_id"), form.toString());
        assertTrue(form.get("auth").has("application_token"), form.toString());
        assertEquals("500", data.get("LINE_NUMBER").asText());
        given().contentType("application/json").body(Map.of("phoneNumber", "1", "lineNumber", "nope"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/callback").then().statusCode(400);
    }

    private static void assertAllStrings(JsonNode node) {
        if (node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                assertAllStrings(it.next());
            }
        } else {
            assertTrue(node.isTextual(), "form deliveries carry only strings: " + node);
        }
    }
}
