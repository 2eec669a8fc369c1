package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A day of mixed traffic on one portal: an application's external calls (answered with a record and a transcript, a
 * missed outgoing one), a webhook's call, a callback, an unanswered infocall from a SIP line, a SIP-line call, a
 * missed call and a busy outgoing call on a rented number. voximplant.statistic.get must then show each call as it
 * happened, field by field, and find them again by filters, sorting and pages.
 */
class DayOfTrafficTest extends EmulatorHarness {
    private static final List<String> FIELDS = List.of("ID", "PORTAL_USER_ID", "PORTAL_NUMBER", "PHONE_NUMBER",
            "CALL_ID", "EXTERNAL_CALL_ID", "CALL_CATEGORY", "CALL_LOG", "CALL_DURATION", "CALL_START_DATE",
            "CALL_RECORD_URL", "CALL_VOTE", "COST", "COST_CURRENCY", "CALL_FAILED_CODE", "CALL_FAILED_REASON",
            "CRM_ENTITY_TYPE", "CRM_ENTITY_ID", "CRM_ACTIVITY_ID", "REST_APP_ID", "REST_APP_NAME", "TRANSCRIPT_ID",
            "TRANSCRIPT_PENDING", "SESSION_ID", "REDIAL_ATTEMPT", "COMMENT", "RECORD_DURATION", "RECORD_FILE_ID",
            "CALL_TYPE");
    private static final String NUMBER = "74951112233";
    private static final String SIP = "reg150001";

    private String portalPath(String path) {
        return base() + "/_emulator/portals/" + portal.id() + path;
    }

    private void clock(String json) {
        given().contentType(ContentType.JSON).body(json).post(portalPath("/clock")).then().statusCode(200);
    }

