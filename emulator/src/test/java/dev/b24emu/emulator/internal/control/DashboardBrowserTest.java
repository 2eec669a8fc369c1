package dev.b24emu.emulator.internal.control;

import dev.b24emu.emulator.support.EmulatorHarness;
import dev.b24emu.emulator.support.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * The dashboard in headless Chromium: it loads with the installed applications, a call registered over REST appears
 * on the timeline live (and, finished, on its client's CRM timeline), and a callback through the portal's own telephony runs beside it on the portal's clock.
 */
class DashboardBrowserTest extends EmulatorHarness {
    @RegisterExtension
    final HeadlessChromium.Session chromium = new HeadlessChromium.Session();
    private WebDriver browser;


    /** The dashboard of the test's portal, once its live stream is connected. */
    private WebDriverWait openDashboard() throws Exception {
        browser = chromium.start();
        browser.get(base() + "/_emulator/ui/?portal=" + portal.id());
        // the dashboard re-renders its lists live: an element found a moment ago may be replaced before it is read
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
        return wait;
    }

    @Test
    void aRegisteredCallAppearsOnTheTimeline() throws Exception {
        given().contentType("application/json").body(Map.of("clientId", "app.dash", "clientSecret", "s", "scopes",
                java.util.List.of("user"), "version", 2, "status", "T", "days", 5))
                .post(base() + "/_emulator/portals/" + portal.id() + "/apps").then().statusCode(201);
        // a contact whose name is one long word: the other cells of its row keep their words whole
        call("crm.contact.add", Map.of("fields", Map.of("NAME", "N".repeat(3000)))).then().statusCode(200);
        WebDriverWait wait = openDashboard();
        wait.until(d -> d.findElement(By.id("crm")).getText().contains("Ivan Petrov"));
        // the portal's webhook URL, where a refusal of unknown credentials sends a user to look (audit 50a)
        wait.withMessage("the webhook URL in the header").until(d -> d.findElement(By.id("webhook")).getText()
                .equals(webhook));
        org.openqa.selenium.WebElement type = browser.findElement(By.xpath("//tbody[@id='crm']/tr[td[starts-with(., 'NNNN')]]/td[1]"));
        org.junit.jupiter.api.Assertions.assertEquals("contact", type.getText());
        Object lines = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("var range = document.createRange();"
                + " range.selectNodeContents(arguments[0]); return range.getClientRects().length;", type);
        org.junit.jupiter.api.Assertions.assertEquals(1L, lines, "on one line, not cont/act");
        wait.withMessage("the installed application with its version and trial").until(d ->
                d.findElement(By.id("apps")).getText().contains("app.dash user 2 T yes ok 5"));

        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 2, "LINE_NUMBER", "74950000000")).then().statusCode(200).extract().path("result.CALL_ID");
        wait.withMessage("the call on the timeline").until(d -> d.findElements(By.cssSelector("[data-call='" + callId + "']")).size() == 1);
        wait.until(d -> d.findElement(By.id("requests")).getText().contains("telephony.externalcall.register"));
        // what was sent, beside the method: a "+" sent unencoded would show here as the space it arrived as
        wait.until(d -> d.findElement(By.id("requests")).getText().contains("\"PHONE_NUMBER\":\"+79990000001\""));

        given().contentType("application/json").body(Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 42,
                "ADD_TO_CHAT", 1)).post(webhook + "telephony.externalcall.finish").then().statusCode(200);
        wait.withMessage("the call finished on the timeline").until(d ->
                d.findElement(By.cssSelector("[data-call='" + callId + "']")).getText().contains("finished"));
        // what the call and an integration wrote into the CRM
        wait.withMessage("the call's activity on the client's timeline").until(d ->
                d.findElement(By.id("timeline")).getText().matches("(?s).*contact \\d+ incoming call .* 2 completed.*"));
        call("crm.timeline.comment.add", Map.of("fields", Map.of("ENTITY_ID", 1, "ENTITY_TYPE", "contact",
                "COMMENT", "Asked for a quote"))).then().statusCode(200);
        // (made in the same second of the portal's clock as the call's activity: either may be listed first)
        wait.withMessage("the comment").until(d -> d.findElement(By.id("timeline")).getText()
                .contains(" contact 1 comment Asked for a quote 1"));
        // a deviation the real portal accepts silently is shown beside the request
        call("user.current", Map.of("EXTRA_FIELD", 1)).then().statusCode(200);
        wait.withMessage("the contract warning in the journal").until(d ->
                d.findElement(By.id("requests")).getText().contains("Unknown parameter EXTRA_FIELD"));
        // what the emulator itself does not keep is told apart, as the emulator's, not the client's (D197)
        String description = call("crm.category.list", Map.of("entityTypeId", 3)).then().statusCode(400).extract()
                .path("error_description");
        // the error's description under its code: NOT_FOUND alone names no mistake
        wait.withMessage("the error's description").until(d -> d.findElement(By.id("requests")).getText()
                .contains("NOT_FOUND\n" + description));
        wait.withMessage("the emulator's notice in the journal").until(d -> d.findElements(By.cssSelector(
                "#requests .notice")).stream().anyMatch(n -> n.getText().startsWith(
                "emulator: crm.category.*: the emulator keeps the pipelines of deals only")));
        // a mistyped webhook URL reaches no portal: said on the dashboard, which no portal's journal would
        given().post(base() + "/rest/2/" + portal.webhook().token() + "/crm.deal.list").then().statusCode(401);
        wait.withMessage("the request with another user's path in the no-portal list").until(d ->
                d.findElement(By.id("no-portal-section")).isDisplayed() && d.findElement(By.id("no-portal")).getText()
                        .contains("crm.deal.list webhook 401 NO_AUTH_FOUND") && d.findElement(By.id("no-portal"))
                        .getText().contains("the webhook token of portal '" + portal.id() + "', whose webhook user is 1,"
                                + " not 2"));
        // the users' work days and what an integration told them
        call("timeman.pause", Map.of("USER_ID", 2)).then().statusCode(200);
        call("im.notify.personal.add", Map.of("USER_ID", 2, "MESSAGE", "Call Ivan Petrov back")).then().statusCode(200);
        wait.withMessage("Ivan's paused day").until(d -> d.findElement(By.id("users")).getText()
                .contains("2 Ivan Operator 101 PAUSED"));
        wait.withMessage("the notification").until(d -> d.findElement(By.id("notifications")).getText()
                .contains("2 1 Call Ivan Petrov back"));
        wait.withMessage("the call's message in Ivan's chat for the number").until(d -> d.findElement(By.id("chats"))
                .getText().contains("2 Ivan Petrov Incoming call from +7 999 000-00-01 finished. Call information"));
        Path shot = Path.of("target", "dashboard.png");
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aCallbackRunsOnTheTimelineBesideExternalCalls() throws Exception {
        given().contentType("application/json").body(Map.of("timeZone", "Europe/Moscow"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        WebDriverWait wait = openDashboard();
        // the header's clock in the portal's zone, as the rows show their times
        wait.withMessage("the clock in the portal's zone").until(d -> d.findElement(By.id("clock")).getText()
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d Europe/Moscow"));
        String external = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000003",
                "TYPE", 2)).then().statusCode(200).extract().path("result.CALL_ID");
        String callback = call("voximplant.callback.start", Map.of("FROM_LINE", "74951112233", "TO_NUMBER",
                "+79990000001", "TEXT_TO_PRONOUNCE", "Hello")).then().statusCode(200).extract().path("result.CALL_ID");
        wait.withMessage("the callback beside the external call").until(d ->
                d.findElements(By.cssSelector("[data-call='" + callback + "']")).size() == 1
                        && d.findElements(By.cssSelector("[data-call='" + external + "']")).size() == 1);
        given().contentType("application/json").body(Map.of("advance", "PT1M"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/clock").then().statusCode(200);
        wait.withMessage("the callback ended on the portal's clock").until(d ->
                d.findElement(By.cssSelector("[data-call='" + callback + "']")).getText().contains("30 s · 200"));
    }

    /**
     * Another site cannot frame the dashboard under an invisible layer of its own and take a user's click on "Move
     * clock" (the control API's Origin check does not see it: the framed page's requests are its own origin's).
     */
    @Test
    void anotherSiteCannotFrameTheDashboard() throws Exception {
        com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = ("<!doctype html><title>A stranger's page</title><iframe id=\"framed\" src=\"" + base()
                + "/_emulator/ui/?portal=" + portal.id() + "\"></iframe>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        site.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        site.start();
        try {
            given().get(base() + "/_emulator/ui/").then().header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", "frame-ancestors 'none'");
            browser = chromium.start();
            browser.get("http://localhost:" + site.getAddress().getPort() + "/");
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("framed")) != null);
            Thread.sleep(1500); // what the frame would have loaded by now
            browser.switchTo().frame("framed");
            org.junit.jupiter.api.Assertions.assertTrue(browser.findElements(By.id("advance-btn")).isEmpty(),
                    "the dashboard loaded inside another site's frame");
        } finally {
            site.stop(0);
        }
    }

    /**
     * A portal deleted while its dashboard is open is said, its panels emptied rather than left standing, and the
     * selector keeps naming it; no script fails on the control API's error in place of a list.
     */
    @Test
    void aPortalGoneWhileItsDashboardIsOpenIsSaidAndNothingOfItStays() throws Exception {
        WebDriverWait wait = openDashboard();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.failures = [];"
                + "window.addEventListener('error', function (e) { window.failures.push(e.message); });"
                + "window.addEventListener('unhandledrejection', function (e) { window.failures.push(String(e.reason)); });");
        wait.until(d -> d.findElement(By.id("crm")).getText().contains("Ivan Petrov"));
        given().delete(base() + "/_emulator/portals/" + portal.id()).then().statusCode(200);
        wait.withMessage("the deleted portal said").until(d -> d.findElement(By.id("problem")).getText()
                .contains(portal.id()));
        wait.withMessage("its CRM gone from the page").until(d -> d.findElement(By.id("crm")).getText()
                .equals("No portal " + portal.id()));
        // the selector follows the portals there are while the page is open
        String made = newPortal().id();
        wait.withMessage("the selector naming the gone portal so, and the new one").until(d -> {
            String options = d.findElement(By.id("portal")).getText();
            return options.contains(portal.id() + " (no such portal)") && options.contains(made);
        });
        browser.navigate().refresh();
        wait.until(d -> d.findElement(By.id("problem")).getText().contains(portal.id()));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.failures = [];"
                + "window.addEventListener('error', function (e) { window.failures.push(e.message); });"
                + "window.addEventListener('unhandledrejection', function (e) { window.failures.push(String(e.reason)); });");
        wait.until(d -> new org.openqa.selenium.support.ui.Select(d.findElement(By.id("portal")))
                .getFirstSelectedOption().getText().equals(portal.id() + " (no such portal)"));
        // a gone portal's clock is not asked for each second (each 404 a line in the browser's console): the list of
        // portals is, and the page follows the portal once it is there again
        browser.findElement(By.id("filter")).sendKeys("user"); // a refresh of every panel, now with the listeners on
        Thread.sleep(1500); // the refresh, and a second of the page's clock polls
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return window.failures;"));
        org.junit.jupiter.api.Assertions.assertEquals("No portal " + portal.id(), browser.findElement(By.id("users")).getText());
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.clockAsks = 0; var fetched = window.fetch;"
                + "window.fetch = function (url) { if (String(url).indexOf('/clock') >= 0) { window.clockAsks++; }"
                + " return fetched.apply(this, arguments); };");
        Thread.sleep(2500); // two seconds and a half of the page's polls
        org.junit.jupiter.api.Assertions.assertEquals(0L, ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return window.clockAsks;"));
        given().contentType("application/json").body(Map.of("id", portal.id(), "demo", true))
                .post(base() + "/_emulator/portals").then().statusCode(201);
        wait.withMessage("the portal made again, shown").until(d -> d.findElement(By.id("crm")).getText()
                .contains("Ivan Petrov") && d.findElement(By.id("problem")).getText().isEmpty());
    }
}
