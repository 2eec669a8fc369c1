package dev.b24emu.emulator.internal.callcard;

import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.support.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call-card simulator end to end in headless Chromium: an unmodified widget (test resource sample-widget.html)
 * runs inside it through the BX24 shim, reads its placement, calls REST, receives CallCard::* events and calls
 * placement commands. CI installs Debian's chromium and chromium-driver; without them the test is skipped.
 */
class CallCardSimulatorBrowserTest extends AppHarness {
    @RegisterExtension
    final HeadlessChromium.Session chromium = new HeadlessChromium.Session();
    private WebDriver browser;


    @Test
    void anUnmodifiedWidgetRunsInTheSimulator() throws Exception {
        startWithTheSampleWidget();
        for (int i = 0; i < 60; i++) { // 62 contacts: two pages, read with BX24's result.next()
            call("crm.contact.add", Map.of("fields", Map.of("NAME", "Client " + i))).then().statusCode(200);
        }
        int list = call("crm.calllist.add", Map.of("ENTITY_TYPE", "CONTACT", "ENTITIES", List.of(1, 2))).then().extract().path("result");
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("userId", 2))
                .post(base() + "/_emulator/portals/" + portal.id() + "/call-lists/" + list + "/start").then().statusCode(200);
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 1, "CALL_LIST_ID", list)).then().statusCode(200).extract().path("result.CALL_ID");

        WebDriverWait wait = openCardOfUser2(callId);
        wait.until(ExpectedConditions.textToBe(By.id("call"), callId));
        wait.until(ExpectedConditions.textToBe(By.id("user"), "Ivan"));
        assertEquals("false", browser.findElement(By.id("admin")).getText(), "BX24.isAdmin() of an operator");
        wait.until(ExpectedConditions.textToBe(By.id("batch"), "Ivan/1")); // BX24.callBatch, keyed results
        wait.until(ExpectedConditions.textToBe(By.id("pages"), "2/62/62")); // result.next() to the same callback
        browser.findElement(By.id("resize")).click();
        browser.findElement(By.id("rename")).click();
        browser.switchTo().defaultContent();
        wait.until(ExpectedConditions.attributeToBe(By.id("widget"), "style", "height: 260px;"));
        // a placement's frame may not retitle the page (D186): the title stays, the log says why
        wait.until(d -> d.findElement(By.id("log")).getText().contains("BX24 setTitle(\"Renamed widget\"): a portal ignores it"));
        assertEquals("Sample", browser.findElement(By.id("widget-title")).getText());
        browser.switchTo().frame("widget");
        waitForLog(wait, "EntityChanged:+79990000001:CONTACT:1");

        browser.switchTo().defaultContent();
        browser.findElement(By.id("btn-next")).click();
        browser.switchTo().frame("widget");
        waitForLog(wait, "EntityChanged:+79990000002:CONTACT:2");

        browser.switchTo().defaultContent();
        browser.findElement(By.id("btn-status")).click(); // "Success" for the client shown (D154)
        wait.withMessage("the page saying the result was set").until(d -> d.findElement(By.id("log")).getText()
                .contains("Result SUCCESS set for CONTACT 2"));
        wait.until(d -> call("crm.calllist.items.get", Map.of("LIST_ID", list, "FILTER", Map.of("STATUS", "SUCCESS")))
                .statusCode() == 200);
        call("crm.calllist.items.get", Map.of("LIST_ID", list)).then().body("result.ID", org.hamcrest.Matchers.equalTo(List.of(1, 2)))
                .body("result.STATUS", org.hamcrest.Matchers.equalTo(List.of("IN_WORK", "SUCCESS")));
        browser.findElement(By.id("btn-connected")).click();
        browser.switchTo().frame("widget");
        waitForLog(wait, "CallStateChanged:connected"); // the state alone, as a portal's page hands it on (D187)
        browser.findElement(By.id("status-btn")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "connected/true"));
        browser.findElement(By.id("keep")).click();
        waitForLog(wait, "autoclose disabled");

        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2)).then().statusCode(200);
        waitForLog(wait, "BeforeClose:[]"); // the library's empty list for an event of no argument
        io.restassured.RestAssured.given().get(base() + "/_emulator/portals/" + portal.id() + "/cards/" + callId + "/2")
                .then().body("closed", org.hamcrest.Matchers.equalTo(false)).body("autoCloseDisabled", org.hamcrest.Matchers.equalTo(true));
        // the user's Close closes at once though the widget disabled auto-close (that holds back only the close after
        // the call, D44); a button refused on the closed card says why, and the note outlives the page's polls
        browser.switchTo().defaultContent();
        browser.findElement(By.id("btn-close")).click();
        wait.withMessage(() -> "the page saying the card closed: " + browser.findElement(By.id("card")).getText())
                .until(ExpectedConditions.textToBe(By.id("closed-note"), "· card closed"));
        io.restassured.RestAssured.given().get(base() + "/_emulator/portals/" + portal.id() + "/cards/" + callId + "/2")
                .then().body("closed", org.hamcrest.Matchers.equalTo(true));
        browser.findElement(By.id("btn-refresh")).click();
        wait.until(ExpectedConditions.textMatches(By.id("problem"), java.util.regex.Pattern.compile("The card of call .* is closed")));
        Thread.sleep(1000); // three polls of the card
        assertTrue(browser.findElement(By.id("problem")).isDisplayed(), "the note hidden by the next poll");
    }

    /**
     * BX24.appOption and BX24.userOption: the init data carries the application's and the user's settings, and a
     * setting the widget writes is there when the page opens again.
     */
    @Test
    void aWidgetReadsAndWritesItsSettings() throws Exception {
        String token = startWithTheSampleWidget();
        oauth(token, "app.option.set", Map.of("options", Map.of("crmMode", "simple"))).then().statusCode(200);
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 2)).then().statusCode(200).extract().path("result.CALL_ID");
        WebDriverWait wait = openCardOfUser2(callId);
        wait.until(ExpectedConditions.textToBe(By.id("mode"), "simple"));
        assertEquals("undefined", browser.findElement(By.id("tab")).getText(), "no user setting yet");
        browser.findElement(By.id("remember")).click();
        wait.until(ExpectedConditions.textToBe(By.id("tab"), "saved:notes"));

        browser.navigate().refresh();
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("widget"));
        wait.until(ExpectedConditions.textToBe(By.id("tab"), "notes")); // written for user 2, read back at init
    }

    /** A page opened on a card with a past tells its widget the client shown now, not transitions it never saw. */
    @Test
    void aWidgetOpenedOnACardWithAPastIsToldOnlyTheCurrentClientThenWhatFollows() throws Exception {
        startWithTheSampleWidget();
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 1)).then().statusCode(200).extract().path("result.CALL_ID");
        String card = base() + "/_emulator/portals/" + portal.id() + "/cards/" + callId + "/2";
        for (String state : List.of("connected", "connecting")) {
            io.restassured.RestAssured.given().contentType("application/json").body(Map.of("state", state))
                    .post(card + "/state").then().statusCode(200);
        }

        WebDriverWait wait = openCardOfUser2(callId);
        waitForLog(wait, "EntityChanged:+79990000001:CONTACT:1");
        Thread.sleep(1_000); // the page polls every 300 ms: room for any replay to arrive
        List<String> lines = browser.findElements(By.cssSelector("#log .entry")).stream().map(e -> e.getText())
                .filter(l -> l.contains("Changed:") || l.contains("BeforeClose")).toList();
        assertEquals(List.of("EntityChanged:+79990000001:CONTACT:1"), lines);

        browser.switchTo().defaultContent();
        browser.findElement(By.id("btn-connected")).click();
        browser.switchTo().frame("widget");
        waitForLog(wait, "CallStateChanged:connected");
    }

    /**
     * D187 off: the handler is handed every argument as the event pages show them, CallStateChanged's additionalParams
     * and BeforeClose's none.
     */
    @Test
    void withTheSettingOffAHandlerIsHandedEveryArgumentAsThePagesShow() throws Exception {
        startWithTheSampleWidget();
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("cardEventFirstArgument", false))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 1)).then().statusCode(200).extract().path("result.CALL_ID");
        WebDriverWait wait = openCardOfUser2(callId);
        waitForLog(wait, "EntityChanged:+79990000001:CONTACT:1");
        browser.switchTo().defaultContent();
        browser.findElement(By.id("btn-connected")).click();
        browser.switchTo().frame("widget");
        waitForLog(wait, "CallStateChanged:connected:{}");
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "STATUS_CODE", 486))
                .then().statusCode(200);
        waitForLog(wait, "CallStateChanged:idle:{\"failedCode\":\"486\"}");
        waitForLog(wait, "BeforeClose");
    }

    /** Two bound widgets are two tabs; the one opened later is told the client the card shows. */
    @Test
    void eachBoundWidgetIsATab() throws Exception {
        String token = startWithTheSampleWidget();
        handler.page("/second", sampleWidget());
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/second"), "TITLE", "Second")).then().statusCode(200);
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 1)).then().statusCode(200).extract().path("result.CALL_ID");

        WebDriverWait wait = openCardOfUser2(callId);
        waitForLog(wait, "EntityChanged:+79990000001:CONTACT:1");
        browser.switchTo().defaultContent();
        List<String> tabs = browser.findElements(By.cssSelector("#tabs [role=tab]")).stream().map(e -> e.getText()).toList();
        assertEquals(List.of("Sample", "Second"), tabs);
        browser.findElements(By.cssSelector("#tabs [role=tab]")).get(1).click();
        wait.until(ExpectedConditions.textToBe(By.id("widget-title"), "Second"));
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("widget"));
        waitForLog(wait, "EntityChanged:+79990000001:CONTACT:1");
    }

    /**
     * A widget written for the real portal, with the real library or the JS SDK, speaks the portal's own protocol
     * (D41): the frame is named "DOMAIN|PROTOCOL|APP_SID", commands are "command:params:callback:appSid" strings, and
     * answers and bound events come back as "callback:JSON" from the page's origin.
     */
    @Test
    void aWidgetSpeakingThePortalsOwnProtocolRunsInTheSimulator() throws Exception {
        browser = chromium.start();
        String page;
        try (InputStream in = CallCardSimulatorBrowserTest.class.getResourceAsStream("/ui/portal-protocol-widget.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        handler.page("/portal-widget", page);
        String token = install("local.sdkwidget", List.of("telephony", "crm", "placement"), null).getString("access_token");
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/portal-widget"),
                "TITLE", "SDK widget")).then().statusCode(200);
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 1)).then().statusCode(200).extract().path("result.CALL_ID");

        WebDriverWait wait = openCardOfUser2(callId);
        wait.until(ExpectedConditions.textToBe(By.id("init"), "CALL_CARD/" + callId + "/token/portal host"));
        wait.until(ExpectedConditions.textToBe(By.id("status"), "connecting/CONTACT"));
        // getInterface as bx24-placement-get-interface.md lists the card's commands and events, in its order
        wait.until(ExpectedConditions.textToBe(By.id("iface"), "getStatus,disableAutoClose,enableAutoClose|"
                + "CallCard::EntityChanged,CallCard::BeforeClose,CallCard::CallStateChanged"));
        wait.until(ExpectedConditions.textToBe(By.id("size"), "300"));
        assertEquals("same", browser.findElement(By.id("sid")).getText(), "the query's APP_SID and the frame name's");
        waitForLog(wait, "EntityChanged:+79990000001:CONTACT:1");

        // a bound event comes back as rest/applayout.js sends it (D187): its first argument alone, nothing for none
        browser.switchTo().defaultContent();
        browser.findElement(By.id("btn-connected")).click();
        browser.switchTo().frame("widget");
        waitForLog(wait, "CallStateChanged sent [\"connected\"]");
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "STATUS_CODE", 486))
                .then().statusCode(200);
        waitForLog(wait, "CallStateChanged sent [\"idle\"]");
        waitForLog(wait, "BeforeClose sent []");
        // and no bind was answered: every line is an event
        assertEquals(List.of("EntityChanged:+79990000001:CONTACT:1", "CallStateChanged sent [\"connected\"]",
                "CallStateChanged sent [\"idle\"]", "BeforeClose sent []"),
                browser.findElements(By.cssSelector("#log .entry")).stream().map(e -> e.getText()).toList());
    }

    /** The browser, and the sample widget installed as an application's CALL_CARD placement; answers its token. */
    /**
     * A widget written as the docs' examples are runs as on a portal (D186): init inside ready, a call before init,
     * placement.call with its callback in place of the parameters, the library's error object, the portal's pickers of
     * users and CRM objects, and the messenger's phone placing a call.
     */
    @Test
    void aWidgetWrittenAsTheDocsRunsAsOnAPortal() throws Exception {
        browser = chromium.start();
        String page;
        try (InputStream in = CallCardSimulatorBrowserTest.class.getResourceAsStream("/ui/docs-widget.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{EMULATOR}}", base());
        }
        handler.page("/docs", page);
        String token = install("local.docs", List.of("telephony", "crm", "user", "placement"), null)
                .getString("access_token");
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/docs"), "TITLE", "Docs"))
                .then().statusCode(200);
        // the application the portal tells of a call the messenger's phone places
        oauth(token, "event.bind", Map.of("event", "OnExternalCallStart", "handler", handler.url("/events")))
                .then().statusCode(200);
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 2)).then().statusCode(200).extract().path("result.CALL_ID");

        WebDriverWait wait = openCardOfUser2(callId);
        wait.until(ExpectedConditions.textToBe(By.id("status"), callId));
        wait.until(ExpectedConditions.textToBe(By.id("early"), "Ivan"));
        wait.until(ExpectedConditions.textToBe(By.id("error-code"), "ERROR_METHOD_NOT_FOUND/404"));
        assertTrue(browser.findElement(By.id("error")).getText().matches("ERROR_METHOD_NOT_FOUND: .+ \\(404\\)"),
                browser.findElement(By.id("error")).getText());
        assertEquals("valid", browser.findElement(By.id("auth")).getText());
        assertEquals("false", browser.findElement(By.id("bind")).getText());

        pickOnThePage(wait, "choose", "Maria Sales");
        wait.until(ExpectedConditions.textToBe(By.id("chosen"), "3:Maria Sales"));
        pickOnThePage(wait, "choose-crm", "contact 1: ");
        wait.until(ExpectedConditions.textMatches(By.id("crm"), java.util.regex.Pattern.compile("C_1:Ivan.*")));
        // several at once, the value's contact checked when the dialog opens
        pickOnThePage(wait, "choose-many", "company 1: ");
        wait.until(ExpectedConditions.textToBe(By.id("many"), "C_2,CO_1"));
        // the access dialog's tabs (D190): a department's two choices, the other provider's codes, the value's greyed
        browser.findElement(By.id("choose-access")).click();
        browser.switchTo().defaultContent();
        wait.until(d -> d.findElement(By.id("picker")).isDisplayed());
        assertFalse(browser.findElement(By.xpath("//dialog[@id='picker']//label[contains(., '(AU)')]/input")).isEnabled(),
                "a code passed in value cannot be picked");
        browser.findElement(By.xpath("//dialog[@id='picker']//label[contains(., '(DR2)')]/input")).click();
        browser.findElement(By.xpath("//dialog[@id='picker']//label[contains(., '(U3)')]/input")).click();
        browser.findElement(By.xpath("//dialog[@id='picker']//label[contains(., '(CR)')]/input")).click();
        browser.findElement(By.id("picker-ok")).click();
        browser.switchTo().frame("widget");
        wait.until(ExpectedConditions.textToBe(By.id("access"), "user:U3:Maria Sales|intranet:DR2:Sales Department: All"
                + " department and subdepartment employees|other:CR:Author"));

        browser.findElement(By.id("dial")).click();
        browser.switchTo().defaultContent();
        try {
            wait.withTimeout(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("log")).getAttribute("textContent")
                    .contains("BX24.im.phoneTo(+79990000002): the portal placed call externalCall."));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page's log: " + browser.findElement(By.id("log")).getAttribute("textContent"), e);
        }
        // the portal's clock past the token's hour: the widget's next call renews it through the page and goes through
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("advance", "PT61M"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/clock").then().statusCode(200);
        browser.switchTo().frame("widget");
        browser.findElement(By.id("again")).click();
        wait.until(ExpectedConditions.textToBe(By.id("later"), "Ivan with a new token"));
        browser.switchTo().defaultContent();
        List<Map<String, Object>> active = io.restassured.RestAssured.given()
                .get(base() + "/_emulator/portals/" + portal.id() + "/calls").then().extract().jsonPath().getList("active");
        assertTrue(active.stream().anyMatch(c -> "+79990000002".equals(c.get("phoneNumber"))
                && Integer.valueOf(2).equals(c.get("userId"))), active.toString());
    }

    /** Clicks the widget's button that opens a portal dialog, picks the choice labelled so, back in the widget. */
    private void pickOnThePage(WebDriverWait wait, String button, String label) {
        browser.findElement(By.id(button)).click();
        browser.switchTo().defaultContent();
        wait.until(d -> d.findElement(By.id("picker")).isDisplayed());
        browser.findElement(By.xpath("//dialog[@id='picker']//label[contains(., '" + label + "')]/input")).click();
        browser.findElement(By.id("picker-ok")).click();
        browser.switchTo().frame("widget");
    }

    private String startWithTheSampleWidget() throws IOException {
        browser = chromium.start();
        handler.page("/widget", sampleWidget());
        String token = install("local.widget", List.of("telephony", "crm", "user", "placement"), null).getString("access_token");
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/widget"), "TITLE", "Sample")).then().statusCode(200);
        return token;
    }

    /** The simulator on the call's card of user 2, switched into the widget's frame; answers the page's wait. */
    private WebDriverWait openCardOfUser2(String callId) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // the page re-renders live
        browser.get(base() + "/_emulator/ui/call-card?portal=" + portal.id() + "&call=" + callId + "&user=2");
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("widget"));
        return wait;
    }

    private void waitForLog(WebDriverWait wait, String line) {
        wait.withMessage(() -> "widget log line " + line + " in " + browser.findElements(By.cssSelector("#log .entry")).stream()
                .map(e -> e.getText()).toList() + " at " + ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return location.href + ' ' + document.body.innerText.slice(0, 300)")).until(d -> d.findElements(By.cssSelector("#log .entry")).stream()
                .anyMatch(e -> e.getText().equals(line)));
    }

    private static String sampleWidget() throws IOException {
        try (InputStream in = CallCardSimulatorBrowserTest.class.getResourceAsStream("/ui/sample-widget.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{EMULATOR}}", base());
        }
    }
}
