package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** register → repeat → finish → search over HTTP, as an integration drives them. */
class TelephonyApiTest extends EmulatorHarness {
    private static final Map<String, Object> INCOMING = Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
            "TYPE", 2, "LINE_NUMBER", "74950000000");

    private String register(Map<String, ?> params) {
        return call("telephony.externalcall.register", params).then().statusCode(200).extract().path("result.CALL_ID");
    }

    private void advanceClock(String duration) {
        given().contentType(ContentType.JSON).body(Map.of("advance", duration))
                .post(base() + "/_emulator/portals/" + portal.id() + "/clock").then().statusCode(200);
    }

    @Test
    void registerAnswersTheDocumentedResult() {
        call("telephony.externalCall.register", INCOMING).then().statusCode(200)
                .body("result.CALL_ID", matchesPattern("externalCall\\.[0-9a-f]{32}\\.\\d{10}"))
                .body("result.CRM_CREATED_LEAD", nullValue())
                .body("result.CRM_CREATED_ENTITIES", equalTo(List.of()))
                .body("result.CRM_ENTITY_TYPE", equalTo("CONTACT"))
                .body("result.CRM_ENTITY_ID", equalTo(1))
                .body("result", not(hasKey("LEAD_CREATION_ERROR")));
    }

    @Test
    void crestStyleFormRegisterCreatesALead() {
        given().contentType("application/x-www-form-urlencoded")
                .body("USER_ID=2&PHONE_NUMBER=%2B79995554433&TYPE=2&CRM_CREATE=1&SHOW=0")
                .post(webhook + "telephony.externalcall.register.json").then().statusCode(200)
                .body("result.CRM_CREATED_LEAD", equalTo(2))
                .body("result.CRM_CREATED_ENTITIES[0].ENTITY_TYPE", equalTo("LEAD"))
                .body("result.CRM_CREATED_ENTITIES[0].ENTITY_ID", equalTo(2))
                .body("result.CRM_ENTITY_TYPE", equalTo("LEAD"));
        call("crm.lead.get", Map.of("id", 2)).then().body("result.TITLE", equalTo("+7 999 555-44-33 - Incoming call"))
                .body("result.ASSIGNED_BY_ID", equalTo("2"));
    }

    @Test
    void thirtyMinuteReuseWithTheClockMoved() {
        String first = register(INCOMING);
        advanceClock("PT29M");
        assertEquals(first, register(INCOMING));
        advanceClock("PT2M");
        String later = register(INCOMING);
        assertNotEquals(first, later);
    }

    @Test
    void finishAnswersTheStatisticsRowInTheDocumentedShape() throws Exception {
        String callId = register(INCOMING);
        JsonNode result = JSON.readTree(call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2,
                "DURATION", 95, "VOTE", 5)).then().statusCode(200).extract().asString()).get("result");
        List<String> order = new ArrayList<>();
        for (Iterator<String> it = result.fieldNames(); it.hasNext(); ) {
            order.add(it.next());
        }
        assertEquals(List.of("CALL_ID", "EXTERNAL_CALL_ID", "PORTAL_USER_ID", "PHONE_NUMBER", "PORTAL_NUMBER",
                "INCOMING", "CALL_DURATION", "CALL_START_DATE", "CALL_STATUS", "CALL_VOTE", "COST", "COST_CURRENCY",
                "CALL_FAILED_CODE", "CALL_FAILED_REASON", "REST_APP_ID", "REST_APP_NAME", "CRM_ACTIVITY_ID", "COMMENT",
                "CRM_ENTITY_TYPE", "CRM_ENTITY_ID", "ID"), order);
        assertEquals(callId, result.get("CALL_ID").asText());
        assertEquals(true, result.get("EXTERNAL_CALL_ID").isNull());
        assertEquals(2, result.get("PORTAL_USER_ID").intValue());
        assertEquals("+79990000001", result.get("PHONE_NUMBER").textValue());
        assertEquals("74950000000", result.get("PORTAL_NUMBER").textValue());
        assertEquals("2", result.get("INCOMING").textValue(), "INCOMING is a string on the wire");
        assertEquals(95, result.get("CALL_DURATION").intValue());
        assertEquals(true, result.get("CALL_START_DATE").isObject(), "a serialised DateTime, as the real server sends");
        assertEquals(1, result.get("CALL_STATUS").intValue());
        assertEquals(5, result.get("CALL_VOTE").intValue());
        assertEquals("200", result.get("CALL_FAILED_CODE").textValue());
        assertEquals(false, result.get("REST_APP_NAME").booleanValue());
        assertEquals(true, result.get("CRM_ACTIVITY_ID").isInt());
        assertEquals("CONTACT", result.get("CRM_ENTITY_TYPE").textValue());
        call("crm.activity.get", Map.of("id", result.get("CRM_ACTIVITY_ID").intValue())).then().statusCode(200)
                .body("result.OWNER_ID", equalTo("1")).body("result.ORIGIN_ID", equalTo("VI_" + callId));
    }

    /**
     * D160: a call's activity is written as AddCall writes it: bound to the client's deals in progress before the
     * client (the first binding its owner), created and started at the call's start and due at its end, a missed
     * incoming call marked MISSED_CALL and in the missing stream, a connected outgoing one in the outgoing stream
     * with its VOTE's mark. D161: the record attached to the call is the activity's file.
     */
    @Test
    void aCallsActivityIsBoundToTheClientsDealsAndHoldsItsRecord() {
        int deal = call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Ivan's order", "CONTACT_ID", 1)))
                .then().statusCode(200).extract().path("result");
        String start = "2026-12-01 9:05:00"; // as strtotime reads it: an hour of one digit, a space for the T
        String callId = register(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 1,
                "CALL_START_DATE", start));
        int activity = call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 65,
                "VOTE", 5)).then().statusCode(200).extract().path("result.CRM_ACTIVITY_ID");
        call("crm.activity.get", Map.of("id", activity)).then()
                .body("result.OWNER_TYPE_ID", equalTo("2")).body("result.OWNER_ID", equalTo(Integer.toString(deal)))
                .body("result.CREATED", equalTo("2026-12-01T09:05:00+00:00"))
                .body("result.START_TIME", equalTo("2026-12-01T09:05:00+00:00"))
                .body("result.END_TIME", equalTo("2026-12-01T09:06:05+00:00"))
                .body("result.DEADLINE", equalTo("2026-12-01T09:06:05+00:00"))
                .body("result.RESULT_STREAM", equalTo("2")).body("result.RESULT_MARK", equalTo("2"))
                .body("result.COMPLETED", equalTo("Y")).body("result", not(hasKey("FILES")))
                // createActivitySubject writes the number formatted (audit 61c): it was the raw +79990000001
                .body("result.SUBJECT", equalTo("Outgoing call to +7 999 000-00-01"));
        call("crm.activity.list", Map.of("filter", Map.of("OWNER_TYPE_ID", 2, "OWNER_ID", deal))).then()
                .body("result.ID", equalTo(List.of(Integer.toString(activity))));
        call("crm.activity.list", Map.of("filter", Map.of("BINDINGS", List.of(Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 1)))))
                .then().body("result.ID", hasItem(Integer.toString(activity)));
        call("crm.activity.list", Map.of("filter", Map.of("BINDINGS", List.of(Map.of("OWNER_TYPE_ID", 1))))).then()
                .body("result.ID", not(hasItem(Integer.toString(activity))));
        // bound to the deal and the contact, it is listed once for each pair that names one (crm-activity-list.md)
        call("crm.activity.list", Map.of("filter", Map.of("ID", activity, "BINDINGS",
                List.of(Map.of("OWNER_TYPE_ID", 2), Map.of("OWNER_TYPE_ID", 3))))).then()
                .body("result.ID", equalTo(List.of(Integer.toString(activity), Integer.toString(activity))))
                .body("total", equalTo(2));
        // only the key itself filters by the bindings; with an operator, or naming no pair, the server ignores it
        io.restassured.response.Response negated = call("crm.activity.list", Map.of("filter",
                Map.of("!BINDINGS", List.of(Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 1)))));
        negated.then().body("result.ID", hasItem(Integer.toString(activity)));
        assertEquals(true, negated.headers().getValues("X-B24-Emulator-Warning").stream()
                .anyMatch(w -> w.startsWith("filter[!BINDINGS]")), negated.headers().toString());
        call("crm.activity.list", Map.of("filter", Map.of("<=CREATED", "2026-12-01 09:05:00", ">=CREATED", "01.12.2026")))
                .then().body("result.ID", hasItem(Integer.toString(activity)));

        int fileId = call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId, "FILENAME", "talk.mp3",
                "FILE_CONTENT", "SUQzBAAAAAAAI1RTU0UAAAAPAAADTGF2ZjU4Ljc2LjEwMAAAAAAAAAAAAAAA")).then().statusCode(200)
                .extract().path("result.FILE_ID");
        call("crm.activity.get", Map.of("id", activity)).then()
                .body("result.FILES[0].id", equalTo(fileId))
                .body("result.FILES[0].url", equalTo(base() + "/bitrix/tools/crm_show_file.php?fileId=" + fileId
                        + "&ownerTypeId=6&ownerId=" + activity + "&auth="))
                .body("result", not(hasKey("STORAGE_ELEMENT_IDS"))).body("result", not(hasKey("STORAGE_TYPE_ID")));
        call("crm.activity.list", Map.of("filter", Map.of("ID", activity))).then()
                .body("result[0]", not(hasKey("FILES"))).body("result[0]", not(hasKey("STORAGE_ELEMENT_IDS")));
        call("crm.activity.list", Map.of("filter", Map.of("ID", activity), "select", List.of("*", "STORAGE_ELEMENT_IDS")))
                .then().body("result[0].FILES[0].id", equalTo(fileId));

        String missed = register(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000002", "TYPE", 2));
        int missedActivity = call("telephony.externalcall.finish", Map.of("CALL_ID", missed, "USER_ID", 2,
                "STATUS_CODE", "304")).then().statusCode(200).extract().path("result.CRM_ACTIVITY_ID");
        call("crm.activity.get", Map.of("id", missedActivity)).then().body("result.SETTINGS.MISSED_CALL", equalTo(true))
                .body("result.COMPLETED", equalTo("N")).body("result.RESULT_STREAM", equalTo("4"));
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 1,
                "CALL_START_DATE", "yesterday at noon")).then().statusCode(400)
                .body("error_description", equalTo("CALL_START_DATE should be in the ISO-8601 format"));
    }

    @Test
    void finishStartDateCanBeAnIsoString() {
        given().contentType(ContentType.JSON).body("{\"finishStartDateIso\":true,\"timeZone\":\"Europe/Moscow\"}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        String callId = register(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2,
                "CALL_START_DATE", "2026-03-07T10:20:30+03:00"));
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2)).then()
                .body("result.CALL_START_DATE", equalTo("2026-03-07T10:20:30+03:00"));
        // ISO 8601's basic format is ISO 8601: read, and not reported (audit 61e)
        String basic = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000002",
                "TYPE", 2, "CALL_START_DATE", "20260307T102030+0300")).then().statusCode(200)
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.nullValue()).extract().path("result.CALL_ID");
        call("telephony.externalcall.finish", Map.of("CALL_ID", basic, "USER_ID", 2)).then()
                .body("result.CALL_START_DATE", equalTo("2026-03-07T10:20:30+03:00"));
    }

    @Test
    void finishErrorsAndTheSecondFinish() {
        call("telephony.externalcall.finish", Map.of("CALL_ID", 12345, "USER_ID", 2)).then().statusCode(400)
                .body("error", equalTo("INVALID_ARGUMENT")).body("error_description", equalTo("CALL_ID must be a string"));
        String callId = register(INCOMING);
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2)).then().statusCode(200)
                .body("result.CALL_FAILED_CODE", equalTo("304")).body("result.CALL_STATUS", equalTo(0));
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2)).then().statusCode(400)
                .body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("Call is not found (call should be registered prior to finishing"));
        assertNotEquals(callId, register(INCOMING), "a finished call is never reused");
    }

    @Test
    void searchListsContactsLeadsCompaniesWithTheirResponsible() {
        call("crm.lead.add", Map.of("fields", Map.of("TITLE", "Same phone", "ASSIGNED_BY_ID", 3,
                "PHONE", List.of(Map.of("VALUE", "+7 495 000 00 01")))));
        call("crm.contact.add", Map.of("fields", Map.of("NAME", "Olga", "LAST_NAME", "Same", "ASSIGNED_BY_ID", 1,
                "PHONE", List.of(Map.of("VALUE", "74950000001")))));
        call("telephony.externalCall.searchCrmEntities", Map.of("PHONE_NUMBER", "8 (495) 000-00-01")).then()
                .statusCode(200)
                .body("result.CRM_ENTITY_TYPE", equalTo(List.of("CONTACT", "LEAD", "COMPANY")))
                .body("result[0].NAME", equalTo("Olga Same"))
                .body("result[0].ASSIGNED_BY_ID", equalTo(1))
                .body("result[0].ASSIGNED_BY.ID", equalTo("1"))
                .body("result[0].ASSIGNED_BY.TIMEMAN_STATUS", equalTo("OPENED"))
                .body("result[0].ASSIGNED_BY.USER_PHONE_INNER", equalTo("100"))
                .body("result[0].ASSIGNED_BY.WORK_PHONE", equalTo("+74950000100"))
                .body("result[0].ASSIGNED_BY.PERSONAL_MOBILE", nullValue())
                .body("result[1].NAME", equalTo("Same phone"))
                .body("result[2].NAME", equalTo("Daisy LLC"))
                .body("result[2].ASSIGNED_BY.TIMEMAN_STATUS", equalTo("PAUSED"));
        call("telephony.externalCall.searchCrmEntities", Map.of("PHONE_NUMBER", "+70000000000")).then()
                .body("result", equalTo(List.of()));
        call("telephony.externalCall.searchCrmEntities", Map.of()).then().statusCode(400)
                .body("error_description", equalTo("PHONE_NUMBER is empty"));
    }

    @Test
    void portalsAreIsolated() {
        String callId = register(INCOMING);
        String other = emulator.webhookUrl(newPortal());
        callOn(other, "telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2)).then().statusCode(400)
                .body("error_description", equalTo("Call is not found (call should be registered prior to finishing"));
        callOn(other, "crm.lead.add", Map.of("fields", Map.of("TITLE", "Only there")));
        call("crm.lead.list", Map.of()).then().body("total", equalTo(1));
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2)).then().statusCode(200);
    }

    @Test
    void concurrentIdenticalRegistersOverHttpGetOneCallId() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            Map<String, Object> params = Map.of("USER_ID", 3, "PHONE_NUMBER", "+79997776655", "TYPE", 2, "CRM_CREATE", 1);
            List<Callable<String>> tasks = java.util.Collections.nCopies(48, () -> register(params));
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(tasks)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size());
            call("crm.lead.list", Map.of()).then().body("total", equalTo(2));
        } finally {
            pool.shutdownNow();
        }
    }
}
