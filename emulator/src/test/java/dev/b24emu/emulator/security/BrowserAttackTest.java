package dev.b24emu.emulator.security;

import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import dev.b24emu.emulator.support.EmulatorHarness;
import dev.b24emu.emulator.support.HeadlessChromium;
import dev.b24emu.emulator.support.RawHttp;
import dev.b24emu.emulator.testing.HandlerServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A web page the developer happens to open, and a DNS-rebinding page, try to drive the emulator (issue #17, items 2,
 * 12 and 13): the control API takes only JSON from its own origin and host names, and beyond loopback neither the
 * control API nor a well-known webhook secret answers strangers.
 */
class BrowserAttackTest extends EmulatorHarness {
    @Test
    void aSimpleCrossOriginPostCannotCreateAPortal() {
        // text/plain is what a page can POST without a CORS preflight
        given().contentType("text/plain").body("{\"id\":\"pwned\"}").post(base() + "/_emulator/portals")
                .then().statusCode(415).body("error", equalTo("CONTROL_JSON_REQUIRED"));
        given().header("Origin", "http://evil.example").contentType("application/json").body("{\"id\":\"pwned\"}")
                .post(base() + "/_emulator/portals").then().statusCode(403).body("error", equalTo("CONTROL_ORIGIN_REFUSED"))
                .header("Access-Control-Allow-Origin", nullValue());
        given().get(base() + "/_emulator/portals").then().statusCode(200).body("id", not(hasItem("pwned")));
    }

    /**
     * A widget served from another origin (a LAN address, a tunnel) loads the BX24 shim, and Chromium's Private Network
     * Access asks first; the shim is all such a page may read: the control API still refuses it, preflight or not.
     */
    @Test
    void aWidgetOfAnyOriginLoadsTheShimAndNothingElse() throws Exception {
        String widget = "https://widget.tunnel.example";
        given().header("Origin", widget).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Private-Network", "true").options(base() + "/_emulator/ui/bx24.js")
                .then().statusCode(204).header("Access-Control-Allow-Private-Network", equalTo("true"))
                .header("Access-Control-Allow-Origin", equalTo(widget));
        given().header("Origin", widget).get(base() + "/_emulator/ui/bx24.js").then().statusCode(200);
        String refused = RawHttp.exchange(base(), "OPTIONS /_emulator/portals HTTP/1.1\r\nHost: 127.0.0.1:" + emulator.port()
                + "\r\nOrigin: " + widget + "\r\nAccess-Control-Request-Method: GET\r\n"
                + "Access-Control-Request-Private-Network: true\r\nConnection: close\r\n\r\n");
        assertEquals(403, RawHttp.status(refused), refused);
        assertTrue(refused.contains("CONTROL_ORIGIN_REFUSED") && !refused.contains("Allow-Private-Network"), refused);
        given().header("Origin", widget).get(base() + "/_emulator/ui/control-token.js").then().statusCode(403);
        given().header("Origin", widget).contentType("application/json").body("{}")
                .post(base() + "/_emulator/ui/bx24.js").then().statusCode(403);
    }

    @Test
    void aRebindingPageReachingUsUnderItsOwnHostNameReadsNothing() throws Exception {
        String answer = RawHttp.exchange(base(), "GET /_emulator/portals/" + portal.id() + "/state HTTP/1.1\r\nHost: rebind.evil.example:"
                + emulator.port() + "\r\nConnection: close\r\n\r\n");
        assertEquals(403, RawHttp.status(answer), answer);
        assertTrue(answer.contains("CONTROL_HOST_REFUSED") && !answer.contains("webhook"), answer);
        given().header("Origin", base()).get(base() + "/_emulator/portals/" + portal.id() + "/state").then().statusCode(200);
    }

