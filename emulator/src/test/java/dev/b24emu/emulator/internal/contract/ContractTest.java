package dev.b24emu.emulator.internal.contract;

import dev.b24emu.emulator.support.ContractFilter;
import dev.b24emu.emulator.support.EmulatorHarness;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.specs.Contracts;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emulator held to specs/: every served method has a contract, and requests breaking it get Bitrix errors. */
class ContractTest extends EmulatorHarness {
    @Test
    void everyServedMethodHasRequestAndResultSchemasAndEveryContractIsServed() {
        for (Contracts.MethodContract contract : Contracts.shared().methods()) {
            assertTrue(emulator.methods().find(contract.method(), contract.v3()).isPresent(), contract.method() + " has a contract but is not served");
        }
        for (MethodTable.Method method : emulator.methods().all()) {
            Contracts.MethodContract contract = Contracts.shared().method(method.name()).orElseThrow(() ->
                    new AssertionError(method.name() + " is served without a contract in specs/"));
            assertTrue(contract.scope().equals(method.scope()), method.name() + " scope differs from specs/");
            assertTrue(contract.appContextOnly() == method.appContextOnly(), method.name() + " appContextOnly differs");
            assertTrue(contract.webhookRefusal().equals(method.webhookRefusal()), method.name() + " applicationsOnly differs");
            assertTrue(java.util.Set.copyOf(contract.alsoScopes()).equals(method.alsoScopes()),
                    method.name() + " alsoScopes differ from specs/");
        }
    }

    @Test
    void whatTheRealServerRefusesIsRefusedWithItsDocumentedError() {
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+7999", "TYPE", "two"))
                .then().statusCode(400).body("error", equalTo("ERROR_CORE")).body("error_description", equalTo("Unknown TYPE"));
        call("crm.contact.get", Map.of("id", "abc")).then().statusCode(400)
                .body("error_description", equalTo("ID is not defined or invalid."));
    }

