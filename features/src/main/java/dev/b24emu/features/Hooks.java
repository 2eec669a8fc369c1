package dev.b24emu.features;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.restassured.RestAssured;
import org.opentest4j.TestAbortedException;

import java.util.Map;

/**
 * Scenario set-up and clean-up: a fresh emulator portal per scenario (or the real portal's webhook); scenarios
 * tagged @emulator-only are skipped against a real portal; calls left open are finished and objects created on a
 * real portal are deleted afterwards.
 */
public class Hooks {
    static {
        // a control API call a step expected to succeed says what the emulator answered: "Expected status code <200>
        // but was <400>" hid "Unknown setting: crmMod" and "advance must be an ISO-8601 duration" (audit 50d)
        RestAssured.config = RestAssured.config().failureConfig(io.restassured.config.FailureConfig.failureConfig()
                .failureListeners((request, expected, response) -> {
                    String asked = request instanceof io.restassured.specification.FilterableRequestSpecification sent
                            ? sent.getMethod() + " " + sent.getURI() : "The request";
                    throw new AssertionError(asked + " answered HTTP " + response.statusCode() + ": "
                            + response.asString());
                }));
    }

    private final ScenarioContext context;

    public Hooks(ScenarioContext context) {
        this.context = context;
    }

    @Before(order = 0)
    public void start(Scenario scenario) {
        String real = Target.realWebhook();
        if (real != null) {
            if (scenario.getSourceTagNames().contains("@emulator-only")) {
                throw new TestAbortedException("Needs the emulator's control API; skipped against a real portal");
            }
            context.webhook = real;
            context.operatorId();
            return;
        }
        Map<String, String> portal = Target.newPortal();
        context.portalId = portal.get("id");
        context.webhook = portal.get("webhookUrl");
        context.emulatorBase = Target.emulator().baseUrl();
        context.operatorId();
    }

    @After
    public void cleanUp() {
        try {
            if (context.ownEmulator != null || context.ownProcess != null) {
                return; // the scenario's own emulator goes below with all it holds (and one that died answers nothing)
            }
            if (context.webhook != null) {
                for (String callId : context.openCalls) {
                    RestAssured.given().contentType("application/json")
                            .body(Map.of("CALL_ID", callId, "USER_ID", context.operatorId()))
                            .post(context.webhook + "telephony.externalcall.finish");
                }
                for (String[] call : context.cleanup) {
                    RestAssured.given().contentType("application/json").body(Map.of("id", call[1]))
                            .post(context.webhook + call[0]);
                }
            }
            if (context.portalId != null) {
                RestAssured.given().delete(context.emulatorBase + "/_emulator/portals/" + context.portalId);
            }
        } finally {
            if (context.handler != null) {
                context.handler.close();
            }
            if (context.ownEmulator != null) {
                context.ownEmulator.close();
            }
            if (context.ownProcess != null) {
                context.ownProcess.close();
            }
        }
    }
}