    @Test
    void restStaysOpenToBrowserWidgetsOfAnyOrigin() {
        given().header("Origin", "http://widget.example").get(webhook + "user.current")
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo("*"));
    }

    /**
     * The demo token is in every README, and /rest/ answers CORS to any origin: a site the developer had open read the
     * default portal's contacts and created one (audit 49d). It answers programs and this machine's pages only (D205).
     */
    @Test
    void aPageOfAnotherSiteCannotUseTheDemoToken() throws Exception {
        String demo = base() + "/rest/1/demo-token/user.current";
        given().header("Origin", "http://evil.example").get(demo).then().statusCode(401)
                .body("error", equalTo("NO_AUTH_FOUND")).body("error_description", org.hamcrest.Matchers.containsString(
                        "not a page of http://evil.example (D205)"));
        given().header("Origin", "https://evil.example").contentType("application/x-www-form-urlencoded")
                .body("fields[NAME]=planted").post(base() + "/rest/1/demo-token/crm.contact.add").then().statusCode(401);
        // an image or a link of another site: no Origin, the browser says cross-site, with or without its Referer
        given().header("Sec-Fetch-Site", "cross-site").header("Referer", "https://evil.example/page").get(demo)
                .then().statusCode(401).body("error_description", org.hamcrest.Matchers.containsString("https://evil.example"));
        given().header("Sec-Fetch-Site", "cross-site").get(demo).then().statusCode(401)
                .body("error_description", org.hamcrest.Matchers.containsString("a page of another site"));
        // a rebinding page under its own host name sends its own origin
        String rebound = RawHttp.exchange(base(), "GET /rest/1/demo-token/user.current HTTP/1.1\r\nHost: rebind.evil.example:"
                + emulator.port() + "\r\nOrigin: http://rebind.evil.example:" + emulator.port() + "\r\nConnection: close\r\n\r\n");
        assertEquals(401, RawHttp.status(rebound), rebound);
        // programs, this machine's pages (a development server), a typed address, and the portal's own token: answered
        given().get(demo).then().statusCode(200);
        for (String local : new String[]{"http://localhost:3000", "http://127.0.0.1:5173", base(), "http://app.localhost:8000"}) {
            given().header("Origin", local).get(demo).then().statusCode(200).header("Access-Control-Allow-Origin", equalTo("*"));
        }
        given().header("Sec-Fetch-Site", "cross-site").header("Referer", "http://localhost:3000/app").get(demo).then().statusCode(200);
        given().header("Sec-Fetch-Site", "none").get(demo).then().statusCode(200);
        given().header("Sec-Fetch-Site", "same-site").get(demo).then().statusCode(200);
        given().header("Origin", "http://evil.example").get(webhook + "user.current").then().statusCode(200);
        try (Bitrix24Emulator allowing = Bitrix24Emulator.start(EmulatorOptions.builder().port(0)
                .allowedOrigin("https://widget.example").build())) {
            String url = "http://127.0.0.1:" + allowing.port() + "/rest/1/demo-token/user.current";
            given().header("Origin", "https://widget.example").get(url).then().statusCode(200);
            given().header("Origin", "https://other.example").get(url).then().statusCode(401);
        }
    }

    @Test
    void aPageInHeadlessChromiumCanNeitherWriteNorReadTheControlApi() throws Exception {
        WebDriver browser = HeadlessChromium.start();
        try (HandlerServer site = new HandlerServer()) {
            site.page("/attack", """
                    <!doctype html><body><script>
                    (async () => {
                      const target = '%s';
                      const result = {};
                      try {
                        await fetch(target + '/_emulator/portals', {method: 'POST', mode: 'no-cors',
                          headers: {'Content-Type': 'text/plain'}, body: '{"id":"pwned-by-page"}'});
                        result.post = 'sent';
                      } catch (e) { result.post = 'blocked'; }
                      try {
                        const answer = await fetch(target + '/_emulator/portals/%s/state');
                        result.read = await answer.text();
                      } catch (e) { result.read = 'blocked'; }
                      document.body.setAttribute('data-result', JSON.stringify(result));
                    })();
                    </script></body>""".formatted(base(), portal.id()));
            browser.get(site.url("/attack"));
            String result = new WebDriverWait(browser, Duration.ofSeconds(15)).until(d ->
                    d.findElement(By.tagName("body")).getAttribute("data-result"));
            assertTrue(result.contains("\"read\":\"blocked\""), "the page read the state: " + result);
        } finally {
            browser.quit();
        }
        given().get(base() + "/_emulator/portals").then().body("id", not(hasItem("pwned-by-page")));
    }

    @Test
    void beyondLoopbackTheDemoSecretAndDotDotTricksGetNothing() throws Exception {
        try (Bitrix24Emulator wide = Bitrix24Emulator.start(EmulatorOptions.builder().host("0.0.0.0").port(0)
                .controlToken("ctl-secret").build())) {
            String base = "http://127.0.0.1:" + wide.port();
            assertNotEquals(base + "/rest/1/demo-token/", wide.webhookUrl(), "a random webhook secret beyond loopback");
            given().get(base + "/rest/1/demo-token/user.current").then().statusCode(401).body("error", equalTo("NO_AUTH_FOUND"));
            given().get(wide.webhookUrl() + "user.current").then().statusCode(200);
            // a simulator page needs the token; the static files it loads beside it cannot carry it and hold no secret
            given().get(base + "/_emulator/ui/call-card").then().statusCode(401);
            given().get(base + "/_emulator/ui/host.js").then().statusCode(200);
            given().get(base + "/_emulator/ui/simulator.css").then().statusCode(200);
            // the moved portal's redirect, which anyone may ask for, gave the random secret away in its Location
            String secret = wide.webhookUrl().replaceAll(".*/rest/1/([^/]+)/$", "$1");
            for (String path : new String[]{"/rest/1/b24emu-portal-moved/profile", "/rest/api/1/b24emu-portal-moved/profile"}) {
                String location = given().redirects().follow(false).get(base + path).then().statusCode(302)
                        .extract().header("Location");
                assertTrue(!location.contains(secret) && location.contains("/1/b24emu-portal-moved/profile"), location);
            }

            given().header("X-Emulator-Token", "ctl-secret").contentType("application/json").body("{\"id\":\"team-js\"}")
                    .post(base + "/_emulator/portals").then().statusCode(201);
            // ids cannot end in .js any more; the dot-dot path must not skip the token check whatever it names
            for (String method : new String[]{"GET", "DELETE"}) {
                String answer = RawHttp.exchange(base, method + " /_emulator/ui/../portals/team-js HTTP/1.1\r\nHost: 127.0.0.1:"
                        + wide.port() + "\r\nConnection: close\r\n\r\n");
                assertEquals(401, RawHttp.status(answer), answer);
            }
            given().header("X-Emulator-Token", "ctl-secret").get(base + "/_emulator/portals/team-js").then().statusCode(200);
        }
        try (Bitrix24Emulator chosen = Bitrix24Emulator.start(EmulatorOptions.builder().host("0.0.0.0").port(0)
                .webhookToken("demo-token").controlToken("x").build())) {
            assertEquals("http://127.0.0.1:" + chosen.port() + "/rest/1/demo-token/", chosen.webhookUrl(),
                    "a secret given explicitly is the user's choice");
        }
    }
}
