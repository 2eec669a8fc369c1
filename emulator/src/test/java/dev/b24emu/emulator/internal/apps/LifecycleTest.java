package dev.b24emu.emulator.internal.apps;

import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.testing.HandlerServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's life as a portal runs it: the installation wizard and installFinish, the authorization-code
 * grant, a new version, the trial or paid period, a revocation, and the deletion.
 */
class LifecycleTest extends AppHarness {
    private JsonPath installWith(Map<String, Object> extra) {
        Map<String, Object> spec = new HashMap<>(Map.of("clientId", "app.market", "clientSecret", "app.market-secret",
                "scopes", List.of("telephony", "user")));
        spec.putAll(extra);
        return given().contentType(ContentType.JSON).body(spec).post(controlApps()).then().statusCode(201)
                .extract().jsonPath();
    }

    private String controlApps() {
        return base() + "/_emulator/portals/" + portal.id() + "/apps";
    }

    private static Response token(Map<String, String> params) {
        return given().queryParams(params).get(base() + "/oauth/token/");
    }

    @Test
    void aWizardGetsThePageFormAndIsNotInstalledUntilInstallFinish() {
        JsonPath tokens = installWith(Map.of("installUrl", handler.url("/install"), "version", 3, "status", "F"));
        HandlerServer.Received page = handler.await(r -> r.path().equals("/install"), "the installation page");
        assertEquals("DEFAULT", page.form().get("PLACEMENT").asText());
        assertEquals("{}", page.form().get("PLACEMENT_OPTIONS").asText());
        assertEquals(portal.memberId(), page.form().get("member_id").asText());
        assertEquals("F", page.form().get("status").asText());
        assertEquals(URI.create(base()).getAuthority(), page.query().get("DOMAIN").asText());
        assertEquals("0", page.query().get("PROTOCOL").asText());
        assertTrue(page.query().get("APP_SID").asText().matches("[0-9a-f]{32}"));
        String token = page.form().get("AUTH_ID").asText();
        oauth(token, "app.info", Map.of()).then().statusCode(200).body("result.INSTALLED", equalTo(false))
                .body("result.VERSION", equalTo(3)).body("result.STATUS", equalTo("F"));
        bind(token, "ONAPPINSTALL", handler.url("/events"));

        given().post(controlApps() + "/" + tokens.getString("app_id") + "/install-finish").then().statusCode(200)
                .body("installed", equalTo(true));
        HandlerServer.Received installed = handler.awaitEvent("ONAPPINSTALL");
        assertEquals("3", installed.form().at("/data/VERSION").asText());
        assertFalse(installed.form().at("/auth/refresh_token").asText().isEmpty());
        oauth(token, "app.info", Map.of()).then().body("result.INSTALLED", equalTo(true));
    }

