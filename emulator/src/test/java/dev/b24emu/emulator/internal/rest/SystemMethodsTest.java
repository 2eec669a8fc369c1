package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * server.time, scope, methods, method.get and feature.get: what an SDK asks first, answered from the portal and the
 * caller.
 */
class SystemMethodsTest extends AppHarness {
    @Test
    void serverTimeIsThePortalClockInItsZoneAndAgreesWithTheTimeBlock() {
        JsonPath utc = call("server.time", Map.of()).then().statusCode(200).extract().jsonPath();
        assertEquals(utc.getString("time.date_start"), utc.getString("result"));
        patchSettings("{\"timeZone\":\"Europe/Moscow\"}");
        advancePortalClock("P400D");
        JsonPath moscow = call("server.time", Map.of()).then().statusCode(200)
                .body("result", matchesPattern("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+03:00$")).extract().jsonPath();
        assertEquals(moscow.getString("time.date_start"), moscow.getString("result"));
        assertEquals(java.time.OffsetDateTime.parse(utc.getString("result")).plusDays(400).getYear(),
                java.time.OffsetDateTime.parse(moscow.getString("result")).getYear(), "the portal's own clock moved");
    }

    @Test
    void scopeListsTheCallersScopesOrEveryScopeWithFull() {
        call("scope", Map.of()).then().statusCode(200)
                .body("result", equalTo(List.of("calendar", "call", "catalog", "crm", "department", "disk", "im", "lists",
                        "placement", "task", "telephony", "timeman", "user")));
        call("scope", Map.of("full", true)).then().body("result", hasItems("crm", "telephony", "user_basic", "vote"))
                .body("result.size()", equalTo(51)).body("result", hasItems("tasks", "tasks_extended", "tasksmobile"));
        // the server compares full loosely with true: any non-empty string but "0" counts
        call("scope", Map.of("full", "Y")).then().body("result.size()", equalTo(51));
        call("scope", Map.of("full", 0)).then().body("result.size()", equalTo(13));
        String token = install("local.scoped", List.of("telephony"), null).getString("access_token");
        oauth(token, "scope", Map.of()).then().statusCode(200).body("result", equalTo(List.of("telephony")));
    }

    @Test
    void methodsListsLowerCaseNamesByScope() {
        call("methods", Map.of("scope", "user")).then().statusCode(200)
                .body("result", equalTo(List.of("user.add", "user.current", "user.fields", "user.get", "user.search", "user.update")));
        call("methods", Map.of("scope", "")).then()
                .body("result", hasItems("batch", "profile", "server.time", "scope", "methods", "method.get", "app.info"))
                .body("result", not(hasItem("user.get")));
        call("methods", Map.of()).then().body("result", hasItems("telephony.externalcall.searchcrmentities", "crm.status.list",
                "server.time")).body("result", everyItem(matchesPattern("^[a-z0-9_.]+$")));
        String token = install("local.narrow", List.of("telephony"), null).getString("access_token");
        oauth(token, "methods", Map.of()).then().body("result", hasItem("telephony.externalcall.register"))
                .body("result", not(hasItem("crm.lead.add")));
        oauth(token, "methods", Map.of("full", true)).then().body("result", hasItem("crm.lead.add"));
        // a scope the caller lacks still lists its methods, as the server does
        oauth(token, "methods", Map.of("scope", "crm")).then().body("result", hasItem("crm.activity.add"));
    }

    @Test
    void methodGetTellsWhetherAMethodExistsAndIsAvailable() {
        call("method.get", Map.of("name", "user.get")).then().statusCode(200)
                .body("result.isExisting", equalTo(true)).body("result.isAvailable", equalTo(true));
        call("method.get", Map.of("name", "telephony.externalcall.searchcrmentities")).then()
                .body("result.isExisting", equalTo(true));
        // the page asks for lower case: a mixed-case name exists nowhere
        call("method.get", Map.of("name", "telephony.externalCall.searchCrmEntities")).then()
                .body("result.isExisting", equalTo(false)).body("result.isAvailable", equalTo(false));
        call("method.get", Map.of()).then().statusCode(200)
                .body("result.isExisting", equalTo(false)).body("result.isAvailable", equalTo(false));
        call("method.get", Map.of("name", "no.such.method")).then().body("result.isExisting", equalTo(false));
        String token = install("local.brief", List.of("telephony", "user_brief"), null).getString("access_token");
        oauth(token, "method.get", Map.of("name", "crm.lead.add")).then()
                .body("result.isExisting", equalTo(true)).body("result.isAvailable", equalTo(false));
        oauth(token, "method.get", Map.of("name", "user.fields")).then().body("result.isAvailable", equalTo(true));
        oauth(token, "method.get", Map.of("name", "user.update")).then().body("result.isAvailable", equalTo(false));
    }

    /** feature.get (feature-get.md): both documented features are the emulator's; CODE is required. */
    @Test
    void featureGetAnswersForTheDocumentedFeatures() {
        call("feature.get", Map.of("CODE", "rest_offline_extended")).then().statusCode(200).body("result.value", equalTo("Y"));
        call("feature.get", Map.of("code", "rest_auth_connector")).then().statusCode(200).body("result.value", equalTo("Y"));
        call("feature.get", Map.of("CODE", "no_such_feature")).then().statusCode(200).body("result.value", equalTo("N"));
        call("feature.get", Map.of()).then().statusCode(400).body("error", equalTo("CODE_EMPTY"))
                .body("error_description", equalTo("CODE can't be empty"));
        call("feature.get", Map.of("CODE", " ")).then().statusCode(400).body("error", equalTo("CODE_EMPTY"));
    }
}