    /**
     * An integer the real server reads with PHP's (int): a value it casts to a good one is taken and reported, not
     * refused with the documented error, which stays for what the cast makes wrong (D27).
     */
    @Test
    void whatTheServerCastsToAGoodIntegerIsTakenAndReported() {
        var registered = call("telephony.externalcall.register", Map.of("USER_ID", "2abc", "PHONE_NUMBER", "+79990000031",
                "TYPE", 2, "SHOW", 0));
        registered.then().statusCode(200)
                .header("X-B24-Emulator-Warning", equalTo("Parameter USER_ID is invalid: integer expected, \"2abc\" given"
                        + " (the real server reads it as 2)"));
        assertEquals(2, userOf(registered.path("result.CALL_ID")));
        assertEquals(1, userOf(call("telephony.externalcall.register", Map.of("USER_ID", List.of(2), "PHONE_NUMBER",
                "+79990000032", "TYPE", 2, "SHOW", 0)).path("result.CALL_ID")), "(int) of a non-empty array");
        assertEquals(2, userOf(call("telephony.externalcall.register", Map.of("USER_ID", "abc", "USER_PHONE_INNER", "101",
                "PHONE_NUMBER", "+79990000033", "TYPE", 2, "SHOW", 0)).path("result.CALL_ID")), "0: the inner number's");
        call("telephony.externalcall.register", Map.of("USER_ID", "abc", "PHONE_NUMBER", "+79990000034", "TYPE", 2))
                .then().statusCode(400).body("error_description", equalTo("USER_ID or USER_PHONE_INNER should be set"));
        // a switch sent as "N" meaning no is read by the server's (bool) as yes: taken as it reads it, and reported
        var shown = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000035", "TYPE", 2,
                "SHOW", "N", "CRM_CREATE", "false"));
        shown.then().statusCode(200).body("result.CRM_CREATED_LEAD", org.hamcrest.Matchers.notNullValue());
        assertEquals(List.of("Parameter SHOW is invalid: integer 0 or 1 expected, \"N\" given (the real server reads it as 1)",
                "Parameter CRM_CREATE is invalid: integer 0 or 1 expected, \"false\" given (the real server reads it as 1)"),
                shown.headers().getValues("X-B24-Emulator-Warning").stream().sorted(java.util.Comparator.reverseOrder()).toList());
        // a Y/N switch the server compares with === 'Y': true, meant as yes, is N there, and the warning says so
        call("telephony.externalLine.add", Map.of("NUMBER", "74950009999", "CRM_AUTO_CREATE", "true")).then()
                .statusCode(200).header("X-B24-Emulator-Warning", equalTo("Parameter CRM_AUTO_CREATE is invalid: one of"
                        + " Y, N expected, \"true\" given (the real server reads it as N)"));
        call("telephony.externalLine.get", Map.of()).then().body("result.find { it.NUMBER == '74950009999' }.CRM_AUTO_CREATE",
                equalTo("N"));
        call("crm.lead.get", Map.of("id", "1abc")).then().statusCode(200).body("result.ID", equalTo("1"));
        call("crm.lead.get", Map.of("id", "-1")).then().statusCode(400)
                .body("error_description", equalTo("ID is not defined or invalid."));
        given().contentType(ContentType.JSON).body("{\"validation\":\"strict\"}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("crm.lead.get", Map.of("id", "1abc")).then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", org.hamcrest.Matchers.endsWith("(the real server reads it as 1);"
                        + " the real portal would have accepted it (strict mode)"));
    }

    private int userOf(String callId) {
        return given().get(base() + "/_emulator/portals/" + portal.id() + "/calls").then().extract()
                .path("active.find { it.callId == '" + callId + "' }.userId");
    }

    /** The default mode, warn: what the docs rule out but the server accepts is answered as it answers, and reported. */
    @Test
    void inWarnModeDeviationsAreAnsweredAsTheRealServerAnswersAndReported() {
        var response = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 2, "SHOW", "yes", "CRM_ENTITY_TYPE", "DEAL", "CRM_ENTITY_ID", 1, "SOMETHING", "x", "line_numbr", "sip"));
        // the deal is bound as given, as the real server binds any type it is given
        response.then().statusCode(200).body("result.CRM_ENTITY_TYPE", equalTo("DEAL")).body("result.CRM_ENTITY_ID", equalTo(1));
        java.util.List<String> warnings = response.headers().getValues("X-B24-Emulator-Warning");
        assertTrue(warnings.contains("Parameter SHOW is invalid: integer 0 or 1 expected, \"yes\" given"
                + " (the real server reads it as 1)"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("Parameter CRM_ENTITY_TYPE is invalid: one of CONTACT, COMPANY, LEAD expected")),
                warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("Unknown parameter SOMETHING:")), warnings.toString());
        // a name an edit or two from a documented one gets the likely intended spelling, in the documented case
        assertTrue(warnings.contains("Unknown parameter line_numbr (did you mean LINE_NUMBER?): "
                + "telephony.externalcall.register does not document it and the real server ignores it"), warnings.toString());
        given().get(base() + "/_emulator/portals/" + portal.id() + "/requests?limit=1").then()
                .body("[0].warnings", equalTo(warnings));
        String callId = response.path("result.CALL_ID");
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "VOTE", 6))
                .then().statusCode(200).header("X-B24-Emulator-Warning",
                        equalTo("Parameter VOTE is invalid: integer from 0 to 5 expected, 6 given"))
                .body("result.CALL_VOTE", equalTo(6)); // kept as given, as the real server's (int) cast keeps it
        // form-encoded, the same words (not "string found, integer expected", the first branch's)
        String formCall = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000611",
                "TYPE", 2)).then().statusCode(200).extract().path("result.CALL_ID");
        given().formParams(Map.of("CALL_ID", formCall, "USER_ID", "2", "VOTE", "6")).post(webhook + "telephony.externalcall.finish")
                .then().statusCode(200).header("X-B24-Emulator-Warning",
                        equalTo("Parameter VOTE is invalid: integer from 0 to 5 expected, \"6\" given"));
        call("user.current", Map.of()).then().statusCode(200).header("X-B24-Emulator-Warning", org.hamcrest.Matchers.nullValue());
        // a CALL_ID the pages require and the server does without: false, as for an unknown call, and reported
        call("telephony.externalcall.show", Map.of()).then().statusCode(200).body("result", equalTo(false))
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.containsString("CALL_ID"));
        // a refusal a misspelt name caused comes with that name's warning (it came alone: audit 50d)
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBR", "+79990000001", "TYPE", 2))
                .then().statusCode(400).body("error", equalTo("ERROR_CORE")).header("X-B24-Emulator-Warning",
                        org.hamcrest.Matchers.startsWith("Unknown parameter PHONE_NUMBR (did you mean PHONE_NUMBER?)"));
    }

    @Test
    void inStrictModeDeviationsAreRefusedSayingTheRealPortalWouldHaveAcceptedThem() {
        given().contentType(ContentType.JSON).body("{\"validation\":\"strict\"}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200)
                .body("validation", equalTo("strict"));
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+7999", "TYPE", 2, "SHOW", "yes"))
                .then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", equalTo("Parameter SHOW is invalid: integer 0 or 1 expected, \"yes\" given"
                        + " (the real server reads it as 1);"
                        + " the real portal would have accepted it (strict mode)"));
        call("telephony.externalCall.searchCrmEntities", Map.of("PHONE_NUMBER", "+79990000001", "SOMETHING", "x"))
                .then().statusCode(400).body("error_description", org.hamcrest.Matchers.startsWith("Unknown parameter SOMETHING"));
        // read only as documented there (D29): not found, as the server does not find it, and so not refused as a deviation
        call("telephony.externalCall.searchCrmEntities", Map.of("phone_number", "+79990000001")).then().statusCode(400)
                .body("error_description", equalTo("PHONE_NUMBER is empty"));
        // user.get upper-cases its keys (array_change_key_case): @2bad/bitrix's users.get(2) sends id=2
        call("user.get", Map.of("id", 2, "!name", "x")).then().statusCode(200).body("result.ID", equalTo(List.of("2")));
        // the earlier switch still reads: strict false is warn again
        given().contentType(ContentType.JSON).body("{\"strict\":false}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().body("validation", equalTo("warn"));
    }

    @Test
    void validationCanBeSwitchedOffPerPortal() {
        given().contentType(ContentType.JSON).body("{\"validation\":\"off\"}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2,
                "SHOW", "yes", "SOMETHING", 1)).then().statusCode(200)
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.nullValue());
        given().contentType(ContentType.JSON).body("{\"validateRequests\":false}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().body("validation", equalTo("off"));
    }

    @Test
    void theOpenApiDocumentIsServedWithThisServersUrl() {
        given().get(base() + "/_emulator/openapi.json").then().statusCode(200)
                .body("openapi", equalTo("3.1.0"))
                .body("servers[0].url", equalTo(base() + "/rest/{userId}/{token}"))
                .body("paths", hasKey("/telephony.externalcall.register"))
                .body("webhooks", hasKey("OnVoximplantCallEnd"));
    }

    @Test
    void everyResponseInTheSuiteIsChecked() {
        int before = ContractFilter.CHECKED.get();
        call("user.current", Map.of()).then().statusCode(200);
        assertTrue(ContractFilter.CHECKED.get() > before, "the contract filter checks responses");
    }
}
