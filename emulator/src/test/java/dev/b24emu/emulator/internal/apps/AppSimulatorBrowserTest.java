package dev.b24emu.emulator.internal.apps;

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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The application simulator in headless Chromium: an unmodified installation wizard (test resource
 * sample-install.html) runs in it through the BX24 shim, saves a setting and calls BX24.installFinish(), and the
 * application is installed, with ONAPPINSTALL to the handler it bound.
 */
class AppSimulatorBrowserTest extends AppHarness {
    @RegisterExtension
    final HeadlessChromium.Session chromium = new HeadlessChromium.Session();
    private WebDriver browser;


    @Test
    void aWizardFinishesTheInstallationWithBx24InstallFinish() throws Exception {
        browser = chromium.start();
        handler.page("/install", sample());
        io.restassured.path.json.JsonPath installed = given().contentType("application/json").body(Map.of(
                        "clientId", "local.wizard", "clientSecret", "s", "scopes", List.of("telephony", "user"),
                        "installUrl", handler.url("/install")))
                .post(base() + "/_emulator/portals/" + portal.id() + "/apps").then().statusCode(201).extract().jsonPath();
        String appId = installed.getString("app_id");
        String token = installed.getString("access_token");
        oauth(token, "event.bind", Map.of("event", "ONAPPINSTALL", "handler", handler.url("/events"))).then().statusCode(200);
        oauth(token, "app.info", Map.of()).then().body("result.INSTALLED", equalTo(false));
        // installation-finish.md: until installFinish an administrator sees the wizard, anyone else the portal's notice
        given().get(base() + "/_emulator/portals/" + portal.id() + "/apps/" + appId + "/page").then()
                .statusCode(200).body("installed", equalTo(false)).body("isAdmin", equalTo(true))
                .body("form.PLACEMENT", equalTo("DEFAULT")).body("url", org.hamcrest.Matchers.startsWith(handler.url("/install")));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/apps/" + appId + "/page?user=2").then()
                .statusCode(200).body("installed", equalTo(false)).body("isAdmin", equalTo(false))
                .body("url", org.hamcrest.Matchers.nullValue())
                .body("notice", org.hamcrest.Matchers.startsWith("The application is not fully installed yet."));

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(base() + "/_emulator/ui/app?portal=" + portal.id() + "&app=" + appId);
        wait.until(ExpectedConditions.textToBe(By.id("state"), "installing: waiting for BX24.installFinish()"));
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("app"));
        wait.until(ExpectedConditions.textToBe(By.id("placement"), "DEFAULT"));
        wait.until(ExpectedConditions.textToBe(By.id("admin"), "true"));
        wait.until(ExpectedConditions.textToBe(By.id("interface"), "0/0")); // the application's own link: none
        browser.findElement(By.id("finish")).click();
        wait.until(ExpectedConditions.textToBe(By.id("saved"), "saved"));
        browser.switchTo().defaultContent();
        wait.until(ExpectedConditions.textToBe(By.id("state"), "installed"));
        // the command is in the page's log as the others are, and the header names the user (audit 50a)
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"),
                "BX24.installFinish(): the portal marked the application installed and sent ONAPPINSTALL"));
        org.junit.jupiter.api.Assertions.assertEquals("portal " + portal.id() + " · user 1 (who installed it)",
                browser.findElement(By.id("sub")).getText());
        java.nio.file.Files.write(java.nio.file.Path.of("target", "app-simulator.png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));

        oauth(token, "app.info", Map.of()).then().body("result.INSTALLED", equalTo(true));
        oauth(token, "app.option.get", Map.of("option", "pbx")).then().body("result", equalTo("pbx.example:5060"));
        handler.awaitEvent("ONAPPINSTALL");
    }

    /** Once the wizard calls installFinish, the portal opens the application itself: its handler page. */
    @Test
    void afterInstallFinishTheApplicationsOwnPageOpens() throws Exception {
        browser = chromium.start();
        handler.page("/install", sample());
        handler.page("/main", "<!doctype html><title>Main</title><p id=\"main\">the application</p>");
        String appId = given().contentType("application/json").body(Map.of("clientId", "local.two", "clientSecret", "s",
                        "scopes", List.of("user"), "installUrl", handler.url("/install"), "handlerUrl", handler.url("/main")))
                .post(base() + "/_emulator/portals/" + portal.id() + "/apps").then().statusCode(201).extract().path("app_id");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(base() + "/_emulator/ui/app?portal=" + portal.id() + "&app=" + appId);
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("app"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("finish"))).click();
        browser.switchTo().defaultContent();
        wait.until(ExpectedConditions.textToBe(By.id("state"), "installed"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("widget-title"), handler.url("/main")));
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("app"));
        wait.until(ExpectedConditions.textToBe(By.id("main"), "the application"));
        browser.switchTo().defaultContent();
        given().get(base() + "/_emulator/portals/" + portal.id() + "/apps/" + appId + "/page?user=2").then()
                .statusCode(200).body("installed", equalTo(true)).body("notice", org.hamcrest.Matchers.nullValue())
                .body("url", org.hamcrest.Matchers.startsWith(handler.url("/main")));
    }

    @Test
    void anApplicationWithoutAPageIsSaidSo() {
        String appId = install("local.api", List.of("user"), null).getString("app_id");
        given().get(base() + "/_emulator/portals/" + portal.id() + "/apps/" + appId + "/page").then().statusCode(400)
                .body("error_description", org.hamcrest.Matchers.containsString("has no page"));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/apps/nobody/page").then().statusCode(404);
    }

    /** The simulators opened without their query say what the address needs, and ask the control API nothing. */
    @Test
    void theSimulatorsOpenedWithoutTheirQuerySayWhatTheyNeed() throws Exception {
        browser = chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        browser.get(base() + "/_emulator/ui/call-card");
        wait.until(d -> d.findElement(By.id("problem")).getText().startsWith("Add ?call=CALL_ID&user=N to the address"));
        org.junit.jupiter.api.Assertions.assertFalse(browser.findElement(By.id("btn-close")).isEnabled());
        // a call the portal has no card of: said once, and its buttons are off as well (each click said it again)
        browser.get(base() + "/_emulator/ui/call-card?portal=" + portal.id() + "&call=externalCall.nope&user=1");
        wait.until(d -> d.findElement(By.id("problem")).getText().contains("externalCall.nope"));
        wait.until(d -> !d.findElement(By.id("btn-close")).isEnabled() && !d.findElement(By.id("btn-connected")).isEnabled());
        browser.get(base() + "/_emulator/ui/app");
        wait.until(d -> d.findElement(By.id("problem")).getText().startsWith("Add ?app=APP_ID"));
    }

    private static String sample() throws IOException {
        try (InputStream in = AppSimulatorBrowserTest.class.getResourceAsStream("/ui/sample-install.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{EMULATOR}}", base());
        }
    }
}
