package dev.b24emu.features;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.util.Map;

/**
 * Steps for the portal's own telephony (voximplant.*) that need the emulator's control API (scenarios tag them
 * @emulator-only): rented numbers, the telephony settings, rights, the SIP registrar and calls a client or an
 * employee starts on a line.
 */
public class TelephonySteps {
    private final ScenarioContext ctx;

    public TelephonySteps(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    private String control(String path) {
        if (ctx.emulatorBase == null) {
            throw new AssertionError("This step needs the emulator: tag the scenario @emulator-only");
        }
        return ctx.controlPath("/voximplant" + path);
    }

    private static void ok(Response response, int status) {
        response.then().statusCode(status);
    }

    @Given("the portal rents the number {string}")
    public void rent(String number) {
        ok(RestAssured.given().contentType("application/json").body(Map.of("number", number)).post(control("/numbers")), 201);
    }

    /** A JSON patch of the settings: sipConnector, infocallMonthlyLimit, callee, callees, userGetConfirmation, ... */
    @Given("the built-in telephony settings are:")
    public void settings(String json) {
        ok(RestAssured.given().contentType("application/json").body(Values.substitute(json, ctx.remembered))
                .patch(control("/settings")), 200);
    }

    @Given("user {int} has the telephony right {string} {string}")
    public void right(int userId, String right, String level) {
        ok(RestAssured.given().contentType("application/json").body(Map.of("rights", Map.of(right, level)))
                .patch(control("/users/" + userId)), 200);
    }

    /** {"result": "error", "statusCode": 502, "errorMessage": "...", "lost": false} for a cloud PBX. */
    @When("the SIP registrar answers for REG_ID {string}:")
    public void registrar(String regId, String json) {
        ok(RestAssured.given().contentType("application/json").body(Values.substitute(json, ctx.remembered))
                .patch(control("/sip/" + Values.substitute(regId, ctx.remembered) + "/registration")), 200);
    }

    /** {"direction", "line", "phoneNumber", "userId", "callee"}; the call's CALL_ID is remembered under the name. */
    @When("a built-in call {string} starts with:")
    public void builtInCall(String name, String json) {
        Response response = RestAssured.given().contentType("application/json")
                .body(Values.substitute(json, ctx.remembered)).post(control("/calls"));
        ok(response, 201);
        ctx.remembered.put(name, response.jsonPath().getString("CALL_ID"));
    }
}
