package dev.b24emu.emulator.reliability;

import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.testing.HandlerServer;
import dev.b24emu.emulator.support.Servers;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The bound on the OAuth tokens a portal keeps (D121): an application renewing its pair in a loop, or a consent
 * page asked for codes in a loop, cannot fill the heap. Past the bound the oldest token or code of its kind is
 * forgotten and answered as one never issued; the newest ones keep working, and a reset still forgets them all.
 */
class TokenBoundTest extends AppHarness {
    private static final int BOUND = 3;

    /** Hides the harness's start: this class's emulator keeps at most {@link #BOUND} tokens of each kind. */
    @BeforeAll
    static void startEmulator() {
        Servers.Config config = Servers.config();
        config.tokens = BOUND;
        start(config);
    }

    @Test
    void renewingPastTheBoundForgetsTheOldestAccessTokensAndKeepsTheNewest() {
        JsonPath installed = install("renewing.app", List.of("telephony", "user"), null);
        List<String> access = new ArrayList<>(List.of(installed.getString("access_token")));
        String refresh = installed.getString("refresh_token");
        for (int i = 0; i < BOUND + 2; i++) {
            JsonPath renewed = renew("renewing.app", refresh).then().statusCode(200).extract().jsonPath();
            access.add(renewed.getString("access_token"));
            refresh = renewed.getString("refresh_token");
        }
        // a renewal spends its refresh token, so renewals in a loop never reach the refresh tokens' bound
        renew("renewing.app", refresh).then().statusCode(200);
        for (int i = 0; i < access.size(); i++) {
            Response answer = oauth(access.get(i), "user.current", Map.of());
            if (i < access.size() - BOUND + 1) { // the renewal just above issued one more
                answer.then().statusCode(401).body("error", equalTo("invalid_token"));
            } else {
                answer.then().statusCode(200);
            }
        }
    }

    /**
     * The pairs minted for widget openings are bounded apart from the application's own: more openings than the bound
     * leave its pair working, which they had pushed out (D207).
     */
    @Test
    void widgetOpeningsDoNotPushTheApplicationsPairOut() {
        JsonPath installed = install("widget.app", List.of("telephony", "user", "placement"), null);
        String token = installed.getString("access_token");
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/card"))).then()
                .statusCode(200);
        for (int i = 0; i < BOUND + 2; i++) {
            oauth(token, "telephony.externalcall.register", Map.of("USER_ID", 1, "PHONE_NUMBER", "+7999000001" + i,
                    "TYPE", 2)).then().statusCode(200);
            int opened = i + 1;
            handler.await(r -> handler.received().stream().filter(x -> x.path().equals("/card")).count() >= opened,
                    "opening " + opened);
        }
        // a widget renewing its pairs in a loop stays among the delivered ones (audit 61e)
        List<HandlerServer.Received> openings = handler.received().stream().filter(r -> r.path().equals("/card")).toList();
        String widgetRefresh = openings.get(openings.size() - 1).form().path("REFRESH_ID").asText(); // the newest
        for (int i = 0; i < BOUND + 2; i++) {
            widgetRefresh = renew("widget.app", widgetRefresh).then().statusCode(200).extract().path("refresh_token");
        }
        // and a state saved and loaded again keeps them apart (audit 61e: restored together, oldest first)
        String state = given().get(base() + "/_emulator/portals/" + portal.id() + "/state").then().statusCode(200)
                .extract().asString();
        given().contentType("application/json").body(state).put(base() + "/_emulator/portals/" + portal.id() + "/state")
                .then().statusCode(200);
        oauth(token, "user.current", Map.of()).then().statusCode(200);
        renew("widget.app", installed.getString("refresh_token")).then().statusCode(200);
    }

    @Test
    void codesAndTheRefreshTokensTheyBuyAreBoundedToo() {
        JsonPath installed = install("consenting.app", List.of("telephony"), null);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < BOUND + 1; i++) {
            codes.add(given().contentType("application/json")
                    .body(Map.of("clientId", "consenting.app", "userId", 1))
                    .post(base() + "/_emulator/portals/" + portal.id() + "/oauth/authorize")
                    .then().statusCode(200).extract().jsonPath().getString("code"));
        }
        exchange(codes.get(0)).then().statusCode(400).body("error", equalTo("invalid_grant"));
        List<String> refresh = new ArrayList<>();
        for (String code : codes.subList(1, codes.size())) {
            refresh.add(exchange(code).then().statusCode(200).extract().jsonPath().getString("refresh_token"));
        }
        // the installation's pair and three exchanged: the installation's is the oldest of each kind, so forgotten
        renew("consenting.app", installed.getString("refresh_token")).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
        oauth(installed.getString("access_token"), "user.current", Map.of()).then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        renew("consenting.app", refresh.get(0)).then().statusCode(200);

        given().post(base() + "/_emulator/portals/" + portal.id() + "/reset").then().statusCode(200);
        renew("consenting.app", refresh.get(1)).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    private static Response renew(String clientId, String refreshToken) {
        return given().queryParam("grant_type", "refresh_token").queryParam("client_id", clientId)
                .queryParam("client_secret", clientId + "-secret").queryParam("refresh_token", refreshToken)
                .get(base() + "/oauth/token/");
    }

    private static Response exchange(String code) {
        return given().queryParam("grant_type", "authorization_code").queryParam("client_id", "consenting.app")
                .queryParam("client_secret", "consenting.app-secret").queryParam("code", code)
                .get(base() + "/oauth/token/");
    }
}
