package dev.b24emu.emulator.support;

import dev.b24emu.emulator.testing.HandlerServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** HTTP tests with applications: a handler server per test, and helpers to install apps and call as them. */
public abstract class AppHarness extends EmulatorHarness {
    protected HandlerServer handler;

    @BeforeEach
    void startHandler() {
        handler = new HandlerServer();
    }

    /** Every delivery a test's handler received is held to its schema, whatever the test asserted. */
    @AfterEach
    void stopHandler() {
        try {
            handler.assertAllConform();
        } finally {
            handler.close();
        }
    }

    /** Installs an application through the control API; answers the token response. */
    protected JsonPath install(String clientId, List<String> scopes, String handlerUrl) {
        return install(clientId, scopes, handlerUrl, 1);
    }

    /** Installs an application whose tokens act as the given user. */
    protected JsonPath install(String clientId, List<String> scopes, String handlerUrl, long userId) {
        Map<String, Object> spec = new java.util.HashMap<>(Map.of("clientId", clientId, "clientSecret", clientId + "-secret",
                "scopes", scopes, "userId", userId));
        if (handlerUrl != null) {
            spec.put("handlerUrl", handlerUrl);
        }
        return given().contentType(ContentType.JSON).body(spec).post(base() + "/_emulator/portals/" + portal.id() + "/apps")
                .then().statusCode(201).extract().jsonPath();
    }

    protected JsonPath telephonyApp(String clientId) {
        return install(clientId, List.of("telephony", "crm", "user"), null);
    }

    /** A call as an application: OAuth token in ?auth=, parameters as JSON. */
    protected static Response oauth(String token, String method, Map<String, ?> params) {
        return given().contentType(ContentType.JSON).body(params).post(base() + "/rest/" + method + "?auth=" + token);
    }

    protected void bind(String token, String event, String url) {
        oauth(token, "event.bind", Map.of("event", event, "handler", url)).then().statusCode(200);
    }

    protected void advancePortalClock(String duration) {
        given().contentType(ContentType.JSON).body(Map.of("advance", duration))
                .post(base() + "/_emulator/portals/" + portal.id() + "/clock").then().statusCode(200);
    }

    protected void patchSettings(String json) {
        given().contentType(ContentType.JSON).body(json).patch(base() + "/_emulator/portals/" + portal.id() + "/settings")
                .then().statusCode(200);
    }
}
