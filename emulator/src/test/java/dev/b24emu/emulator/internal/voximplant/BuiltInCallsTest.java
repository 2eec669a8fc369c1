package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.support.AppHarness;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Callbacks, infocalls and control-started calls run on the portal's clock, with their events and records. */
class BuiltInCallsTest extends AppHarness {
    private static final String LINE = "74951112233";

    private String control(String path) {
        return base() + "/_emulator/portals/" + portal.id() + "/voximplant" + path;
    }

    @BeforeEach
    void rentANumber() {
        given().contentType(ContentType.JSON).body(Map.of("number", "+7 495 111-22-33", "name", "Moscow"))
                .post(control("/numbers")).then().statusCode(201).body("number", equalTo(LINE));
    }

    private String events() {
        String token = install("local.vox", List.of("telephony", "call"), null).getString("access_token");
        for (String event : List.of("OnVoximplantCallInit", "OnVoximplantCallStart", "OnVoximplantCallEnd")) {
            bind(token, event, handler.url("/events"));
        }
        return token;
    }

    private JsonPath statistics(Map<String, ?> params) {
        return call("voximplant.statistic.get", params).then().statusCode(200).extract().jsonPath();
    }

    /** The callback page's own example sends VOICE "internalfemale", which tts.voices.get does not list: a warning. */
    @Test
    void aVoiceNoListHasIsReported() {
        call("voximplant.callback.start", Map.of("FROM_LINE", LINE, "TO_NUMBER", "+79990000001",
                "TEXT_TO_PRONOUNCE", "Hello", "VOICE", "internalfemale")).then().statusCode(200)
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.containsString(
                        "VOICE \"internalfemale\" is none of voximplant.tts.voices.get's voices"));
        call("voximplant.callback.start", Map.of("FROM_LINE", LINE, "TO_NUMBER", "+79990000002",
                "TEXT_TO_PRONOUNCE", "Hello", "VOICE", "ruinternalfemale")).then().statusCode(200)
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.nullValue());
    }

    /**
     * A record and a transcript are attached to an ended callback as to an external call: the server looks the
     * CALL_ID up in StatisticTable, where built-in calls are too ("not found" here before: audit 61a).
     */
    @Test
    void anEndedCallbackTakesARecordAndATranscript() {
        String callId = call("voximplant.callback.start", Map.of("FROM_LINE", LINE, "TO_NUMBER", "+79990000007",
                "TEXT_TO_PRONOUNCE", "Hello")).then().statusCode(200).extract().path("result.CALL_ID");
        List<Map<String, Object>> messages = List.of(Map.of("SIDE", "User", "START_TIME", 0, "STOP_TIME", 2, "MESSAGE", "Hi"));
        call("telephony.call.attachTranscription", Map.of("CALL_ID", callId, "MESSAGES", messages)).then().statusCode(400)
                .body("error_description", equalTo("Call " + callId + " is not found. Is it finished?"));
        advancePortalClock("PT5S"); // answered
        advancePortalClock("PT30S"); // ended
        int transcript = call("telephony.call.attachTranscription", Map.of("CALL_ID", callId, "MESSAGES", messages))
                .then().statusCode(200).extract().path("result.TRANSCRIPT_ID");
        int file = call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "cb.mp3",
                "FILE_CONTENT", "SUQzBAAAAAAAAA==")).then().statusCode(200).extract().path("result.FILE_ID");
        JsonPath row = statistics(Map.of("FILTER", Map.of("CALL_ID", callId)));
        assertEquals(Integer.toString(transcript), row.getString("result[0].TRANSCRIPT_ID"));
        assertEquals(Integer.toString(file), row.getString("result[0].RECORD_FILE_ID"));
    }

    @Test
    void aCallbackRingsTalksAndEndsOnThePortalClock() {
        events();
        String callId = call("voximplant.callback.start", Map.of("FROM_LINE", LINE, "TO_NUMBER", "+7 (999) 000-00-01",
                "TEXT_TO_PRONOUNCE", "You asked us to call")).then().statusCode(200)
                .body("result.RESULT", equalTo(true))
                .body("result.CALL_ID", matchesPattern("callback\\.[0-9a-f]{32}\\.[0-9]+")).extract().path("result.CALL_ID");

        JsonNode init = handler.awaitEvent("ONVOXIMPLANTCALLINIT").form();
        assertEquals(callId, init.at("/data/CALL_ID").asText());
        assertEquals("4", init.at("/data/CALL_TYPE").asText());
        assertEquals(LINE, init.at("/data/ACCOUNT_SEARCH_ID").asText());
        assertEquals("+79990000001", init.at("/data/PHONE_NUMBER").asText());
        assertEquals(LINE, init.at("/data/CALLER_ID").asText());
        assertEquals(0, statistics(Map.of("FILTER", Map.of("CALL_ID", callId))).getInt("total"), "still running");

        advancePortalClock("PT5S");
        given().get(control("/calls")).then().statusCode(200).body("active[0].state", equalTo("talking"));
        JsonNode start = handler.awaitEvent("ONVOXIMPLANTCALLSTART").form();
        assertEquals(callId, start.at("/data/CALL_ID").asText());
        assertEquals("1", start.at("/data/USER_ID").asText());

        advancePortalClock("PT30S");
        JsonPath stats = statistics(Map.of("FILTER", Map.of("CALL_ID", callId)));
        assertEquals(1, stats.getInt("total"));
        assertEquals("4", stats.getString("result[0].CALL_TYPE"));
        assertEquals("30", stats.getString("result[0].CALL_DURATION"));
        assertEquals("200", stats.getString("result[0].CALL_FAILED_CODE"));
        assertEquals(LINE, stats.getString("result[0].PORTAL_NUMBER"));
        assertEquals("+79990000001", stats.getString("result[0].PHONE_NUMBER"));
        assertEquals("1", stats.getString("result[0].PORTAL_USER_ID"));
        assertEquals("CONTACT", stats.getString("result[0].CRM_ENTITY_TYPE"));
        assertEquals("0.0000", stats.getString("result[0].COST"));
        JsonNode end = handler.awaitEvent("ONVOXIMPLANTCALLEND").form();
        assertEquals(callId, end.at("/data/CALL_ID").asText());
        assertEquals("30", end.at("/data/CALL_DURATION").asText());
        assertEquals(LINE, end.at("/data/PORTAL_NUMBER").asText());
        // the call activity AddCall writes for a call about a client (D160): a callback, reversing stream
        String activity = end.at("/data/CRM_ACTIVITY_ID").asText();
        assertEquals(activity, stats.getString("result[0].CRM_ACTIVITY_ID"));
        call("crm.activity.get", Map.of("id", activity)).then().statusCode(200)
                .body("result.OWNER_TYPE_ID", equalTo("3")).body("result.OWNER_ID", equalTo("1"))
                .body("result.PROVIDER_ID", equalTo("VOXIMPLANT_CALL")).body("result.PROVIDER_TYPE_ID", equalTo("CALLBACK"))
                .body("result.ORIGIN_ID", equalTo("VI_" + callId)).body("result.RESULT_STREAM", equalTo("3"))
                .body("result.COMPLETED", equalTo("Y")).body("result.RESPONSIBLE_ID", equalTo("1"));
        given().get(control("/calls")).then().statusCode(200).body("active.size()", equalTo(0))
                .body("finished[0].CALL_ID", equalTo(callId));
    }

    /**
     * The telephony cloud's hits fire a built-in call's events, signed in as nobody: a delivery carries no token, and
     * no user, unless its handler was bound with auth_type, whose user's token it then carries (D156).
     */
    @Test
    void aCallsEventsCarryNoTokenUnlessTheHandlerNamesAUser() {
        String token = install("local.vox", List.of("telephony", "call"), null).getString("access_token");
        bind(token, "OnVoximplantCallInit", handler.url("/events"));
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallEnd", "handler", handler.url("/events"),
                "auth_type", 2)).then().statusCode(200);
        call("voximplant.infocall.startwithtext", Map.of("FROM_LINE", LINE, "TO_NUMBER", "+79990000001",
                "TEXT_TO_PRONOUNCE", "Your order is ready")).then().statusCode(200);

        JsonNode init = handler.awaitEvent("ONVOXIMPLANTCALLINIT").form();
        JsonNode auth = init.get("auth");
        assertTrue(auth.path("access_token").isMissingNode() && auth.path("refresh_token").isMissingNode()
                && auth.path("user_id").isMissingNode(), auth.toString());
        assertEquals(portal.memberId(), auth.path("member_id").asText());
        assertTrue(auth.path("application_token").asText().matches("[0-9a-z]{32}"), auth.toString());
        assertTrue(auth.path("client_endpoint").asText().endsWith("/rest/"), auth.toString());

        advancePortalClock("PT40S");
        JsonNode named = handler.awaitEvent("ONVOXIMPLANTCALLEND").form().get("auth");
        assertEquals("2", named.path("user_id").asText(), named.toString());
        oauth(named.path("access_token").asText(), "profile", Map.of()).then().statusCode(200)
                .body("result.ID", equalTo("2"));
    }

    @Test
    void anInfocallToABusyNumberEndsWithoutAConversation() {
        events();
        given().contentType(ContentType.JSON).body("{\"callees\": {\"+79990000002\": {\"outcome\": \"busy\", \"afterSeconds\": 3}}}")
                .patch(control("/settings")).then().statusCode(200);
        String callId = call("voximplant.infocall.startwithtext", Map.of("FROM_LINE", LINE, "TO_NUMBER", "79990000002",
                "TEXT_TO_PRONOUNCE", "Reminder")).then().statusCode(200).extract().path("result.CALL_ID");
        advancePortalClock("PT3S");
        JsonPath stats = statistics(Map.of("FILTER", Map.of("CALL_TYPE", 5)));
        assertEquals(1, stats.getInt("total"));
        assertEquals(callId, stats.getString("result[0].CALL_ID"));
        assertEquals("486", stats.getString("result[0].CALL_FAILED_CODE"));
        assertEquals("0", stats.getString("result[0].CALL_DURATION"));
        assertNull(stats.getString("result[0].PORTAL_USER_ID"), "infocalls have no responsible (CVoxImplantHistory::Add)");
        assertFalse(handler.awaitEvent("ONVOXIMPLANTCALLEND").form().path("data").has("PORTAL_USER_ID"));
        assertTrue(handler.received().stream().noneMatch(r -> "ONVOXIMPLANTCALLSTART".equals(r.event())),
                "an infocall has no conversation with an employee");
    }
}
