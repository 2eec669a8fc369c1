package dev.b24emu.emulator.internal.control;

import dev.b24emu.emulator.support.EmulatorHarness;
import dev.b24emu.emulator.support.RawHttp;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlApiTest extends EmulatorHarness {
    private String portalPath() {
        return base() + "/_emulator/portals/" + portal.id();
    }

    @Test
    void healthAndMethods() {
        given().get(base() + "/_emulator/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get(base() + "/_emulator/methods").then().statusCode(200)
                .body("method", hasItem("telephony.externalcall.register"))
                .body("find { it.method == 'event.bind' }.applicationsOnly", equalTo(true))
                .body("find { it.method == 'telephony.externalcall.register' }.applicationsOnly", equalTo(false))
                .body("find { it.method == 'telephony.externalcall.register' }.appContextOnly", equalTo(true));
    }

    @Test
    void portalsAreCreatedWithTheirOwnWebhook() {
        String url = given().contentType(ContentType.JSON).body("{\"id\":\"ci-job-7\",\"webhookToken\":\"tok7\",\"demo\":true}")
                .post(base() + "/_emulator/portals").then().statusCode(201)
                .body("id", equalTo("ci-job-7")).body("webhookUrl", equalTo(base() + "/rest/1/tok7/"))
                .extract().path("webhookUrl");
        callOn(url, "crm.contact.list", Map.of()).then().body("total", equalTo(2));
        given().contentType(ContentType.JSON).body("{\"id\":\"ci-job-7\"}").post(base() + "/_emulator/portals")
                .then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"));
        given().contentType(ContentType.JSON).body("{\"id\":\"bad id!\"}").post(base() + "/_emulator/portals")
                .then().statusCode(400);
        // a misspelt field and a webhook user that is no ID are refused, not dropped or stored as user 0
        given().contentType(ContentType.JSON).body("{\"webhookUserID\":2}").post(base() + "/_emulator/portals")
                .then().statusCode(400).body("error_description", org.hamcrest.Matchers.startsWith(
                        "Unknown field webhookUserID: a portal is made of id, webhookToken, webhookUserId"));
        for (String user : java.util.List.of("\"abc\"", "-5", "0", "2.5")) {
            given().contentType(ContentType.JSON).body("{\"webhookUserId\":" + user + "}").post(base() + "/_emulator/portals")
                    .then().statusCode(400).body("error_description", org.hamcrest.Matchers.startsWith(
                            "webhookUserId must be a user's ID"));
        }
        String two = given().contentType(ContentType.JSON).body("{\"webhookUserId\":\"2\",\"demo\":true}")
                .post(base() + "/_emulator/portals").then().statusCode(201).extract().path("webhookUrl");
        org.junit.jupiter.api.Assertions.assertTrue(two.contains("/rest/2/"), two);
        given().get(base() + "/_emulator/portals").then().body("id", hasItem("ci-job-7"));
        given().delete(base() + "/_emulator/portals/ci-job-7").then().statusCode(200);
        callOn(url, "crm.contact.list", Map.of()).then().statusCode(401);
    }

    @Test
    void portalsCanBeSeeded() {
        String seed = "{\"seed\":{\"users\":[{\"ID\":7,\"NAME\":\"Seeded\",\"UF_PHONE_INNER\":\"700\"}],"
                + "\"contacts\":[{\"NAME\":\"C\",\"PHONE\":[{\"VALUE\":\"+15550001111\"}]}],\"settings\":{\"crmMode\":\"SIMPLE\"}}}";
        String url = given().contentType(ContentType.JSON).body(seed).post(base() + "/_emulator/portals")
                .then().statusCode(201).body("webhookUrl", startsWith(base() + "/rest/7/")).extract().path("webhookUrl");
        callOn(url, "telephony.externalCall.searchCrmEntities", Map.of("PHONE_NUMBER", "15550001111"))
                .then().body("result[0].ASSIGNED_BY_ID", equalTo(7));
        callOn(url, "crm.settings.mode.get", Map.of()).then().body("result", equalTo(2));
        given().contentType(ContentType.JSON).body("{\"seed\":{\"users\":\"nope\"}}").post(base() + "/_emulator/portals")
                .then().statusCode(400);
    }

    @Test
    void crmObjectsAreSeededWithoutAppearingInTheRequestJournal() {
        given().contentType(ContentType.JSON)
                .body("{\"TITLE\":\"Acme\",\"PHONE\":[{\"VALUE\":\"+74951112233\",\"VALUE_TYPE\":\"WORK\"}],\"ASSIGNED_BY_ID\":2}")
                .post(portalPath() + "/crm/company").then().statusCode(201).body("TITLE", equalTo("Acme"))
                .body("ID", org.hamcrest.Matchers.matchesPattern("[0-9]+"))
                .body("ASSIGNED_BY_ID", equalTo("2"));
        int before = given().get(portalPath() + "/requests").then().extract().path("size()");
        callOn(webhook, "telephony.externalCall.searchCrmEntities", Map.of("PHONE_NUMBER", "+74951112233"))
                .then().body("result[0].CRM_ENTITY_TYPE", equalTo("COMPANY")).body("result[0].ASSIGNED_BY_ID", equalTo(2));
        given().get(portalPath() + "/requests").then().body("size()", equalTo(before + 1))
                .body("[-1].result[0].CRM_ENTITY_TYPE", equalTo("COMPANY")).body("[-1].uptimeMillis", org.hamcrest.Matchers.greaterThan(0))
                .body("[-1].auth", equalTo("webhook")).body("[-1].app", org.hamcrest.Matchers.nullValue());
        given().contentType(ContentType.JSON).body("{\"TITLE\":\"x\"}").post(portalPath() + "/crm/planet")
                .then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"));
        given().contentType(ContentType.JSON).body("{}").post(portalPath() + "/crm/lead")
                .then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"));
    }

    @Test
    void callListsAreCreatedAsCrmCalllistAddDoes() {
        int id = given().contentType(ContentType.JSON).body("{\"ENTITY_TYPE\":\"CONTACT\",\"ENTITIES\":[1,2],\"userId\":2}")
                .post(portalPath() + "/call-lists").then().statusCode(201).body("ENTITY_TYPE", equalTo("CONTACT"))
                .body("CREATED_BY_ID", equalTo("2")).extract().jsonPath().getInt("ID");
        call("crm.calllist.items.get", Map.of("LIST_ID", id)).then().body("result.ID", org.hamcrest.Matchers.contains(1, 2));
        given().contentType(ContentType.JSON).body("{\"ENTITY_TYPE\":\"CONTACT\",\"ENTITIES\":[999]}")
                .post(portalPath() + "/call-lists").then().statusCode(400).body("error", equalTo("ENTITY_ERROR"));
        given().contentType(ContentType.JSON).body("[1]").post(portalPath() + "/call-lists").then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT"));
    }

    @Test
    void settingsArePatchedAndValidated() {
        given().contentType(ContentType.JSON).body("{\"repeatSales\":true}").patch(portalPath() + "/settings")
                .then().statusCode(200).body("repeatSales", equalTo(true)).body("crmMode", equalTo("CLASSIC"));
        given().contentType(ContentType.JSON).body("{\"crmMode\":\"WEIRD\"}").patch(portalPath() + "/settings")
                .then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"));
        given().contentType(ContentType.JSON).body("{not json").patch(portalPath() + "/settings").then().statusCode(400);
        given().get(portalPath() + "/settings").then().body("repeatSales", equalTo(true)).body("crmMode", equalTo("CLASSIC"));
    }

    @Test
    void usersAndExclusions() {
        given().contentType(ContentType.JSON).body("{\"NAME\":\"New\",\"UF_PHONE_INNER\":\"555\"}").post(portalPath() + "/users")
                .then().statusCode(201).body("ID", equalTo("5"));
        call("telephony.externalcall.register", Map.of("USER_PHONE_INNER", "555", "PHONE_NUMBER", "+79990000001", "TYPE", 2))
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"phone\":\"+7 999 123-00-00\"}").post(portalPath() + "/crm-exclusions")
                .then().statusCode(201).body("$", hasItem("79991230000"));
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79991230000", "TYPE", 2,
                "CRM_CREATE", 1)).then().body("result.CRM_CREATED_LEAD", equalTo(null));
        given().contentType(ContentType.JSON).body("{}").post(portalPath() + "/crm-exclusions").then().statusCode(400);
    }

    @Test
    void portalClockMovesOnlyThatPortal() {
        String before = given().get(base() + "/_emulator/clock").then().extract().path("now");
        given().contentType(ContentType.JSON).body("{\"set\":\"2030-01-01T10:00:00Z\"}").post(portalPath() + "/clock")
                .then().statusCode(200).body("now", startsWith("2030-01-01T10:00"));
        given().get(base() + "/_emulator/clock").then().body("now", startsWith(before.substring(0, 10)));
        given().contentType(ContentType.JSON).body("{\"advance\":\"soon\"}").post(portalPath() + "/clock").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").post(portalPath() + "/clock").then().statusCode(400);
    }

    @Test
    void callsAreVisibleAndResetRestoresTheSeed() {
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000009", "TYPE", 2, "CRM_CREATE", 1));
        given().get(portalPath() + "/calls").then().body("active[0].phoneNumber", equalTo("+79990000009"))
                .body("active[0].createdEntities[0].ENTITY_TYPE", equalTo("LEAD"))
                .body("active[0].shownTo", equalTo(java.util.List.of(2)));
        given().post(portalPath() + "/reset").then().statusCode(200);
        given().get(portalPath() + "/calls").then().body("active.size()", equalTo(0));
        call("crm.lead.list", Map.of()).then().body("total", equalTo(1));
    }

    @Test
    void unknownEndpointsAndPortals() {
        given().get(base() + "/_emulator/nothing").then().statusCode(404).body("error", equalTo("NOT_FOUND"));
        given().get(base() + "/_emulator/portals/nope").then().statusCode(404).body("error", equalTo("PORTAL_NOT_FOUND"));
    }

    @Test
    void controlPathsReadAsTheRouterReadThem() throws java.io.IOException {
        // unusual spellings of documented paths: the contract filter knows each path in one spelling only
        given().noFilters().get(portalPath() + "/calls/").then().statusCode(200).body("active.size()", equalTo(0));
        given().noFilters().get(base() + "/_emulator/portals/" + portal.id() + "/x/../calls").then().statusCode(200);
        given().noFilters().urlEncodingEnabled(false).get(base() + "/_emulator/portals/%" + Integer.toHexString(portal.id().charAt(0))
                + portal.id().substring(1) + "/calls").then().statusCode(200);
        given().noFilters().get(portalPath() + "/").then().statusCode(200).body("id", equalTo(portal.id()));
        String malformed = RawHttp.exchange(base(), "DELETE /_emulator/portals/" + portal.id() + "/apps/%zz HTTP/1.1\r\n"
                + "Host: " + base().substring("http://".length()) + "\r\nConnection: close\r\n\r\n");
        assertEquals(400, RawHttp.status(malformed), malformed);
        assertTrue(malformed.contains("\"error\":\"BAD_REQUEST\""), malformed);
        given().noFilters().delete(base() + "/_emulator/clock").then().statusCode(404).body("error", equalTo("NOT_FOUND"))
                .body("error_description", equalTo("No control endpoint DELETE /_emulator/clock"));
        given().noFilters().get(portalPath() + "/CALLS").then().statusCode(404).body("error", equalTo("NOT_FOUND"));
        given().noFilters().get(base() + "/_emulator/portals/no-such-portal/calls").then().statusCode(404)
                .body("error", equalTo("PORTAL_NOT_FOUND"));
    }
}
