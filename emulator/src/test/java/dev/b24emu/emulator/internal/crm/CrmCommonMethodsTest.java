package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What SDKs and connectors read from the CRM before they work: field descriptions, reference guides, the CRM modes;
 * and what they write beside telephony: call activities and timeline comments.
 */
class CrmCommonMethodsTest extends EmulatorHarness {
    private String portalPath() {
        return base() + "/_emulator/portals/" + portal.id();
    }

    @Test
    void fieldsMethodsAnswerThePagesExamples() {
        call("crm.lead.fields", Map.of()).then().statusCode(200).body("result.size()", equalTo(57))
                .body("result.SOURCE_ID.type", equalTo("crm_status")).body("result.SOURCE_ID.statusType", equalTo("SOURCE"))
                .body("result.ID.isReadOnly", equalTo(true)).body("result.PHONE.isMultiple", equalTo(true));
        call("crm.contact.fields", Map.of()).then().body("result.size()", equalTo(49))
                .body("result.TYPE_ID.statusType", equalTo("CONTACT_TYPE"));
        // the example portal's own custom fields are not an emulated portal's
        call("crm.company.fields", Map.of()).then().body("result.size()", equalTo(57))
                .body("result", not(hasKey("UF_CRM_1687188367"))).body("result", not(hasKey("PARENT_ID_156")));
        call("crm.deal.fields", Map.of()).then().body("result.size()", equalTo(45))
                .body("result.STAGE_ID.statusType", equalTo("DEAL_STAGE"));
        call("crm.activity.fields", Map.of()).then().body("result.size()", equalTo(44))
                .body("result.COMMUNICATIONS.type", equalTo("crm_activity_communication"))
                .body("result.TYPE_ID.isImmutable", equalTo(true));
    }

