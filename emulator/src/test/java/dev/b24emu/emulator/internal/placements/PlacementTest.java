package dev.b24emu.emulator.internal.placements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.testing.HandlerServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** placement.* rules, and the CALL_CARD widget opening field by field against the documented example. */
class PlacementTest extends AppHarness {
    private String widgetApp() {
        return install("local.widget", List.of("telephony", "crm", "user", "placement"), null).getString("access_token");
    }

    @Test
    void bindRulesAndErrors() {
        String token = widgetApp();
        call("placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/w"))).then().statusCode(403)
                .body("error", equalTo("WRONG_AUTH_TYPE"));
        oauth(token, "placement.bind", Map.of("HANDLER", handler.url("/w"))).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT")).body("argument", equalTo("PLACEMENT"))
                .body("error_description", equalTo("Argument 'PLACEMENT' is null or empty"));
        oauth(token, "placement.bind", Map.of("PLACEMENT", "NO_SUCH_PLACE", "HANDLER", handler.url("/w"))).then()
                .statusCode(400).body("error", equalTo("ERROR_PLACEMENT_NOT_FOUND"));
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", "ftp://host/w")).then()
                .statusCode(400).body("error", equalTo("ERROR_UNSUPPORTED_PROTOCOL"));
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", "/relative")).then()
                .statusCode(400).body("error", equalTo("ERROR_WRONG_HANDLER_URL"));
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/w"), "USER_ID", 2)).then()
                .statusCode(400).body("error", equalTo("ERROR_PLACEMENT_USER_MODE"));
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/w"), "TITLE", "CRM card"))
                .then().statusCode(200).body("result", equalTo(true));
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/w"))).then().statusCode(400)
                .body("error", equalTo("ERROR_HANDLER_ALREADY_EXIST"));
        oauth(token, "placement.get", Map.of()).then().body("result[0].placement", equalTo("CALL_CARD"))
                .body("result[0].title", equalTo("CRM card")).body("result[0].userId", equalTo(0));
        oauth(token, "placement.list", Map.of()).then().body("result", hasItem("CALL_CARD"));
        // one handler found and removed: count 2 (placement-unbind.md counts each found and each removed)
        oauth(token, "placement.unbind", Map.of("PLACEMENT", "CALL_CARD")).then().body("result.count", equalTo(2));
        oauth(token, "placement.unbind", Map.of("PLACEMENT", List.of("CALL_CARD"))).then().statusCode(400)
                .body("error_description", equalTo("The value of an argument 'PLACEMENT' must be of type string"));
    }

    @Test
    void placementsNeedTheToolsScopeAndAnAdministrator() {
        String crmOnly = install("local.crmw", List.of("crm", "placement"), null).getString("access_token");
        oauth(crmOnly, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/w"))).then()
                .statusCode(400).body("error", equalTo("ERROR_PLACEMENT_NOT_FOUND"));
        oauth(crmOnly, "placement.list", Map.of()).then().body("result", not(hasItem("CALL_CARD")));
        String noScope = install("local.nop", List.of("telephony"), null).getString("access_token");
        oauth(noScope, "placement.get", Map.of()).then().statusCode(401).body("error", equalTo("insufficient_scope"));
        var spec = Map.of("clientId", "local.user", "clientSecret", "s", "scopes", List.of("telephony", "placement"), "userId", 2);
        String user = given().contentType("application/json").body(spec)
                .post(base() + "/_emulator/portals/" + portal.id() + "/apps").then().extract().path("access_token");
        oauth(user, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/w"))).then()
                .statusCode(403).body("error", equalTo("ACCESS_DENIED"));
    }

    @Test
    void aShownCardOpensTheWidgetWithTheDocumentedPost() throws Exception {
        String token = widgetApp();
        oauth(token, "telephony.externalLine.add", Map.of("NUMBER", "74950000000", "NAME", "Main line")).then().statusCode(200);
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/card?app=1"))).then().statusCode(200);
        String callId = oauth(token, "telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 2, "LINE_NUMBER", "74950000000")).then().statusCode(200).extract().path("result.CALL_ID");

        HandlerServer.Received post = handler.await(r -> r.path().equals("/card"), "the CALL_CARD opening");
        assertEquals("1", post.query().get("app").asText(), "the handler's own query is kept");
        assertEquals(emulatorDomain(), post.query().get("DOMAIN").asText());
        assertEquals("0", post.query().get("PROTOCOL").asText());
        assertEquals("en", post.query().get("LANG").asText());
        assertTrue(post.query().get("APP_SID").asText().matches("[0-9a-f]{32}"));
        JsonNode form = post.form();
        assertEquals("CALL_CARD", form.get("PLACEMENT").asText());
        assertEquals("3600", form.get("AUTH_EXPIRES").asText());
        assertEquals(portal.memberId(), form.get("member_id").asText());
        assertEquals("L", form.get("status").asText());
        JsonNode options = new ObjectMapper().readTree(form.get("PLACEMENT_OPTIONS").asText());
        assertEquals(callId, options.get("CALL_ID").asText());
        assertEquals("+79990000001", options.get("PHONE_NUMBER").asText());
        assertEquals("74950000000", options.get("LINE_NUMBER").asText());
        assertEquals("Main line", options.get("LINE_NAME").asText());
        assertEquals("CONTACT", options.get("CRM_ENTITY_TYPE").asText());
        assertEquals("1", options.get("CRM_ENTITY_ID").asText());
        assertEquals("undefined", options.get("CRM_ACTIVITY_ID").asText());
        assertEquals("CONTACT", options.at("/CRM_BINDINGS/0/ENTITY_TYPE").asText());
        assertEquals("incoming", options.get("CALL_DIRECTION").asText());
        assertEquals("connecting", options.get("CALL_STATE").asText());
        assertEquals("false", options.get("CALL_LIST_MODE").asText());
        assertEquals("/crm/contact/details/1/", options.get("URI").asText());
        oauth(form.get("AUTH_ID").asText(), "user.current", Map.of()).then().statusCode(200)
                .body("result.ID", equalTo("2"));
        handler.assertAllConform();
        given().get(base() + "/_emulator/portals/" + portal.id() + "/events?event=CALL_CARD").then()
                .body("size()", equalTo(1)).body("[0].status", equalTo(200));
    }

    /**
     * A widget is handed a pair of its own, not one its application holds, neither the control API's nor the one
     * ONAPPINSTALL delivered (which the application keeps): renewing with the card's REFRESH_ID leaves the backend's
     * refresh tokens good (they were shared, and the backend's renewal then failed with invalid_grant: audits 61b,
     * 61d). Each opening gets a new pair, its AUTH_EXPIRES the whole hour.
     */
    @Test
    void aWidgetIsHandedTokensOfItsOwn() {
        var installed = install("local.own", List.of("telephony", "crm", "user", "placement"), handler.url("/install"));
        JsonNode onInstall = handler.awaitEvent("ONAPPINSTALL").form().path("auth");
        String token = installed.getString("access_token");
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/own"))).then().statusCode(200);
        oauth(token, "telephony.externalcall.register", Map.of("USER_ID", 1, "PHONE_NUMBER", "+79990000001", "TYPE", 2))
                .then().statusCode(200);
        JsonNode first = handler.await(r -> r.path().equals("/own"), "the first opening").form();
        for (String held : List.of(token, onInstall.path("access_token").asText())) {
            assertNotEquals(held, first.get("AUTH_ID").asText());
        }
        for (String held : List.of(installed.getString("refresh_token"), onInstall.path("refresh_token").asText())) {
            assertNotEquals(held, first.get("REFRESH_ID").asText());
        }
        assertEquals("3600", first.get("AUTH_EXPIRES").asText());
        handler.clear();
        advancePortalClock("PT30S");
        oauth(token, "telephony.externalcall.register", Map.of("USER_ID", 1, "PHONE_NUMBER", "+79990000002", "TYPE", 2))
                .then().statusCode(200);
        JsonNode second = handler.await(r -> r.path().equals("/own"), "the second opening").form();
        assertNotEquals(first.get("REFRESH_ID").asText(), second.get("REFRESH_ID").asText(), "a pair per opening");
        assertEquals("3600", second.get("AUTH_EXPIRES").asText());
        renew("local.own", first.get("REFRESH_ID").asText()).statusCode(200);
        renew("local.own", installed.getString("refresh_token")).statusCode(200);
        renew("local.own", onInstall.path("refresh_token").asText()).statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse renew(String clientId, String refreshToken) {
        return given().queryParam("grant_type", "refresh_token").queryParam("client_id", clientId)
                .queryParam("client_secret", clientId + "-secret").queryParam("refresh_token", refreshToken)
                .get(base() + "/oauth/token/").then();
    }

    private static String emulatorDomain() {
        return base().replace("http://", "");
    }
}
