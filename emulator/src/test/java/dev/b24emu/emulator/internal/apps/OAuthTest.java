package dev.b24emu.emulator.internal.apps;

import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.testing.HandlerServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Installing applications, OAuth calls, token expiry and renewal, scopes. */
class OAuthTest extends AppHarness {
    @Test
    void installAnswersTokensAndSendsOnAppInstall() {
        JsonPath tokens = install("local.pbx", List.of("telephony", "crm", "user"), handler.url("/install"));
        assertEquals(3600, tokens.getInt("expires_in"));
        assertEquals(portal.memberId(), tokens.getString("member_id"));
        assertEquals(base() + "/rest/", tokens.getString("client_endpoint"));
        HandlerServer.Received install = handler.await(r -> r.path().equals("/install"), "ONAPPINSTALL");
        assertEquals("ONAPPINSTALL", install.event());
        assertEquals(tokens.getString("application_token"), install.form().at("/auth/application_token").asText());
        assertEquals("Y", install.form().at("/data/INSTALLED").asText());
        oauth(install.form().at("/auth/access_token").asText(), "user.current", Map.of()).then().statusCode(200)
                .body("result.ID", equalTo("1"));
    }

    @Test
    void oauthCallsWorkWithTheTokenInTheQueryOrTheBody() {
        String token = telephonyApp("local.a").getString("access_token");
        oauth(token, "user.current", Map.of()).then().statusCode(200);
        given().contentType("application/x-www-form-urlencoded").body("auth=" + token)
                .post(base() + "/rest/user.current.json").then().statusCode(200);
        given().contentType("application/json").body(Map.of("auth", token, "PHONE_NUMBER", "+79990000001"))
                .post(base() + "/rest/telephony.externalCall.searchCrmEntities").then().statusCode(200)
                .body("result[0].CRM_ENTITY_ID", equalTo(1));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/requests").then()
                .body("auth", org.hamcrest.Matchers.hasItem("oauth"));
    }

    @Test
    void tokensExpireOnThePortalClockAndRenewOnce() {
        JsonPath issued = telephonyApp("local.b");
        String token = issued.getString("access_token");
        advancePortalClock("PT1H1S");
        oauth(token, "user.current", Map.of()).then().statusCode(401).body("error", equalTo("expired_token"))
                .body("error_description", equalTo("The access token provided has expired"));

        String refresh = issued.getString("refresh_token");
        JsonPath renewed = given().queryParam("grant_type", "refresh_token").queryParam("client_id", "local.b")
                .queryParam("client_secret", "local.b-secret").queryParam("refresh_token", refresh)
                .get(base() + "/oauth/token/").then().statusCode(200)
                .body("access_token", matchesPattern("[0-9a-f]{32}")).body("expires_in", equalTo(3600))
                .body("member_id", equalTo(portal.memberId())).extract().jsonPath();
        // the authorization server's eleven keys: no application_token or app_id, which only the control API adds
        assertEquals(java.util.Set.of("access_token", "expires", "expires_in", "scope", "domain", "server_endpoint",
                "status", "client_endpoint", "member_id", "user_id", "refresh_token"), renewed.getMap("").keySet());
        assertNotEquals(token, renewed.getString("access_token"));
        oauth(renewed.getString("access_token"), "user.current", Map.of()).then().statusCode(200);
        // The journal keeps the refused call on its portal, and tells the two tokens apart without showing them:
        // what a conformance check reads to see a client refresh and retry.
        JsonPath journal = given().get(base() + "/_emulator/portals/" + portal.id() + "/requests?method=user.current")
                .then().statusCode(200).extract().jsonPath();
        List<String> errors = journal.getList("error");
        List<String> credentials = journal.getList("credential");
        assertEquals("expired_token", errors.get(errors.size() - 2));
        assertEquals(null, errors.get(errors.size() - 1));
        assertEquals(List.of("local.b", "local.b"), journal.getList("app").subList(errors.size() - 2, errors.size()));
        assertNotEquals(credentials.get(errors.size() - 2), credentials.get(errors.size() - 1));
        assertEquals(8, credentials.get(errors.size() - 1).length());
        assertEquals(-1, journal.prettify().indexOf(token), "the journal never shows a token");

        given().queryParam("grant_type", "refresh_token").queryParam("client_id", "local.b")
                .queryParam("client_secret", "local.b-secret").queryParam("refresh_token", refresh)
                .get(base() + "/oauth/token/").then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().queryParam("grant_type", "refresh_token").queryParam("client_id", "local.b")
                .queryParam("client_secret", "wrong").queryParam("refresh_token", renewed.getString("refresh_token"))
                .get(base() + "/oauth/token/").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().get(base() + "/oauth/token/?grant_type=password").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void scopesAreEnforcedForApplications() {
        String token = install("local.crmonly", List.of("crm"), null).getString("access_token");
        oauth(token, "telephony.externalCall.searchCrmEntities", Map.of("PHONE_NUMBER", "1")).then().statusCode(401)
                .body("error", equalTo("insufficient_scope"));
        oauth(token, "crm.lead.list", Map.of()).then().statusCode(200);
    }

    @Test
    void unknownAndForeignTokensAreRejected() {
        oauth("nope", "user.current", Map.of()).then().statusCode(401).body("error", equalTo("invalid_token"));
        String token = telephonyApp("local.c").getString("access_token");
        given().post(base() + "/_emulator/portals/" + portal.id() + "/reset").then().statusCode(200);
        oauth(token, "user.current", Map.of()).then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void installValidation() {
        given().contentType("application/json").body("{\"clientId\":\"x\"}")
                .post(base() + "/_emulator/portals/" + portal.id() + "/apps").then().statusCode(400);
        given().contentType("application/json").body("{\"clientId\":\"x\",\"clientSecret\":\"y\",\"scopes\":[],\"handlerUrl\":\"ftp://a\"}")
                .post(base() + "/_emulator/portals/" + portal.id() + "/apps").then().statusCode(400)
                .body("error_description", equalTo("handlerUrl must be an absolute http(s) URL outside the emulator itself (D204)"));
    }

    /**
     * A token pair made for a delivery while its portal was being deleted outlived the portal, and a portal made again
     * with its ID and an application of the same client_id accepted it: none is known once the portal is gone.
     */
    @Test
    void noTokenIsIssuedForADeletedPortal() {
        install("local.gone", List.of("telephony"), null);
        App app = portal.store(AppStore.class).byClientId("local.gone").orElseThrow();
        OAuthServer oauth = new OAuthServer();
        OAuthServer.Tokens before = oauth.issue(portal, app, 1);
        assertTrue(oauth.access(before.accessToken()).isPresent());
        io.restassured.RestAssured.given().delete(base() + "/_emulator/portals/" + portal.id()).then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
        OAuthServer.Tokens after = oauth.issue(portal, app, 2); // as a delivery in flight asks for a pair
        assertTrue(oauth.access(after.accessToken()).isEmpty(), "a deleted portal's new token is known nowhere");
    }
}
