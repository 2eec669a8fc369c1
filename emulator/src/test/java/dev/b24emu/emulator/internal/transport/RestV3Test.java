package dev.b24emu.emulator.internal.transport;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The REST 3.0 transport (api-reference/rest-v3.md as the follow-up pages describe it): /rest/api/ paths, JSON
 * bodies only, the REST 3.0 envelopes, and REST 2 and REST 3.0 methods each found only on their own path.
 */
class RestV3Test extends EmulatorHarness {
    private String v3Webhook() {
        return webhook.replace("/rest/", "/rest/api/");
    }

    @Test
    void webhookAndOAuthPathsServeRestV3WithTheResultNestedAndTheTimeBlock() {
        given().contentType(ContentType.JSON).body("{\"name\":\"callId\"}").post(v3Webhook() + "call.followup.field.get")
                .then().statusCode(200).body("result.item.name", equalTo("callId")).body("time", hasKey("date_start"))
                .body("$", not(hasKey("total")));
        // the method name in any case, with .json and a trailing slash, as on REST 2
        given().contentType(ContentType.JSON).body("{\"name\":\"callId\"}").post(v3Webhook() + "Call.FollowUp.Field.Get.json/")
                .then().statusCode(200);
        String token = given().contentType(ContentType.JSON).body(Map.of("clientId", "local.v3", "clientSecret", "s",
                        "scopes", List.of("call"))).post(base() + "/_emulator/portals/" + portal.id() + "/apps")
                .then().statusCode(201).extract().path("access_token");
        given().contentType(ContentType.JSON).body("{\"name\":\"uuid\",\"auth\":\"" + token + "\"}")
                .post(base() + "/rest/api/call.followup.field.get").then().statusCode(200)
                .body("result.item.name", equalTo("uuid"));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/requests?method=call.followup.field.get").then()
                .body("auth", equalTo(List.of("webhook", "webhook", "oauth"))).body("[2].params", not(hasKey("auth")));
    }

    @Test
    void onlyAJsonBodyIsReadAndNeverTheQueryString() {
        given().contentType("application/x-www-form-urlencoded").body("name=callId").post(v3Webhook() + "call.followup.field.get")
                .then().statusCode(400).body("error.code", equalTo("BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION"))
                .body("$", not(hasKey("error_description")));
        given().contentType(ContentType.JSON).body("{\"name\":").post(v3Webhook() + "call.followup.field.get")
                .then().statusCode(400).body("error.code", equalTo("BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION"));
        given().get(v3Webhook() + "call.followup.field.get?name=callId").then().statusCode(400)
                .body("error.code", equalTo("BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION"))
                .body("error.validation[0].field", equalTo("name"));
        given().get(v3Webhook() + "call.followup.field.list").then().statusCode(200).body("result.items.size()", equalTo(18));
        // a token in the query string is not read either
        String token = given().contentType(ContentType.JSON).body(Map.of("clientId", "local.q", "clientSecret", "s",
                        "scopes", List.of("call"))).post(base() + "/_emulator/portals/" + portal.id() + "/apps")
                .then().statusCode(201).extract().path("access_token");
        given().contentType(ContentType.JSON).body("{}").post(base() + "/rest/api/call.followup.field.list?auth=" + token)
                .then().statusCode(401).body("error.code", equalTo("NO_AUTH_FOUND"));
    }

    @Test
    void eachMethodIsFoundOnlyOnItsOwnRestVersion() {
        call("call.followup.field.list", Map.of()).then().statusCode(404)
                .body("error", equalTo("ERROR_METHOD_NOT_FOUND")).body("error_description", equalTo("Method not found!"));
        given().contentType(ContentType.JSON).body("{}").post(v3Webhook() + "user.current").then().statusCode(404)
                .body("error.code", equalTo("BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION"));
        given().contentType(ContentType.JSON).body("{}").post(v3Webhook() + "no.such.method").then().statusCode(404)
                .body("error.code", equalTo("BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION"));
        call("batch", Map.of("cmd", Map.of("a", "call.followup.field.list"))).then().statusCode(200)
                .body("result.result_error.a.error", equalTo("ERROR_METHOD_NOT_FOUND"));
    }

    @Test
    void credentialsScopeAndFaultsAnswerInTheRestV3Envelope() {
        given().contentType(ContentType.JSON).body("{}")
                .post(v3Webhook().replace(portal.webhook().token(), "wrong-token") + "call.followup.field.list")
                .then().statusCode(401).body("error.code", equalTo("NO_AUTH_FOUND"))
                .body("error.message", equalTo("Wrong authorization data"));
        Portal telephonyOnly = emulator.portals().create(new PortalRegistry.PortalSpec(null, null, null,
                Set.of("telephony"), emulator.portals().seeds().demo()));
        given().contentType(ContentType.JSON).body("{}")
                .post(emulator.webhookUrl(telephonyOnly).replace("/rest/", "/rest/api/") + "call.followup.field.list")
                .then().statusCode(403).body("error.code", equalTo("BITRIX_REST_V3_EXCEPTION_INSUFFICIENTSCOPEEXCEPTION"));
        given().contentType(ContentType.JSON).body(Map.of("method", "call.followup.field.list", "error", "QUERY_LIMIT_EXCEEDED",
                "status", 503, "count", 1)).post(base() + "/_emulator/portals/" + portal.id() + "/faults").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{}").post(v3Webhook() + "call.followup.field.list").then()
                .statusCode(503).body("error.code", equalTo("QUERY_LIMIT_EXCEEDED"));
    }

    @Test
    void restPathsReadTheirVersionFromTheApiSegment() {
        assertEquals(new RestPath("1", "tok", "call.followup.list", true), RestPath.parse("/rest/api/1/tok/call.followup.list"));
        assertEquals(new RestPath(null, null, "call.followup.list", true), RestPath.parse("/rest/api/call.followup.list"));
        assertEquals(new RestPath("1", "tok", "user.current", false), RestPath.parse("/rest/1/tok/user.current.json"));
        assertEquals(new RestPath("1", "api", "user.current", false), RestPath.parse("/rest/1/api/user.current"),
                "a webhook token 'api' is a token");
    }
}
