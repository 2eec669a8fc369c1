package dev.b24emu.emulator.internal.callcard;

import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.support.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal-page simulator (D191) in headless Chromium: a PAGE_BACKGROUND_WORKER handler (test resource
 * background-worker.html) loaded in the page's hidden frame drives the user's external call card with the nine
 * commands and hears the operator's clicks as BackgroundCallCard::* events, as voximplant's background worker has them.
 */
class BackgroundWorkerBrowserTest extends AppHarness {
    @RegisterExtension
    final HeadlessChromium.Session chromium = new HeadlessChromium.Session();
    private WebDriver browser;
    private WebDriverWait wait;

    @Test
    void aWorkerDrivesTheExternalCallCardAndHearsTheOperatorsClicks() throws Exception {
        browser = chromium.start();
        String page;
        try (InputStream in = BackgroundWorkerBrowserTest.class.getResourceAsStream("/ui/background-worker.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{EMULATOR}}", base());
        }
        handler.page("/worker", page);
        String token = install("local.webrtc", List.of("telephony", "placement"), null).getString("access_token");
        oauth(token, "placement.bind", Map.of("PLACEMENT", "PAGE_BACKGROUND_WORKER", "HANDLER", handler.url("/worker"),
                "OPTIONS", Map.of("errorHandlerUrl", handler.url("/worker-error")))).then().statusCode(200);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        browser.get(base() + "/_emulator/ui/page?portal=" + portal.id() + "&user=2&uri=/crm/deal/details/1/");
        browser.findElement(By.id("show-frames")).click();
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.cssSelector("#frames iframe")));
        waitForLog("placement:PAGE_BACKGROUND_WORKER:PAGE_BACKGROUND_WORKER:/crm/deal/details/1/");
        waitForLog("interface:9/17");
        // no card yet: the commands are refused, the list of states is not
        cmd("CallCardSetCardTitle", "{title: 'x'}");
        waitForLog("CallCardSetCardTitle:[{\"result\":\"error\",\"errorCode\":\"Call card is undefined\"}]");
        cmd("CallCardGetListUiStates", "{}");
        waitForLog("CallCardGetListUiStates:[\"incoming\",\"transferIncoming\",\"outgoing\",\"connectingIncoming\","
                + "\"connectingOutgoing\",\"connected\",\"transferring\",\"transferFailed\",\"transferConnected\",\"error\","
                + "\"moneyError\",\"redial\"]");

        // a call for user 2: the card opens with its client, then initialized in the idle state
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 2)).then().statusCode(200).extract().path("result.CALL_ID");
        waitForLog("entityChanged:{\"CRM_ENTITY_TYPE\":\"CONTACT\",\"CRM_ENTITY_ID\":1,\"PHONE_NUMBER\":\"+79990000001\"}");
        String initialized = waitForLogStarting("initialized:");
        assertTrue(initialized.contains("\"CALL_ID\":\"" + callId + "\"") && initialized.contains("\"CALL_STATE\":\"idle\"")
                && initialized.contains("\"CALL_DIRECTION\":\"incoming\""), initialized);
        assertTrue(lines().indexOf(initialized) > lines().indexOf(
                "entityChanged:{\"CRM_ENTITY_TYPE\":\"CONTACT\",\"CRM_ENTITY_ID\":1,\"PHONE_NUMBER\":\"+79990000001\"}"),
                "the client before initialized: " + lines());

        cmd("CallCardSetUiState", "{uiState: 'connected'}");
        waitForLog("CallCardSetUiState:[]");
        cmd("CallCardSetUiState", "{uiState: 'bogus'}");
        waitForLog("CallCardSetUiState:[{\"result\":\"error\",\"errorCode\":\"Invalid ui state\"}]");
        cmd("CallCardSetStatusText", "{statusText: 'Talking'}");
        waitForLog("CallCardSetStatusText:[]");
        cmd("CallCardStopTimer", "{}");
        cmd("CallCardStartTimer", "{}");

        browser.switchTo().defaultContent();
        wait.until(ExpectedConditions.textToBe(By.id("ui-state"), "connected"));
        assertFalse(browser.findElement(By.id("dialpad")).isDisplayed(), "the keypad waits for its button");
        wait.until(ExpectedConditions.textToBe(By.id("card-status"), "Talking"));
        assertTrue(browser.findElement(By.id("timer")).isDisplayed(), "the connected card's timer");
        browser.findElement(By.id("btn-mute")).click();
        browser.findElement(By.id("btn-dialpad")).click();
        browser.findElement(By.id("key-5")).click();
        new org.openqa.selenium.interactions.Actions(browser).sendKeys("7").perform(); // the keyboard's digits too
        browser.findElement(By.id("btn-transfer")).click();
        new Select(browser.findElement(By.id("transfer-target"))).selectByVisibleText("Maria Sales: work +74950000102");
        browser.findElement(By.id("transfer-go")).click();
        browser.findElement(By.id("btn-hangup")).click();
        inWorker();
        waitForLog("muteButtonClick:true");
        waitForLog("dialpadButtonClick:\"5\"");
        waitForLog("dialpadButtonClick:\"7\"");
        // a worker that called a command gets the client's number and the target picked (a string from the menu)
        waitForLog("transferButtonClick:{\"phoneNumber\":\"+79990000001\",\"target\":\"+74950000102\"}");
        waitForLog("hangupButtonClick:[]"); // an event of no argument: the library's empty list
        assertFalse(lines().stream().anyMatch(l -> l.startsWith("CallCardStopTimer:") || l.startsWith("CallCardStartTimer:")),
                "the timer commands answer nothing");
        // connected without the timer starting: hidden, and counting from nought when started
        cmd("CallCardSetUiState", "{uiState: 'connected', disableAutoStartTimer: true}");
        waitForLog("CallCardSetUiState:[]");
        browser.switchTo().defaultContent();
        wait.until(d -> !d.findElement(By.id("timer")).isDisplayed());
        inWorker();

        // idle for an incoming call shows Close; a click sends closeButtonClick and closes the card
        cmd("CallCardSetUiState", "{uiState: 'idle'}");
        waitForLog("CallCardSetUiState:[]");
        browser.switchTo().defaultContent();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("btn-close"))).click();
        inWorker();
        waitForLog("closeButtonClick:[]");
        wait.until(d -> given().get(base() + "/_emulator/portals/" + portal.id() + "/cards/" + callId + "/2")
                .then().extract().path("closed").equals(Boolean.TRUE));
        cmd("CallCardSetHold", "{held: true}");
        waitForLog("CallCardSetHold:[{\"result\":\"error\",\"errorCode\":\"Call card is undefined\"}]");
        // closed here, it stays closed: a poll begun before the close does not bring it back
        Thread.sleep(1000);
        assertEquals(1, initializedCount(), "opened twice: " + lines());
        // shown again, it is a new card: initialized again; the worker's CallCardClose answers at once and closes it
        call("telephony.externalcall.show", Map.of("CALL_ID", callId, "USER_ID", 2)).then().statusCode(200);
        wait.withMessage(() -> "a second initialized in " + lines()).until(d -> initializedCount() == 2);
        cmd("CallCardClose", "{}");
        cmd("CallCardSetCardTitle", "{title: 'after'}");
        waitForLog("CallCardSetCardTitle:[{\"result\":\"error\",\"errorCode\":\"Call card is undefined\"}]");
        assertTrue(lines().indexOf("CallCardClose:[]") >= 0
                && lines().indexOf("CallCardClose:[]") < lines().lastIndexOf("CallCardSetCardTitle:[{\"result\":\"error\","
                + "\"errorCode\":\"Call card is undefined\"}]"), "CallCardClose answered first: " + lines());
        wait.until(d -> given().get(base() + "/_emulator/portals/" + portal.id() + "/cards/" + callId + "/2")
                .then().extract().path("closed").equals(Boolean.TRUE));
        // without ?user= the page is the webhook's user's
        browser.switchTo().defaultContent();
        browser.get(base() + "/_emulator/ui/page?portal=" + portal.id());
        wait.until(ExpectedConditions.textToBe(By.id("sub"), "portal " + portal.id() + " · user 1"));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/cards?user=2&open=true").then().statusCode(200)
                .body("size()", equalTo(0));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/background-workers?user=2").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].form.PLACEMENT", equalTo("PAGE_BACKGROUND_WORKER"))
                .body("[0].form.PLACEMENT_OPTIONS", equalTo("{\"ID\":\"PAGE_BACKGROUND_WORKER\",\"URI\":\"/\"}"));
    }

    private long initializedCount() {
        return lines().stream().filter(l -> l.startsWith("initialized:")).count();
    }

    private void inWorker() {
        browser.switchTo().frame(browser.findElement(By.cssSelector("#frames iframe")));
    }

    private void cmd(String name, String params) {
        ((JavascriptExecutor) browser).executeScript("cmd('" + name + "', " + params + ")");
    }

    private List<String> lines() {
        return browser.findElements(By.cssSelector("#log .entry")).stream().map(e -> e.getText()).toList();
    }

    private void waitForLog(String line) {
        wait.withMessage(() -> "worker log line " + line + " in " + lines()).until(d -> lines().contains(line));
    }

    private String waitForLogStarting(String prefix) {
        wait.withMessage(() -> "worker log line " + prefix + "… in " + lines())
                .until(d -> lines().stream().anyMatch(l -> l.startsWith(prefix)));
        return lines().stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }
}
