package dev.b24emu.emulator.internal.contract;

import dev.b24emu.emulator.support.ContractFilter;
import dev.b24emu.emulator.support.EmulatorHarness;
import dev.b24emu.emulator.internal.transport.MethodRegistry;
import dev.b24emu.specs.Contracts;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emulator held to specs/: every served method has a contract, and requests breaking it get Bitrix errors. */
class ContractTest extends EmulatorHarness {
    @Test
    void everyServedMethodHasRequestAndResultSchemas() {
        for (MethodRegistry.Method method : emulator.methods().all()) {
            Contracts.MethodContract contract = Contracts.shared().method(method.name()).orElseThrow(() ->
                    new AssertionError(method.name() + " is served without a contract in specs/"));
            assertTrue(contract.scope().equals(method.scope()), method.name() + " scope differs from specs/");
            assertTrue(contract.appContextOnly() == method.appContextOnly(), method.name() + " appContextOnly differs");
        }
    }

    @Test
    void violationsGetTheDocumentedErrorOrANamedParameter() {
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+7999", "TYPE", "two"))
                .then().statusCode(400).body("error", equalTo("ERROR_CORE")).body("error_description", equalTo("Unknown TYPE"));
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+7999", "TYPE", 2,
                "CRM_ENTITY_TYPE", "DEAL", "CRM_ENTITY_ID", 1))
                .then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", org.hamcrest.Matchers.startsWith("Parameter CRM_ENTITY_TYPE is invalid"));
        call("crm.contact.get", Map.of("id", "abc")).then().statusCode(400)
                .body("error_description", equalTo("ID is not defined or invalid"));
    }

    @Test
    void unknownParametersAreIgnoredUnlessThePortalIsStrict() {
        Map<String, Object> params = Map.of("PHONE_NUMBER", "+79990000001", "SOMETHING", "x");
        call("telephony.externalCall.searchCrmEntities", params).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"strict\":true}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("telephony.externalCall.searchCrmEntities", params).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT")).body("error_description", equalTo("Unknown parameter SOMETHING (strict mode)"));
        call("telephony.externalCall.searchCrmEntities", Map.of("phone_number", "+79990000001")).then().statusCode(200);
    }

    @Test
    void validationCanBeSwitchedOffPerPortal() {
        given().contentType(ContentType.JSON).body("{\"validateRequests\":false}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2,
                "CRM_ENTITY_TYPE", "DEAL", "CRM_ENTITY_ID", 1)).then().statusCode(200)
                .body("result.CRM_ENTITY_TYPE", equalTo("CONTACT"));
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