    @Test
    void clickToCallAndCallbackSayWhyTheLineApplicationGetsNoEvent() {
        JsonPath tokens = installWith(Map.of("installUrl", handler.url("/install"), "status", "T", "days", 3));
        String appId = tokens.getString("app_id");
        String token = handler.await(r -> r.path().equals("/install"), "the installation page").form().get("AUTH_ID")
                .asText();
        oauth(token, "telephony.externalLine.add", Map.of("NUMBER", "74950003009")).then().statusCode(200);
        bind(token, "OnExternalCallStart", handler.url("/events"));
        Map<String, Object> click = Map.of("userId", 1, "phoneNumber", "+79990000019", "lineNumber", "74950003009");
        Map<String, Object> callback = Map.of("phoneNumber", "+79990000019", "lineNumber", "74950003009");
        String clicks = base() + "/_emulator/portals/" + portal.id() + "/click-to-call";
        String callbacks = base() + "/_emulator/portals/" + portal.id() + "/callback";

        given().contentType(ContentType.JSON).body(click).post(clicks).then().statusCode(200)
                .body("appId", equalTo(appId)).body("eventWithheld", containsString("has not called installFinish"));
        given().contentType(ContentType.JSON).body(callback).post(callbacks).then().statusCode(200)
                .body("eventWithheld", containsString("has not called installFinish"));
        // what the answer says is what happened: no delivery while withheld, one once the wizard has finished
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(handler.received().stream().noneMatch(r -> "ONEXTERNALCALLSTART".equals(r.event())),
                "an event the answer said was withheld");
        given().post(controlApps() + "/" + appId + "/install-finish").then().statusCode(200);
        given().contentType(ContentType.JSON).body(click).post(clicks).then().statusCode(200)
                .body("appId", equalTo(appId)).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey(
                        "eventWithheld")));
        handler.awaitEvent("ONEXTERNALCALLSTART");
        given().contentType(ContentType.JSON).body(Map.of("status", "T", "days", -1))
                .put(controlApps() + "/" + appId + "/subscription").then().statusCode(200);
        given().contentType(ContentType.JSON).body(callback).post(callbacks).then().statusCode(200)
                .body("eventWithheld", containsString("payment ran out"));
    }

    @Test
    void theAuthorizationCodeIsExchangedOnceWithinThirtySeconds() {
        installWith(Map.of("redirectUri", "https://app.example/oauth?x=1"));
        given().queryParam("client_id", "app.market").queryParam("state", "s1").get(base() + "/oauth/authorize/")
                .then().statusCode(200).body(containsString("app.market asks for access"));
        Response consent = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("client_id", "app.market", "state", "s1", "user_id", "1"))
                .post(base() + "/oauth/authorize/");
        assertEquals(302, consent.statusCode());
        Map<String, String> back = query(consent.header("Location"));
        assertTrue(consent.header("Location").startsWith("https://app.example/oauth?x=1&code="));
        assertEquals("s1", back.get("state"));
        assertEquals(portal.memberId(), back.get("member_id"));
        assertEquals("telephony,user", back.get("scope"));
        assertTrue(consent.header("Location").contains("scope=telephony%2Cuser"), "the comma travels as %2C");
        assertEquals(URI.create(base()).getAuthority(), back.get("domain"));
        assertEquals(URI.create(base()).getAuthority(), back.get("server_domain"));

        Map<String, String> exchange = new HashMap<>(Map.of("grant_type", "authorization_code", "client_id", "app.market",
                "client_secret", "wrong", "code", back.get("code")));
        token(exchange).then().statusCode(401).body("error", equalTo("invalid_client"));
        exchange.put("client_secret", "app.market-secret");
        String access = token(exchange).then().statusCode(200).body("member_id", equalTo(portal.memberId()))
                .body("user_id", equalTo(1)).body("client_endpoint", equalTo(base() + "/rest/"))
                .extract().path("access_token");
        oauth(access, "user.current", Map.of()).then().statusCode(200);
        token(exchange).then().statusCode(400).body("error", equalTo("expired_token"));
        exchange.put("code", "0123456789abcdef0123456789abcdef");
        token(exchange).then().statusCode(400).body("error", equalTo("invalid_grant"));

        String code = given().contentType(ContentType.JSON).body(Map.of("clientId", "app.market", "userId", 1, "state", "s2"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/oauth/authorize").then().statusCode(200)
                .body("state", equalTo("s2")).extract().path("code");
        advancePortalClock("PT31S");
        exchange.put("code", code);
        token(exchange).then().statusCode(400).body("error", equalTo("expired_token"))
                .body("error_description", equalTo("The authorization token provided has expired."));
    }

    /** A foreign page's auto-submitted form gave consent as a user it chose, with its own state, without a click. */
    @Test
    void consentIsGivenOnlyFromTheConsentPageItself() throws Exception {
        installWith(Map.of("redirectUri", "https://app.example/oauth"));
        Map<String, String> form = Map.of("client_id", "app.market", "state", "attacker", "user_id", "3");
        for (String foreign : List.of("http://evil.example", "null", base().replace("127.0.0.1", "localhost"))) {
            given().redirects().follow(false).header("Origin", foreign).contentType("application/x-www-form-urlencoded")
                    .formParams(form).post(base() + "/oauth/authorize/").then().statusCode(403)
                    .header("Location", (String) null).body(containsString("Consent is given on the consent page only"));
        }
        // without an Origin, what the browser says of the page must not name another site (audit 49d)
        given().redirects().follow(false).header("Sec-Fetch-Site", "cross-site").contentType("application/x-www-form-urlencoded")
                .formParams(form).post(base() + "/oauth/authorize/").then().statusCode(403);
        given().redirects().follow(false).header("Referer", "http://evil.example/x").contentType("application/x-www-form-urlencoded")
                .formParams(form).post(base() + "/oauth/authorize/").then().statusCode(403);
        // a page that rebinds its own name to the emulator sends its own Host, its Origin matching: neither the page
        // (the portal's users, the application) nor the consent is served there
        int port = emulator.port();
        for (String request : List.of("GET /oauth/authorize/?client_id=app.market HTTP/1.1\r\nHost: rebind.evil.example:"
                + port + "\r\nConnection: close\r\n\r\n", "POST /oauth/authorize/ HTTP/1.1\r\nHost: rebind.evil.example:" + port
                + "\r\nOrigin: http://rebind.evil.example:" + port + "\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nContent-Length: 45\r\nConnection: close\r\n\r\nclient_id=app.market&state=attacker&user_id=3")) {
            String answer = dev.b24emu.emulator.support.RawHttp.exchange(base(), request);
            assertEquals(403, dev.b24emu.emulator.support.RawHttp.status(answer), answer);
            assertTrue(answer.contains("not an address of the emulator") && !answer.contains("Allow as"), answer);
        }
        given().redirects().follow(false).header("Origin", base()).contentType("application/x-www-form-urlencoded")
                .formParams(form).post(base() + "/oauth/authorize/").then().statusCode(302);
        given().redirects().follow(false).header("Sec-Fetch-Site", "same-origin").header("Referer", base() + "/oauth/authorize/")
                .contentType("application/x-www-form-urlencoded").formParams(form).post(base() + "/oauth/authorize/")
                .then().statusCode(302);
    }

    @Test
    void anApplicationNotInstalledGetsTheErrorPageAndNoRedirect() {
        given().redirects().follow(false).queryParam("client_id", "app.nowhere").get(base() + "/oauth/authorize/")
                .then().statusCode(400).body(containsString("Application not installed"));
    }

    @Test
    void deletingSendsOnAppUninstallWithCleanAndKillsTheTokens() {
        JsonPath tokens = installWith(Map.of());
        String token = tokens.getString("access_token");
        bind(token, "ONAPPUNINSTALL", handler.url("/events"));
        given().delete(controlApps() + "/" + tokens.getString("app_id") + "?clean=1").then().statusCode(200);
        HandlerServer.Received gone = handler.awaitEvent("ONAPPUNINSTALL");
        assertEquals("1", gone.form().at("/data/CLEAN").asText());
        assertTrue(gone.form().at("/auth/access_token").isMissingNode(), "no tokens in ONAPPUNINSTALL");
        assertEquals(tokens.getString("application_token"), gone.form().at("/auth/application_token").asText());
        oauth(token, "user.current", Map.of()).then().statusCode(401).body("error", equalTo("APPLICATION_NOT_FOUND"))
                .body("error_description", equalTo("Application not found"));
        token(Map.of("grant_type", "refresh_token", "client_id", "app.market", "client_secret", "app.market-secret",
                "refresh_token", tokens.getString("refresh_token"))).then().statusCode(400).body("error", equalTo("invalid_grant"));
        given().get(controlApps()).then().body("size()", equalTo(0));
        String again = installWith(Map.of()).getString("access_token");
        oauth(again, "user.current", Map.of()).then().statusCode(200);
    }

    @Test
    void aNewVersionSendsOnAppUpdate() {
        JsonPath tokens = installWith(Map.of("version", 1));
        bind(tokens.getString("access_token"), "ONAPPUPDATE", handler.url("/events"));
        given().contentType(ContentType.JSON).body(Map.of("version", 1))
                .post(controlApps() + "/" + tokens.getString("app_id") + "/version").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("version", 2))
                .post(controlApps() + "/" + tokens.getString("app_id") + "/version").then().statusCode(200)
                .body("version", equalTo(2));
        HandlerServer.Received update = handler.awaitEvent("ONAPPUPDATE");
        assertEquals("2", update.form().at("/data/VERSION").asText());
        assertEquals("1", update.form().at("/data/PREVIOUS_VERSION").asText());
        oauth(tokens.getString("access_token"), "app.info", Map.of()).then().body("result.VERSION", equalTo(2));
    }

    /** D116: an update removes the installer's ONAPPINSTALL handlers (EventTable::deleteAppInstaller), and no other. */
    @Test
    void anUpdateRemovesTheInstallersHandlerAndKeepsTheOthers() {
        JsonPath tokens = installWith(Map.of("version", 1));
        String token = tokens.getString("access_token");
        bind(token, "ONAPPINSTALL", handler.url("/install"));
        bind(token, "ONAPPUPDATE", handler.url("/events"));
        bind(token, "ONUSERADD", handler.url("/events"));
        given().contentType(ContentType.JSON).body(Map.of("version", 2))
                .post(controlApps() + "/" + tokens.getString("app_id") + "/version").then().statusCode(200);
        handler.awaitEvent("ONAPPUPDATE");
        oauth(token, "event.get", Map.of()).then().statusCode(200)
                .body("result.event", equalTo(List.of("ONAPPUPDATE", "ONUSERADD")));
    }

    /** D202: a payment the marketplace records sets the period and sends ONAPPPAYMENT, which no user signed in for. */
    @Test
    void aPaymentSendsOnAppPaymentWithThePeriodAppInfoReads() {
        JsonPath tokens = installWith(Map.of("status", "T", "days", 3));
        String appId = tokens.getString("app_id");
        bind(tokens.getString("access_token"), "ONAPPPAYMENT", handler.url("/events"));
        for (Map<String, Object> refused : List.<Map<String, Object>>of(Map.of("status", "T", "days", 30),
                Map.of("status", "P", "days", 0), Map.of("status", "P"))) {
            given().contentType(ContentType.JSON).body(refused).post(controlApps() + "/" + appId + "/payment")
                    .then().statusCode(400);
        }
        given().contentType(ContentType.JSON).body(Map.of("status", "T", "days", -1))
                .put(controlApps() + "/" + appId + "/subscription").then().statusCode(200); // silent: no payment
        given().contentType(ContentType.JSON).body(Map.of("status", "P", "days", 30))
                .post(controlApps() + "/" + appId + "/payment").then().statusCode(200).body("paymentAllowed", equalTo(true));
        HandlerServer.Received paid = handler.awaitEvent("ONAPPPAYMENT");
        assertEquals("app.market", paid.form().at("/data/CODE").asText());
        assertEquals("1", paid.form().at("/data/VERSION").asText());
        assertEquals("P", paid.form().at("/data/STATUS").asText());
        assertEquals("N", paid.form().at("/data/PAYMENT_EXPIRED").asText());
        assertEquals("30", paid.form().at("/data/DAYS").asText());
        assertEquals("en", paid.form().at("/data/LANGUAGE_ID").asText());
        assertTrue(paid.form().at("/auth/access_token").isMissingNode(), paid.form().toString());
        assertEquals(1, handler.received().stream().filter(r -> "ONAPPPAYMENT".equals(r.event())).count());
        oauth(tokens.getString("access_token"), "app.info", Map.of()).then().body("result.DAYS", equalTo(30))
                .body("result.STATUS", equalTo("P"));
    }

    @Test
    void anExpiredTrialGetsNoTokensAndNoEventsWhileAPaidOneHasItsGracePeriod() {
        JsonPath tokens = installWith(Map.of("status", "T", "days", 3));
        String appId = tokens.getString("app_id");
        String token = tokens.getString("access_token");
        oauth(token, "app.info", Map.of()).then().body("result.DAYS", equalTo(3)).body("result.PAYMENT_EXPIRED", equalTo("N"))
                .body("result.STATUS", equalTo("T"));
        bind(token, "ONAPPUPDATE", handler.url("/events"));
        given().contentType(ContentType.JSON).body(Map.of("status", "T", "days", -1)).put(controlApps() + "/" + appId
                + "/subscription").then().statusCode(200).body("paymentExpired", equalTo("Y"))
                .body("paymentAllowed", equalTo(false));
        oauth(token, "app.info", Map.of()).then().statusCode(200).body("result.DAYS", equalTo(-1))
                .body("result.PAYMENT_EXPIRED", equalTo("Y"));
        Map<String, String> refresh = Map.of("grant_type", "refresh_token", "client_id", "app.market",
                "client_secret", "app.market-secret", "refresh_token", tokens.getString("refresh_token"));
        token(refresh).then().statusCode(400).body("error", equalTo("PAYMENT_REQUIRED"))
                .body("error_description", equalTo("Payment required"));
        given().contentType(ContentType.JSON).body(Map.of("version", 2)).post(controlApps() + "/" + appId + "/version")
                .then().statusCode(200);

        given().contentType(ContentType.JSON).body(Map.of("status", "P", "days", -3)).put(controlApps() + "/" + appId
                + "/subscription").then().statusCode(200).body("paymentExpired", equalTo("Y"))
                .body("paymentAllowed", equalTo(true));
        token(refresh).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("version", 3)).post(controlApps() + "/" + appId + "/version")
                .then().statusCode(200);
        HandlerServer.Received update = handler.awaitEvent("ONAPPUPDATE");
        assertEquals("3", update.form().at("/data/VERSION").asText(), "the update while the trial was over never went out");
    }

    @Test
    void aRevokedRefreshTokenRenewsNothing() {
        JsonPath tokens = installWith(Map.of());
        given().post(controlApps() + "/" + tokens.getString("app_id") + "/revoke").then().statusCode(200)
                .body("refreshTokens", equalTo(1));
        token(Map.of("grant_type", "refresh_token", "client_id", "app.market", "client_secret", "app.market-secret",
                "refresh_token", tokens.getString("refresh_token"))).then().statusCode(400).body("error", equalTo("invalid_grant"));
        oauth(tokens.getString("access_token"), "user.current", Map.of()).then().statusCode(401)
                .body("error", equalTo("invalid_token"));
    }

    @Test
    void magicCredentialsAnswerAsTheRealPortalDoes() {
        magic("b24emu-fired-user").then().statusCode(401).body("error", equalTo("authorization_error"))
                .body("error_description", equalTo("Unable to authorize user"));
        magic("b24emu-app-not-installed").then().statusCode(401).body("error", equalTo("APPLICATION_NOT_FOUND"));
        magic("b24emu-payment-required").then().statusCode(401).body("error", equalTo("PAYMENT_REQUIRED"))
                .body("error_description", equalTo("Payment required"));
        magic("b24emu-portal-deleted").then().statusCode(403).body("error", equalTo("PORTAL_DELETED"))
                .body("error_description", equalTo("Portal was deleted"));
        oauth("b24emu-fired-user", "user.current", Map.of()).then().statusCode(401).body("error", equalTo("authorization_error"));
        token(Map.of("grant_type", "refresh_token", "client_id", "x", "client_secret", "y",
                "refresh_token", "b24emu-payment-required")).then().statusCode(400).body("error", equalTo("PAYMENT_REQUIRED"));
    }

    @Test
    void theMovedPortalRedirectsToItsNewAddressWhereTheCallWorks() {
        Response moved = given().redirects().follow(false).contentType(ContentType.JSON).body("{}")
                .post(base() + "/rest/1/b24emu-portal-moved/user.current.json?x=1");
        assertEquals(302, moved.statusCode());
        String location = moved.header("Location");
        URI from = URI.create(base());
        URI to = URI.create(location);
        assertFalse(from.getHost().equals(to.getHost()), "the portal answers on another host: " + location);
        assertEquals(from.getPort(), to.getPort());
        assertEquals("x=1", to.getQuery());
        given().contentType(ContentType.JSON).body("{}").post(location).then().statusCode(200).body("result.ID", org.hamcrest.Matchers.notNullValue());
    }

    private static Response magic(String token) {
        return given().contentType(ContentType.JSON).body("{}").post(base() + "/rest/1/" + token + "/user.current");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }
}
