package dev.b24emu.emulator.internal.apps;

import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.testing.HandlerServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** app.option.* and user.option.*: an application's settings on the portal (D131); event.test's ONAPPTEST. */
class AppOptionsTest extends AppHarness {
    /** A second user's token for an installed application, through the authorisation code. */
    private String tokenFor(String clientId, int userId) {
        String code = given().contentType(ContentType.JSON).body(Map.of("clientId", clientId, "userId", userId, "state", "s"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/oauth/authorize").then().statusCode(200)
                .extract().path("code");
        return given().queryParams(Map.of("grant_type", "authorization_code", "client_id", clientId,
                        "client_secret", clientId + "-secret", "code", code))
                .get(base() + "/oauth/token/").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void anApplicationKeepsItsSettingsAndEachUserTheirs() {
        String admin = install("local.pbx", List.of("telephony"), null).getString("access_token");
        String operator = tokenFor("local.pbx", 2);
        oauth(admin, "app.option.get", Map.of()).then().statusCode(200).body("result", equalTo(List.of()));
        oauth(admin, "app.option.set", Map.of("options", Map.of("line", "100", "routes", Map.of("sales", List.of(2, 3)))))
                .then().statusCode(200).body("result", equalTo(true));
        oauth(admin, "app.option.set", Map.of("mode", "auto")).then().statusCode(200); // the request's own keys
        oauth(operator, "app.option.get", Map.of()).then().statusCode(200).body("result.line", equalTo("100"))
                .body("result.routes.sales", equalTo(List.of(2, 3))).body("result.mode", equalTo("auto"));
        oauth(operator, "app.option.get", Map.of("option", "line")).then().body("result", equalTo("100"));
        oauth(operator, "app.option.get", Map.of("option", "none")).then().statusCode(200).body("result", nullValue());
        oauth(admin, "app.option.set", Map.of("options", Map.of("line", "200"))).then().statusCode(200);
        oauth(admin, "app.option.get", Map.of("option", "line")).then().body("result", equalTo("200"));
        // only an administrator writes the application's settings; anyone writes their own
        oauth(operator, "app.option.set", Map.of("options", Map.of("line", "300"))).then().statusCode(403)
                .body("error", equalTo("ACCESS_DENIED"))
                .body("error_description", equalTo("Access denied! Administrator authorization required"));
        oauth(operator, "user.option.set", Map.of("options", Map.of("extension", "101"))).then().statusCode(200)
                .body("result", equalTo(true));
        oauth(operator, "user.option.get", Map.of("option", "extension")).then().body("result", equalTo("101"));
        oauth(admin, "user.option.get", Map.of()).then().body("result", equalTo(List.of()));
        oauth(admin, "app.option.set", Map.of()).then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", equalTo("Argument 'options' is null or empty"))
                .body("argument", equalTo("options")); // ArgumentNullException: its parameter, as RestException answers it
        // a webhook is no application
        call("app.option.get", Map.of()).then().statusCode(403).body("error", equalTo("ACCESS_DENIED"))
                .body("error_description", equalTo("Access denied! Application context required"));
        call("user.option.set", Map.of("options", Map.of("a", "b"))).then().statusCode(403);
        // state files keep them
        String state = given().get(base() + "/_emulator/portals/" + portal.id() + "/state").then().statusCode(200)
                .extract().asString();
        oauth(admin, "app.option.set", Map.of("options", Map.of("line", "999"))).then().statusCode(200);
        given().contentType(ContentType.JSON).body(state).put(base() + "/_emulator/portals/" + portal.id() + "/state")
                .then().statusCode(200);
        oauth(admin, "app.option.get", Map.of("option", "line")).then().body("result", equalTo("200"));
        oauth(operator, "user.option.get", Map.of("option", "extension")).then().body("result", equalTo("101"));
    }

    /** event.test (test-handler.md): ONAPPTEST with the call's parameters, to the calling application only; 1. */
    @Test
    void eventTestSendsOnAppTestToTheCallersHandlers() {
        String app = install("local.tested", List.of("telephony"), null).getString("access_token");
        String other = install("local.other", List.of("telephony"), null).getString("access_token");
        bind(app, "ONAPPTEST", handler.url("/mine"));
        bind(other, "ONAPPTEST", handler.url("/theirs"));
        oauth(app, "event.test", Map.of("any", "data")).then().statusCode(200).body("result", equalTo(1));
        HandlerServer.Received test = handler.awaitEvent("ONAPPTEST");
        assertEquals("/mine", test.path());
        assertEquals("data", test.form().path("data").path("QUERY").path("any").asText());
        assertEquals("en", test.form().path("data").path("LANGUAGE_ID").asText());
        oauth(other, "event.test", Map.of("n", 2)).then().statusCode(200);
        handler.await(r -> r.path().equals("/theirs"), "the other application's own test");
        assertEquals(List.of("/mine", "/theirs"), handler.received().stream().map(HandlerServer.Received::path).toList(),
                "each application's test went to its own handler only");
        call("event.test", Map.of()).then().statusCode(403).body("error", equalTo("WRONG_AUTH_TYPE"));
    }
}