    private JsonNode json(io.restassured.response.Response response) {
        try {
            return JSON.readTree(response.then().statusCode(200).extract().asString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode oauth(String token, String method, Map<String, ?> params) {
        return json(given().contentType(ContentType.JSON).body(params).post(base() + "/rest/" + method + "?auth=" + token))
                .get("result");
    }

    private JsonNode statistics(Map<String, ?> params) {
        return json(call("voximplant.statistic.get", params));
    }

    /** One expected record: the 29 fields, with what every call of this portal shares filled in. */
    private static Map<String, Object> record(long id, String callId, int type, Object userId, String line, String phone,
                                              long duration, String start, String code) {
        Map<String, Object> r = new LinkedHashMap<>();
        FIELDS.forEach(field -> r.put(field, null));
        r.put("ID", Long.toString(id));
        r.put("PORTAL_USER_ID", userId == null ? null : userId.toString());
        r.put("PORTAL_NUMBER", line);
        r.put("PHONE_NUMBER", phone);
        r.put("CALL_ID", callId);
        r.put("CALL_CATEGORY", "external");
        r.put("CALL_DURATION", Long.toString(duration));
        r.put("CALL_START_DATE", start);
        r.put("COST", "0.0000");
        r.put("CALL_FAILED_CODE", code);
        r.put("TRANSCRIPT_PENDING", "N");
        r.put("CALL_TYPE", Integer.toString(type));
        return r;
    }

    /** A built-in call's record: no application, an empty record URL, the account's currency, a session. */
    private static Map<String, Object> builtIn(Map<String, Object> r, String reason) {
        r.put("CALL_RECORD_URL", "");
        r.put("COST_CURRENCY", "EUR");
        r.put("CALL_FAILED_REASON", reason);
        r.put("SESSION_ID", "digits");
        return r;
    }

    private static void assertRecord(Map<String, Object> expected, JsonNode actual) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertEquals(FIELDS, names, "the documented fields in the documented order");
        expected.forEach((field, value) -> {
            JsonNode node = actual.get(field);
            String where = expected.get("CALL_ID") + " " + field;
            if (value == null) {
                assertTrue(node.isNull(), () -> where + " should be null: " + node);
            } else if ("digits".equals(value)) {
                assertTrue(node.isTextual() && node.asText().matches("[0-9]+"), () -> where + ": " + node);
            } else if (value instanceof Integer number) {
                assertTrue(node.isInt(), () -> where + " is an integer: " + node);
                assertEquals(number.intValue(), node.intValue(), where);
            } else {
                assertTrue(node.isTextual(), () -> where + " is a string: " + node);
                assertEquals(value, node.asText(), where);
            }
        });
    }

    private List<String> callIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("result").forEach(r -> ids.add(r.get("CALL_ID").asText()));
        return ids;
    }

    @Test
    void theStatisticsShowTheDayAsItHappened() {
        given().contentType(ContentType.JSON).body("{\"timeZone\": \"Europe/Berlin\"}").patch(portalPath("/settings"))
                .then().statusCode(200);
        clock("{\"freeze\": true}");
        clock("{\"set\": \"2026-03-10T09:00:00Z\"}");
        String token = given().contentType(ContentType.JSON).body(Map.of("clientId", "local.pbx", "clientSecret", "s",
                "scopes", List.of("telephony"), "name", "PBX connector")).post(portalPath("/apps")).then()
                .statusCode(201).extract().path("access_token");
        String appId = given().get(portalPath("/apps")).then().extract().path("find { it.clientId == 'local.pbx' }.appId");
        given().contentType(ContentType.JSON).body(Map.of("number", NUMBER)).post(portalPath("/voximplant/numbers"))
                .then().statusCode(201);
        call("voximplant.sip.add", Map.of("SERVER", "sip.example.com", "LOGIN", "pbx", "TITLE", "Trunk")).then()
                .statusCode(200);
        List<Map<String, Object>> expected = new ArrayList<>();

        // 09:00 the application's answered incoming call, with a recording and a transcript
        String a = oauth(token, "telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+7 999 000-00-01",
                "TYPE", 2, "LINE_NUMBER", "74950000000", "EXTERNAL_CALL_ID", "pbx-1001", "SHOW", 0)).get("CALL_ID").asText();
        clock("{\"advance\": \"PT95S\"}");
        JsonNode finishedA = oauth(token, "telephony.externalcall.finish", Map.of("CALL_ID", a, "USER_ID", 2,
                "DURATION", 95, "VOTE", 5, "COST", 1.5, "COST_CURRENCY", "EUR"));
        int fileA = oauth(token, "telephony.externalCall.attachRecord", Map.of("CALL_ID", a, "FILENAME", "a.mp3",
                "FILE_CONTENT", "AQIDBA==")).get("FILE_ID").asInt();
        String transcriptA = oauth(token, "telephony.call.attachTranscription", Map.of("CALL_ID", a, "MESSAGES",
                List.of(Map.of("SIDE", "User", "START_TIME", 0, "STOP_TIME", 3, "MESSAGE", "Hello")))).get("TRANSCRIPT_ID").asText();
        Map<String, Object> ra = record(1, a, 2, 2, "74950000000", "+79990000001", 95, "2026-03-10T10:00:00+01:00", "200");
        ra.putAll(Map.of("EXTERNAL_CALL_ID", "pbx-1001", "CALL_VOTE", "5", "COST", "1.5000", "COST_CURRENCY", "EUR",
                "CALL_FAILED_REASON", "", "CRM_ENTITY_TYPE", "CONTACT", "CRM_ENTITY_ID", "1",
                "CRM_ACTIVITY_ID", finishedA.get("CRM_ACTIVITY_ID").asText(), "REST_APP_ID", appId));
        ra.putAll(Map.of("REST_APP_NAME", "PBX connector", "TRANSCRIPT_ID", transcriptA, "RECORD_FILE_ID", fileA));
        expected.add(ra);

        // 10:00 the application's outgoing call nobody answered: no line, so REST_APP:<id>
        clock("{\"set\": \"2026-03-10T10:00:00Z\"}");
        String b = oauth(token, "telephony.externalcall.register", Map.of("USER_ID", 3, "PHONE_NUMBER", "+79995550001",
                "TYPE", 1, "SHOW", 0)).get("CALL_ID").asText();
        oauth(token, "telephony.externalcall.finish", Map.of("CALL_ID", b, "USER_ID", 3));
        Map<String, Object> rb = record(2, b, 1, 3, "REST_APP:" + appId, "+79995550001", 0, "2026-03-10T11:00:00+01:00", "304");
        rb.putAll(Map.of("CALL_VOTE", "0", "COST_CURRENCY", "", "CALL_FAILED_REASON", "", "REST_APP_ID", appId,
                "REST_APP_NAME", "PBX connector"));
        expected.add(rb);

        // 11:00 a webhook's call from the lead's number, its recording given by URL at finish
        clock("{\"set\": \"2026-03-10T11:00:00Z\"}");
        String c = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000003",
                "TYPE", 2, "SHOW", 0)).then().statusCode(200).extract().path("result.CALL_ID");
        clock("{\"advance\": \"PT30S\"}");
        JsonNode finishedC = json(call("telephony.externalcall.finish", Map.of("CALL_ID", c, "USER_ID", 2,
                "DURATION", 30, "RECORD_URL", "https://records.example/c.mp3"))).get("result");
        Map<String, Object> rc = record(3, c, 2, 2, "REST_APP:", "+79990000003", 30, "2026-03-10T12:00:00+01:00", "200");
        rc.putAll(Map.of("CALL_VOTE", "0", "COST_CURRENCY", "", "CALL_FAILED_REASON", "", "CRM_ENTITY_TYPE", "LEAD",
                "CRM_ENTITY_ID", "1", "CRM_ACTIVITY_ID", finishedC.get("CRM_ACTIVITY_ID").asText(),
                "CALL_RECORD_URL", "https://records.example/c.mp3", "RECORD_FILE_ID", fileA + 1));
        expected.add(rc);

        // 12:00 a callback from the rented number: the client answers after 5 s and talks 30 s (the default)
        clock("{\"set\": \"2026-03-10T12:00:00Z\"}");
        String d = call("voximplant.callback.start", Map.of("FROM_LINE", NUMBER, "TO_NUMBER", "+7 999 000-00-02",
                "TEXT_TO_PRONOUNCE", "Your callback")).then().statusCode(200).extract().path("result.CALL_ID");
        clock("{\"advance\": \"PT1M\"}");
        Map<String, Object> rd = builtIn(record(4, d, 4, 1, NUMBER, "+79990000002", 30, "2026-03-10T13:00:00+01:00",
                "200"), "Successful call");
        // a call about a client with an operator gets the call activity an external call's finish writes (D160)
        rd.putAll(Map.of("CRM_ENTITY_TYPE", "CONTACT", "CRM_ENTITY_ID", "2", "REDIAL_ATTEMPT", "0",
                "CRM_ACTIVITY_ID", "3"));
        expected.add(rd);

        // 13:00 an infocall from the SIP line nobody answers within 20 s
        clock("{\"set\": \"2026-03-10T13:00:00Z\"}");
        given().contentType(ContentType.JSON).body("{\"callees\": {\"+79995550002\": {\"outcome\": \"noAnswer\", "
                + "\"afterSeconds\": 20}}}").patch(portalPath("/voximplant/settings")).then().statusCode(200);
        String e = call("voximplant.infocall.startwithtext", Map.of("FROM_LINE", SIP, "TO_NUMBER", "+79995550002",
                "TEXT_TO_PRONOUNCE", "Reminder")).then().statusCode(200).extract().path("result.CALL_ID");
        clock("{\"advance\": \"PT20S\"}");
        expected.add(builtIn(record(5, e, 5, null, SIP, "+79995550002", 0, "2026-03-10T14:00:00+01:00", "304"),
                "Missed call"));

        // 14:00 a client rings the SIP line; user 3 answers after 4 s and talks two minutes
        clock("{\"set\": \"2026-03-10T14:00:00Z\"}");
        String f = given().contentType(ContentType.JSON).body("{\"direction\": \"incoming\", \"line\": \"" + SIP
                + "\", \"phoneNumber\": \"+79990000001\", \"userId\": 3, \"callee\": {\"afterSeconds\": 4, \"talkSeconds\": 120}}")
                .post(portalPath("/voximplant/calls")).then().statusCode(201).extract().path("CALL_ID");
        clock("{\"advance\": \"PT5M\"}");
        Map<String, Object> rf = builtIn(record(6, f, 2, 3, SIP, "+79990000001", 120, "2026-03-10T15:00:00+01:00", "200"),
                "Successful call");
        rf.putAll(Map.of("CRM_ENTITY_TYPE", "CONTACT", "CRM_ENTITY_ID", "1", "CRM_ACTIVITY_ID", "4"));
        expected.add(rf);

        // 15:00 a missed call on the rented number: nobody takes it, so it has no operator (PORTAL_USER_ID 0)
        clock("{\"set\": \"2026-03-10T15:00:00Z\"}");
        String g = given().contentType(ContentType.JSON).body("{\"line\": \"" + NUMBER + "\", \"phoneNumber\": "
                + "\"+79995550003\", \"userId\": 2, \"callee\": {\"outcome\": \"noAnswer\", \"afterSeconds\": 25}}")
                .post(portalPath("/voximplant/calls")).then().statusCode(201).extract().path("CALL_ID");
        clock("{\"advance\": \"PT1M\"}");
        expected.add(builtIn(record(7, g, 2, 0, NUMBER, "+79995550003", 0, "2026-03-10T16:00:00+01:00", "304"),
                "Missed call"));

        // 16:00 user 2 dials out from the rented number and the line is busy
        clock("{\"set\": \"2026-03-10T16:00:00Z\"}");
        String h = given().contentType(ContentType.JSON).body("{\"direction\": \"outgoing\", \"line\": \"" + NUMBER
                + "\", \"phoneNumber\": \"+79995550004\", \"userId\": 2, \"callee\": {\"outcome\": \"busy\", \"afterSeconds\": 6}}")
                .post(portalPath("/voximplant/calls")).then().statusCode(201).extract().path("CALL_ID");
        clock("{\"advance\": \"PT1M\"}");
        expected.add(builtIn(record(8, h, 1, 2, NUMBER, "+79995550004", 0, "2026-03-10T17:00:00+01:00", "486"), "Busy"));

        JsonNode all = statistics(Map.of());
        assertEquals(8, all.get("total").asInt());
        assertFalse(all.has("next"));
        // start below 0: statisticGet counts nothing (total 0, so no next), and answers the first page
        JsonNode uncounted = statistics(Map.of("start", -1));
        assertEquals(0, uncounted.get("total").asInt());
        assertEquals(8, uncounted.get("result").size());
        for (int i = 0; i < expected.size(); i++) {
            assertRecord(expected.get(i), all.get("result").get(i));
        }
        List<String> ids = List.of(a, b, c, d, e, f, g, h);

        // filters over what happened
        assertEquals(List.of(a, c, f, g), callIds(statistics(Map.of("FILTER", Map.of("CALL_TYPE", 2)))));
        assertEquals(List.of(a, c, h), callIds(statistics(Map.of("FILTER", Map.of("PORTAL_USER_ID", 2)))));
        assertEquals(List.of(b, e, g), callIds(statistics(Map.of("FILTER", Map.of("CALL_FAILED_CODE", "304")))));
        assertEquals(List.of(d, e, f), callIds(statistics(Map.of("FILTER", Map.of(">=CALL_START_DATE",
                "2026-03-10T13:00:00+01:00", "<CALL_START_DATE", "2026-03-10T15:00:00Z")))));
        assertEquals(List.of(e, f), callIds(statistics(Map.of("FILTER", Map.of("PORTAL_NUMBER", SIP)))));
        assertEquals(List.of(b, e, g, h), callIds(statistics(Map.of("FILTER", Map.of("%PHONE_NUMBER", "555")))));
        assertEquals(List.of(a, b), callIds(statistics(Map.of("FILTER", Map.of("REST_APP_ID", appId)))));
        assertEquals(List.of(a), callIds(statistics(Map.of("FILTER", Map.of(">TRANSCRIPT_ID", 0)))));
        assertEquals(List.of(c), callIds(statistics(Map.of("FILTER", Map.of("CRM_ENTITY_TYPE", "LEAD")))));
        // nobody took g: CVoxImplantHistory::Add writes detectResponsible's intval, 0, for a client the CRM has not
        assertEquals(List.of(g), callIds(statistics(Map.of("FILTER", Map.of("PORTAL_USER_ID", 0)))));
        // "" matches an empty field: the infocall's, which has no PORTAL_USER_ID
        assertEquals(List.of(e), callIds(statistics(Map.of("FILTER", Map.of("PORTAL_USER_ID", "")))));
        assertEquals(List.of(a, d), callIds(statistics(Map.of("FILTER", Map.of("ID", List.of(1, 4))))));
        assertEquals(List.of(f, a, c, d, b, e, g, h), callIds(statistics(Map.of("SORT", "CALL_DURATION", "ORDER", "DESC"))));

        // a user who may see only their own calls sees the callback they started, not the infocall: an infocall has
        // no PORTAL_USER_ID (CVoxImplantHistory::Add), and the filter is PORTAL_USER_ID IN the allowed users
        given().contentType(ContentType.JSON).body("{\"rights\": {\"callStatisticView\": \"OWN\"}}")
                .patch(portalPath("/voximplant/users/1")).then().statusCode(200);
        assertEquals(List.of(d), callIds(statistics(Map.of())));
        given().contentType(ContentType.JSON).body("{\"rights\": {\"callStatisticView\": \"ALL\"}}")
                .patch(portalPath("/voximplant/users/1")).then().statusCode(200);

        // the evening: 55 short calls (by webhook: the application's token lasted an hour), read in pages of 50
        clock("{\"set\": \"2026-03-10T18:00:00Z\"}");
        for (int i = 0; i < 55; i++) {
            String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER",
                    "+7999777" + String.format("%04d", i), "TYPE", 2, "SHOW", 0)).then().extract().path("result.CALL_ID");
            call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 1))
                    .then().statusCode(200);
        }
        Map<String, Object> evening = Map.of(">=CALL_START_DATE", "2026-03-10T18:00:00Z");
        JsonNode first = statistics(Map.of("FILTER", evening));
        assertEquals(55, first.get("total").asInt());
        assertEquals(50, first.get("next").asInt());
        assertEquals(50, first.get("result").size());
        assertEquals("9", first.get("result").get(0).get("ID").asText());
        JsonNode second = statistics(Map.of("FILTER", evening, "start", 50));
        assertEquals(5, second.get("result").size());
        assertFalse(second.has("next"));
        assertEquals("63", second.get("result").get(4).get("ID").asText());

        // and the same records after a state export and import
        String state = given().get(portalPath("/state")).then().statusCode(200).extract().asString();
        given().post(portalPath("/reset")).then().statusCode(200);
        assertEquals(0, statistics(Map.of()).get("total").asInt());
        given().contentType(ContentType.JSON).body(state).put(portalPath("/state")).then().statusCode(200);
        JsonNode restored = statistics(Map.of("FILTER", Map.of("<=ID", 8)));
        assertEquals(ids, callIds(restored));
        for (int i = 0; i < expected.size(); i++) {
            assertRecord(expected.get(i), restored.get("result").get(i));
        }
    }
}