    /** The enumerations and a guide's items as their pages give them (D56, D57). */
    @Test
    void enumerationsAndGuideItemsAnswerThePagesExamples() {
        call("crm.enum.ownertype", Map.of()).then().statusCode(200).body("result.size()", equalTo(10))
                .body("result[0].SYMBOL_CODE", equalTo("LEAD")).body("result[3].SYMBOL_CODE_SHORT", equalTo("CO"))
                .body("result.SYMBOL_CODE", not(hasItem("DYNAMIC_177")));
        call("crm.enum.activitytype", Map.of()).then().statusCode(200).body("result[2].NAME", equalTo("Call"))
                .body("result[2].ID", equalTo(2)).body("result[2].SYMBOL_CODE", nullValue());
        call("crm.enum.activitydirection", Map.of()).then().body("result.NAME", equalTo(List.of("", "Incoming", "Outgoing")));
        call("crm.activity.communication.fields", Map.of()).then().statusCode(200).body("result.size()", equalTo(6))
                .body("result.ACTIVITY_ID.title", equalTo("Case")).body("result.ID.isReadOnly", equalTo(true));
        call("crm.status.entity.items", Map.of("entityId", "deal_stage")).then().statusCode(200)
                .body("result.size()", equalTo(8)).body("result[0].STATUS_ID", equalTo("NEW"))
                .body("result[0].SORT", equalTo(10)).body("result[0]", not(hasKey("ID")));
        call("crm.status.entity.items", Map.of("entityId", "NO_SUCH_GUIDE")).then().statusCode(200).body("result", equalTo(List.of()));
        call("crm.status.entity.items", Map.of()).then().statusCode(400).body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("The parameter entityId is not defined or invalid."));
    }

    @Test
    void statusListServesThePortalsReferenceGuides() {
        call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "SOURCE"))).then().statusCode(200)
                .body("total", equalTo(12)).body("result[0].STATUS_ID", equalTo("CALL")).body("result[0].SYSTEM", equalTo("Y"))
                .body("result.STATUS_ID", equalTo(List.of("CALL", "EMAIL", "WEB", "ADVERTISING", "PARTNER", "RECOMMENDATION",
                        "TRADE_SHOW", "WEBFORM", "CALLBACK", "RC_GENERATOR", "STORE", "OTHER")));
        call("crm.status.list", Map.of("order", Map.of("SORT", "DESC"), "filter", Map.of("ENTITY_ID", "STATUS")))
                .then().body("result.STATUS_ID", equalTo(List.of("JUNK", "CONVERTED", "PROCESSED", "IN_PROCESS", "NEW")));
        call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "DEAL_STAGE"))).then().body("total", equalTo(8))
                .body("result[0].ID", equalTo("101")).body("result[5].SEMANTICS", equalTo("S"))
                .body("result[5].EXTRA.SEMANTICS", equalTo("success"));
        call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "SOURCE", "STATUS_ID", "WEB"))).then()
                .body("total", equalTo(1)).body("result[0].NAME", equalTo("Website"));
        call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "STATUS", "STATUS_ID", "NEW"))).then()
                .body("result[0].ID", equalTo("1"));
        call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "INDUSTRY"))).then().statusCode(200)
                .body("total", equalTo(11)).body("result[0].STATUS_ID", equalTo("IT")).body("result[10].SYSTEM", equalTo("Y"));
        call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "NO_SUCH_GUIDE"))).then().statusCode(200)
                .body("result", equalTo(List.of())).body("total", equalTo(0));
        call("crm.status.list", Map.of()).then().body("total", equalTo(67));
        call("crm.status.list", Map.of("filter", "SOURCE")).then().statusCode(400)
                .body("error_description", equalTo("Parameter 'filter' must be array."));
    }

    /** crm.status.entity.types: the guides of a one-pipeline portal, each served by crm.status.entity.items (D142). */
    @Test
    void entityTypesListTheGuidesThePortalServes() {
        List<String> ids = call("crm.status.entity.types", Map.of()).then().statusCode(200)
                .body("result[0].SEMANTIC_INFO.FINAL_SUCCESS_FIELD", equalTo("CONVERTED"))
                .body("result[0].ENTITY_TYPE_ID", equalTo(1))
                .body("result[7].ID", equalTo("DEAL_STAGE")).body("result[7].CATEGORY_ID", equalTo(0))
                .body("result[7]", not(hasKey("PREFIX")))
                .extract().jsonPath().getList("result.ID", String.class);
        assertEquals(List.of("STATUS", "SOURCE", "CONTACT_TYPE", "COMPANY_TYPE", "EMPLOYEES", "INDUSTRY", "DEAL_TYPE",
                "DEAL_STAGE", "QUOTE_STATUS", "HONORIFIC", "CALL_LIST"), ids);
        for (String guide : ids) {
            int values = call("crm.status.entity.items", Map.of("entityId", guide)).then().statusCode(200)
                    .extract().path("result.size()");
            assertTrue(values > 0, guide + " has no values");
        }
        call("crm.status.entity.items", Map.of("entityId", "HONORIFIC")).then()
                .body("result.NAME", equalTo(List.of("Mr.", "Mrs.", "Ms.", "Dr.")));
    }

    /** The list filters' pattern operators, and date-times compared as instants whatever their offset. */
    @Test
    void listFiltersTakeLikePatternsAndDatesInAnyOffset() {
        java.util.function.Function<Map<String, ?>, List<String>> names = filter -> call("crm.contact.list",
                Map.of("filter", filter, "select", List.of("NAME"))).then().statusCode(200)
                .extract().jsonPath().getList("result.NAME", String.class);
        assertEquals(List.of("Ivan"), names.apply(Map.of("=%NAME", "Iv%")));
        assertEquals(List.of("Ivan"), names.apply(Map.of("%=NAME", "_van")));
        assertEquals(List.of("Elena"), names.apply(Map.of("!=%NAME", "Iv%")));
        assertEquals(List.of("Elena"), names.apply(Map.of("!%=NAME", "I%")));
        String created = call("crm.contact.get", Map.of("ID", 1)).then().extract().path("result.DATE_CREATE");
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse(created);
        String sameInstantElsewhere = at.withOffsetSameInstant(java.time.ZoneOffset.ofHours(3)).toString();
        assertEquals(List.of("Ivan", "Elena"), names.apply(Map.of(">=DATE_CREATE", sameInstantElsewhere)));
        assertEquals(List.of(), names.apply(Map.of(">DATE_CREATE",
                at.plusMinutes(1).withOffsetSameInstant(java.time.ZoneOffset.ofHours(3)).toString())));
    }

    @Test
    void registerTakesItsCrmSourceFromTheSourceGuide() {
        int web = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79995558801", "TYPE", 2,
                "CRM_CREATE", 1, "CRM_SOURCE", "WEB")).then().statusCode(200)
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.nullValue())
                .extract().path("result.CRM_CREATED_LEAD");
        call("crm.lead.get", Map.of("id", web)).then().body("result.SOURCE_ID", equalTo("WEB"));
        int unknown = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79995558802", "TYPE", 2,
                "CRM_CREATE", 1, "CRM_SOURCE", "UC_PARTNERS")).then()
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.containsString("CRM_SOURCE UC_PARTNERS is no value"))
                .extract().path("result.CRM_CREATED_LEAD");
        call("crm.lead.get", Map.of("id", unknown)).then().body("result.SOURCE_ID", equalTo("CALL"));

        // a portal seeded with its own source takes it
        Map<String, Object> seed = Map.of("users", List.of(Map.of("ID", 1, "NAME", "Admin", "IS_ADMIN", true)),
                "crmStatuses", List.of(Map.of("ENTITY_ID", "SOURCE", "STATUS_ID", "UC_PARTNERS", "NAME", "Partners"),
                        Map.of("ENTITY_ID", "SOURCE", "STATUS_ID", "OTHER", "NAME", "Something else")));
        String webhook = given().contentType(ContentType.JSON).body(Map.of("seed", seed))
                .post(base() + "/_emulator/portals").then().statusCode(201).extract().path("webhookUrl");
        callOn(webhook, "crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "SOURCE", "STATUS_ID", "UC_PARTNERS"))).then()
                .body("result[0].ID", equalTo("156")).body("result[0].SORT", equalTo("90"))
                .body("result[0].SYSTEM", equalTo("N")).body("result[0].NAME_INIT", equalTo(""));
        callOn(webhook, "crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "SOURCE", "STATUS_ID", "OTHER"))).then()
                .body("result[0].NAME", equalTo("Something else")).body("result[0].ID", equalTo("33"));
        int seeded = callOn(webhook, "telephony.externalcall.register", Map.of("USER_ID", 1, "PHONE_NUMBER", "+79995558803",
                "TYPE", 2, "CRM_CREATE", 1, "CRM_SOURCE", "UC_PARTNERS")).then().extract().path("result.CRM_CREATED_LEAD");
        callOn(webhook, "crm.lead.get", Map.of("id", seeded)).then().body("result.SOURCE_ID", equalTo("UC_PARTNERS"));
        given().contentType(ContentType.JSON).body(Map.of("seed", Map.of("crmStatuses", List.of(Map.of("ENTITY_ID", "SOURCE")))))
                .post(base() + "/_emulator/portals").then().statusCode(400);
    }

    @Test
    void callListStatusesAreTheCallListGuide() {
        call("crm.calllist.statuslist", Map.of()).then().statusCode(200).body("result[0].ID", equalTo(61))
                .body("result.STATUS_ID", equalTo(List.of("IN_WORK", "SUCCESS", "WRONG_NUMBER", "STOP_CALLING")))
                .body("result[3].SORT", equalTo(40));
        call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "CALL_LIST"))).then()
                .body("result.ID", equalTo(List.of("61", "63", "65", "67")));
    }

    @Test
    void enumSettingsModeDecodesTheModeSetting() {
        call("crm.enum.settings.mode", Map.of()).then().statusCode(200).body("result.ID", equalTo(List.of(1, 2)))
                .body("result.NAME", equalTo(List.of("Classic CRM", "Simple CRM"))).body("result[0].SYMBOL_CODE", equalTo(null));
    }

    /**
     * crm.activity.list orders by START_TIME unless asked otherwise (crm-activity-list.md; CCrmActivityRestProxy's
     * innerGetList), and reads its filter as the other CRM lists do (D141); crm.duplicate.findbycomm refuses deals.
     */
    @Test
    void activitiesAreListedByStartTimeUnlessOrdered() {
        List<Integer> ids = new java.util.ArrayList<>();
        for (String start : List.of("2026-03-10T12:00:00+03:00", "2026-01-05T09:00:00+00:00")) {
            ids.add(call("crm.activity.add", Map.of("fields", Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 1, "TYPE_ID", 2,
                    "SUBJECT", "Call " + start, "START_TIME", start, "END_TIME", start, "RESPONSIBLE_ID", 2,
                    "COMMUNICATIONS", List.of(Map.of("VALUE", "+79990000001", "ENTITY_ID", 1, "ENTITY_TYPE_ID", 3)))))
                    .then().statusCode(200).extract().path("result"));
        }
        Map<String, Object> mine = Map.of("OWNER_ID", 1, "%SUBJECT", "Call 2026-");
        call("crm.activity.list", Map.of("filter", mine)).then()
                .body("result.ID", equalTo(List.of(ids.get(1).toString(), ids.get(0).toString())));
        call("crm.activity.list", Map.of("filter", mine, "order", List.of())).then()
                .body("result.ID", equalTo(List.of(ids.get(1).toString(), ids.get(0).toString())));
        call("crm.activity.list", Map.of("filter", mine, "order", Map.of("ID", "ASC"))).then()
                .body("result.ID", equalTo(List.of(ids.get(0).toString(), ids.get(1).toString())));
        call("crm.activity.list", Map.of("filter", Map.of("OWNER_ID", 1, "%SUBJECT", "Call 2026-", "CALL_ID", "x")))
                .then().statusCode(200).body("total", equalTo(2))
                .header("X-B24-Emulator-Warning", startsWith("filter[CALL_ID]: CALL_ID is not a field of crm.activity"));
        call("crm.duplicate.findbycomm", Map.of("entity_type", "DEAL", "type", "PHONE", "values", List.of("+79990000001")))
                .then().statusCode(400).body("error_description", equalTo("Deal is not supported in current context."));
    }

    /** A call a client records with crm.activity.add looks like the one telephony's finish writes. */
    @Test
    void aCallAddedByAClientLooksLikeATelephonyCall() throws Exception {
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 2)).then().extract().path("result.CALL_ID");
        int telephony = call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 30))
                .then().extract().path("result.CRM_ACTIVITY_ID");
        // the page's example, with the demo contact as owner and communication
        Map<String, Object> fields = new java.util.LinkedHashMap<>(Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 1, "TYPE_ID", 2,
                "COMMUNICATIONS", List.of(Map.of("VALUE", "+79990000001", "ENTITY_ID", 1, "ENTITY_TYPE_ID", 3)),
                "SUBJECT", "New call", "START_TIME", "2026-03-10T12:00:00+03:00", "END_TIME", "2026-03-10T12:30:00+03:00"));
        fields.putAll(Map.of("COMPLETED", "N", "PRIORITY", 3, "RESPONSIBLE_ID", 2, "DIRECTION", 2, "DESCRIPTION", "Important call",
                "DESCRIPTION_TYPE", 3));
        int added = call("crm.activity.add", Map.of("fields", fields)).then().statusCode(200).extract().path("result");
        JsonNode ours = JSON.readTree(call("crm.activity.get", Map.of("id", added)).then().statusCode(200).extract().asString())
                .get("result");
        JsonNode theirs = JSON.readTree(call("crm.activity.get", Map.of("id", telephony)).then().extract().asString())
                .get("result");
        assertEquals(names(theirs), names(ours), "both are written alike");
        assertEquals("VOXIMPLANT_CALL", ours.get("PROVIDER_ID").asText());
        assertEquals("2026-03-10T09:00:00+00:00", ours.get("START_TIME").asText());
        assertEquals(ours.get("START_TIME"), ours.get("DEADLINE"), "DEADLINE follows START_TIME for a call");
        assertEquals("N", ours.get("COMPLETED").asText());
        assertEquals("1", ours.get("STATUS").asText());
        assertEquals("3", ours.get("PRIORITY").asText());
        // get leaves COMMUNICATIONS and BINDINGS out, as the real server and the page's example; a list names them (D163)
        assertFalse(ours.has("COMMUNICATIONS") || ours.has("BINDINGS"), ours::toString);
        call("crm.activity.list", Map.of("filter", Map.of("ID", added), "select", List.of("ID", "COMMUNICATIONS", "BINDINGS")))
                .then().body("result[0].COMMUNICATIONS[0].TYPE", equalTo("PHONE")).body("result[0]", not(hasKey("BINDINGS")))
                // as GetCommunications selects them: the row's ID first, and the names the object had when saved
                .body("result[0].COMMUNICATIONS[0].ID", matchesPattern("[0-9]+"))
                .body("result[0].COMMUNICATIONS[0].ENTITY_SETTINGS", equalTo(Map.of("HONORIFIC", "", "NAME", "Ivan",
                        "SECOND_NAME", "", "LAST_NAME", "Petrov")));
        call("crm.activity.list", Map.of("filter", Map.of("OWNER_ID", 1, "TYPE_ID", 2))).then().body("total", equalTo(2));

        call("crm.activity.update", Map.of("id", added, "fields", Map.of("COMPLETED", "Y", "DESCRIPTION", "Done")))
                .then().statusCode(200).body("result", equalTo(true));
        call("crm.activity.get", Map.of("id", added)).then().body("result.COMPLETED", equalTo("Y"))
                .body("result.STATUS", equalTo("2")).body("result.DESCRIPTION", equalTo("Done"))
                .body("result.SUBJECT", equalTo("New call"));
        // crm.activity.delete: gone, then not found
        call("crm.activity.delete", Map.of("id", added)).then().statusCode(200).body("result", equalTo(true));
        call("crm.activity.list", Map.of("filter", Map.of("OWNER_ID", 1, "TYPE_ID", 2))).then().body("total", equalTo(1));
        call("crm.activity.delete", Map.of("id", added)).then().statusCode(400)
                .body("error_description", equalTo("Activity is not found."));
        call("crm.activity.delete", Map.of()).then().statusCode(400)
                .body("error_description", equalTo("ID is not defined or invalid."));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void whatTheServerDerivesIsDerivedAndReported() {
        // no RESPONSIBLE_ID and no owner: the contact's responsible (user 2 in the demo seed) and the communication's object
        Response response = call("crm.activity.add", Map.of("fields", Map.of("TYPE_ID", 2, "SUBJECT", "Derived",
                "COMMUNICATIONS", List.of(Map.of("VALUE", "+79990000001", "ENTITY_ID", 1, "ENTITY_TYPE_ID", 3)))));
        response.then().statusCode(200).header("X-B24-Emulator-Warning", startsWith("Parameter fields is invalid"));
        int id = response.then().extract().path("result");
        call("crm.activity.get", Map.of("id", id)).then().body("result.OWNER_TYPE_ID", equalTo("3"))
                .body("result.OWNER_ID", equalTo("1")).body("result.RESPONSIBLE_ID", equalTo("2"));
        given().contentType(ContentType.JSON).body("{\"validation\":\"strict\"}").patch(portalPath() + "/settings")
                .then().statusCode(200);
        call("crm.activity.add", Map.of("fields", Map.of("TYPE_ID", 2, "SUBJECT", "Derived",
                "COMMUNICATIONS", List.of(Map.of("VALUE", "+79990000001", "ENTITY_ID", 1, "ENTITY_TYPE_ID", 3)))))
                .then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"));
    }

    /**
     * What crm.activity.fields does not describe (an Exotel connector's DURATION and WEBDAV_INFOS) is dropped, as
     * internalizeFields drops it, and reported (D130); strict mode refuses it.
     */
    @Test
    void activityFieldsTheServerDoesNotHaveAreDroppedAndReported() {
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 1, "TYPE_ID", 2,
                "SUBJECT", "Exotel call", "DIRECTION", 1, "RESPONSIBLE_ID", 2, "DURATION", 35,
                "WEBDAV_INFOS", List.of(Map.of("url", "http://pbx.example/rec.mp3")),
                "COMMUNICATIONS", List.of(Map.of("VALUE", "+79990000001", "ENTITY_ID", 1, "ENTITY_TYPE_ID", 3))));
        Response added = call("crm.activity.add", Map.of("fields", fields));
        added.then().statusCode(200).header("X-B24-Emulator-Warning",
                org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("DURATION"),
                        org.hamcrest.Matchers.containsString("WEBDAV_INFOS"), org.hamcrest.Matchers.endsWith(
                                ": not fields of crm.activity (crm.activity.fields): the real server ignores them")));
        int id = added.then().extract().path("result");
        call("crm.activity.get", Map.of("id", id)).then().body("result", not(org.hamcrest.Matchers.hasKey("DURATION")))
                .body("result", not(org.hamcrest.Matchers.hasKey("WEBDAV_INFOS")));
        call("crm.activity.update", Map.of("id", id, "fields", Map.of("SUBJECT", "Renamed", "DURATION", 40))).then()
                .statusCode(200).header("X-B24-Emulator-Warning", org.hamcrest.Matchers.containsString("fields DURATION:"));
        call("crm.activity.update", Map.of("id", id, "fields", Map.of("SUBJECT", "Renamed again", "UF_CRM_X", "1"))).then()
                .statusCode(200).header("X-B24-Emulator-Warning", org.hamcrest.Matchers.nullValue());
        given().contentType(ContentType.JSON).body("{\"validation\":\"strict\"}").patch(portalPath() + "/settings")
                .then().statusCode(200);
        call("crm.activity.add", Map.of("fields", fields)).then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"));
    }

    @Test
    void activityErrorsCarryTheRealMessages() {
        Map<String, Object> comm = Map.of("VALUE", "+79990000001");
        assertActivityError(Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 1, "SUBJECT", "x", "COMMUNICATIONS", List.of(comm)),
                "The field TYPE_ID is not defined or invalid.");
        assertActivityError(Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 1, "TYPE_ID", 3, "SUBJECT", "x", "COMMUNICATIONS",
                List.of(comm)), "The custom activity without provider is not supported in current context.");
        assertActivityError(Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 1, "TYPE_ID", 2, "SUBJECT", "x", "COMMUNICATIONS",
                List.of(Map.of("VALUE", "a@b.c", "TYPE", "EMAIL"))), "The field COMMUNICATIONS is not defined or invalid.");
        assertActivityError(Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 1, "TYPE_ID", 2, "SUBJECT", "x", "COMMUNICATIONS",
                List.of(comm, Map.of("VALUE", "+79990000002"))), "The only one communication is allowed for activity of specified type.");
        assertActivityError(Map.of("TYPE_ID", 2, "SUBJECT", "x", "RESPONSIBLE_ID", 1, "COMMUNICATIONS", List.of(comm)),
                "The field COMMUNICATIONS is not defined or invalid.");
        assertActivityError(Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 999, "TYPE_ID", 2, "SUBJECT", "x", "RESPONSIBLE_ID", 1,
                "COMMUNICATIONS", List.of(comm)), "Access denied.");
        assertActivityError(Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 1, "TYPE_ID", 2, "COMMUNICATIONS", List.of(comm)),
                "The field SUBJECT is not defined or empty.");
        // an e-mail takes several communications, and is stored, never sent
        call("crm.activity.add", Map.of("fields", Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", 1, "TYPE_ID", 4, "SUBJECT", "Offer",
                "RESPONSIBLE_ID", 1, "COMMUNICATIONS", List.of(Map.of("VALUE", "a@b.example"), Map.of("VALUE", "c@d.example")))))
                .then().statusCode(200);
        call("crm.activity.update", Map.of("id", 999, "fields", Map.of("SUBJECT", "x"))).then().statusCode(400)
                .body("error", equalTo("ERROR_CORE")).body("error_description", equalTo("Activity is not found."));
        call("crm.activity.update", Map.of("id", 0, "fields", Map.of("SUBJECT", "x"))).then().statusCode(400)
                .body("error_description", equalTo("ID is not defined or invalid."));
    }

    private void assertActivityError(Map<String, Object> fields, String message) {
        call("crm.activity.add", Map.of("fields", fields)).then().statusCode(400).body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo(message));
    }

    @Test
    void aTelephonyActivityCanBeUpdatedAndItsTypeStays() {
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 2)).then().extract().path("result.CALL_ID");
        int missed = call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 0))
                .then().extract().path("result.CRM_ACTIVITY_ID");
        call("crm.activity.get", Map.of("id", missed)).then().body("result.COMPLETED", equalTo("N"));
        call("crm.activity.update", Map.of("id", missed, "fields", Map.of("COMPLETED", "Y", "TYPE_ID", 1,
                "RESPONSIBLE_ID", 3))).then().statusCode(200)
                .header("X-B24-Emulator-Warning", startsWith("TYPE_ID is immutable"));
        call("crm.activity.get", Map.of("id", missed)).then().body("result.TYPE_ID", equalTo("2"))
                .body("result.COMPLETED", equalTo("Y")).body("result.RESPONSIBLE_ID", equalTo("3"))
                .body("result.EDITOR_ID", equalTo("1")).body("result.ORIGIN_ID", startsWith("VI_externalCall."));
        call("crm.activity.update", Map.of("id", missed, "fields", Map.of("COMMUNICATIONS", List.of(Map.of("VALUE", "+79990000002",
                "ENTITY_TYPE_ID", 3, "ENTITY_ID", 2))))).then().statusCode(200);
        for (int contact : new int[] {1, 2}) {
            call("crm.activity.list", Map.of("filter", Map.of("ID", missed, "BINDINGS",
                    List.of(Map.of("OWNER_TYPE_ID", 3, "OWNER_ID", contact))))).then().body("total", equalTo(1));
        }
    }

    @Test
    void timelineCommentsGoOnExistingObjectsOnly() {
        int deal = call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Commented"))).then().extract().path("result");
        call("crm.timeline.comment.add", Map.of("fields", Map.of("ENTITY_ID", deal, "ENTITY_TYPE", "deal",
                "COMMENT", "New comment was added", "FILES", List.of(List.of("1.gif", "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")))))
                .then().statusCode(200).body("result", equalTo(1));
        call("crm.timeline.comment.add", Map.of("fields", Map.of("ENTITY_ID", 1, "ENTITY_TYPE", "CONTACT", "COMMENT", "x")))
                .then().statusCode(200).body("result", equalTo(2));
        call("crm.timeline.comment.add", Map.of("fields", Map.of("ENTITY_ID", 999, "ENTITY_TYPE", "deal", "COMMENT", "x")))
                .then().statusCode(400).body("error", equalTo("NOT_FOUND")).body("error_description", equalTo("Not found."));
        call("crm.timeline.comment.add", Map.of("fields", Map.of("ENTITY_ID", 1, "ENTITY_TYPE", "order", "COMMENT", "x")))
                .then().statusCode(400).body("error", equalTo("NOT_FOUND"));
        call("crm.timeline.comment.add", Map.of("fields", Map.of("ENTITY_ID", deal, "ENTITY_TYPE", "deal", "COMMENT", "")))
                .then().statusCode(400).body("error", equalTo("INVALID_ARG_VALUE"));
        call("crm.timeline.comment.add", Map.of("fields", Map.of("ENTITY_TYPE", "deal", "COMMENT", "x")))
                .then().statusCode(400).body("error", equalTo("100"));
        // since crm 23.100.0 only the lower-case key is read
        call("crm.timeline.comment.add", Map.of("FIELDS", Map.of("ENTITY_ID", deal, "ENTITY_TYPE", "deal", "COMMENT", "x")))
                .then().statusCode(400).body("error", equalTo("100"));
        String state = given().get(portalPath() + "/state").then().statusCode(200).extract().asString();
        assertTrue(state.contains("New comment was added") && state.contains("\"1.gif\""), state);
    }

    @Test
    void guidesAndCommentsAreKeptInTheState() throws Exception {
        call("crm.timeline.comment.add", Map.of("fields", Map.of("ENTITY_ID", 1, "ENTITY_TYPE", "contact", "COMMENT", "kept")));
        JsonNode state = JSON.readTree(given().get(portalPath() + "/state").then().statusCode(200).extract().asString());
        assertEquals(67, state.at("/crmStatuses/rows").size());
        given().post(portalPath() + "/reset").then().statusCode(200);
        given().contentType(ContentType.JSON).body(state.toString()).put(portalPath() + "/state").then().statusCode(200);
        call("crm.timeline.comment.add", Map.of("fields", Map.of("ENTITY_ID", 1, "ENTITY_TYPE", "contact", "COMMENT", "next")))
                .then().body("result", equalTo(2));
        // a state written before the guides were kept restores a portal that has the default guides
        ((com.fasterxml.jackson.databind.node.ObjectNode) state).remove("crmStatuses");
        ((com.fasterxml.jackson.databind.node.ObjectNode) state.get("crm")).remove(List.of("comments", "lastCommentId"));
        given().contentType(ContentType.JSON).body(state.toString()).put(portalPath() + "/state").then().statusCode(200);
        call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "SOURCE"))).then().body("total", equalTo(12));
        given().contentType(ContentType.JSON).body("{\"format\":\"b24-emulator-state/2\",\"crmStatuses\":{\"rows\":[{\"ID\":\"x\"}]}}")
                .put(portalPath() + "/state").then().statusCode(400);
    }
}
