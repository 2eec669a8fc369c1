package dev.b24emu.emulator.internal.placements;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A background worker that loads slowly (D193): the portal page's reports are counted in the handler's OPTIONS, afresh
 * once the portal's day of counting is over, and the eleventh in a day removes the binding and tells its
 * errorHandlerUrl.
 */
class BackgroundWorkersTest extends AppHarness {

    @Test
    void theEleventhSlowLoadOfADayRemovesTheWorkerAndTellsItsErrorHandler() {
        String token = install("local.webrtc", List.of("telephony", "placement"), null).getString("access_token");
        oauth(token, "placement.bind", Map.of("PLACEMENT", "PAGE_BACKGROUND_WORKER", "HANDLER", handler.url("/worker"),
                "OPTIONS", Map.of("errorHandlerUrl", handler.url("/worker-error")))).then().statusCode(200);
        String workers = base() + "/_emulator/portals/" + portal.id() + "/background-workers";
        int id = given().get(workers).then().statusCode(200).extract().path("[0].placementId");
        for (int i = 1; i <= 10; i++) {
            slowLoad(workers, id).then().statusCode(200).body("count", equalTo(i)).body("removed", equalTo(false));
        }
        // the count is the handler's own option, as placement.get shows it
        oauth(token, "placement.get", Map.of()).then().body("result[0].options.maxTimeCount", equalTo(10))
                .body("result[0].options.errorHandlerUrl", equalTo(handler.url("/worker-error")));
        // a day later on the portal's clock it starts again
        given().contentType(ContentType.JSON).body(Map.of("advance", "PT25H"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/clock").then().statusCode(200);
        slowLoad(workers, id).then().body("count", equalTo(1));
        for (int i = 2; i <= 10; i++) {
            slowLoad(workers, id).then().body("count", equalTo(i));
        }
        slowLoad(workers, id).then().statusCode(200).body("count", equalTo(11)).body("removed", equalTo(true));
        var notice = handler.await(r -> r.path().equals("/worker-error"), "the error handler's notice");
        assertEquals("ERROR_PLACEMENT_LOADING_OVERTIME", notice.form().path("error").asText());
        assertEquals("", notice.form().path("auth").asText(""), "told without auth");
        given().get(workers).then().body("size()", equalTo(0));
        slowLoad(workers, id).then().statusCode(404).body("error", equalTo("PLACEMENT_NOT_FOUND"))
                .body("error_description", equalTo("No background worker " + id));
    }

    /**
     * The server keeps USER_ID only above 0, so a negative one is the handler for everyone: it counted as nobody's,
     * and -1, -2, ... bound as many workers as the bound of handlers allows, each loading for no one.
     */
    @Test
    void aNegativeUserIdBindsTheWorkerForEveryone() {
        String token = install("local.minus", List.of("telephony", "placement"), null).getString("access_token");
        Map<String, Object> options = Map.of("errorHandlerUrl", handler.url("/worker-error"));
        oauth(token, "placement.bind", Map.of("PLACEMENT", "PAGE_BACKGROUND_WORKER", "HANDLER", handler.url("/w1"),
                "USER_ID", -5, "OPTIONS", options)).then().statusCode(200);
        oauth(token, "placement.bind", Map.of("PLACEMENT", "PAGE_BACKGROUND_WORKER", "HANDLER", handler.url("/w2"),
                "USER_ID", -6, "OPTIONS", options)).then().statusCode(400)
                .body("error", equalTo("ERROR_PLACEMENT_MAX_COUNT"));
        oauth(token, "placement.get", Map.of()).then().body("result[0].userId", equalTo(0));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/background-workers?user=2").then()
                .body("size()", equalTo(1));
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/card"), "USER_ID", 2))
                .then().statusCode(400).body("error_description", equalTo("User mode is not available."));
    }

    /** A state file's worker holds what a bind and the count write, or is refused, the portal's state unchanged. */
    @Test
    void aStateFilesWorkerOptionsAreChecked() throws Exception {
        String token = install("local.webrtc", List.of("telephony", "placement"), null).getString("access_token");
        oauth(token, "placement.bind", Map.of("PLACEMENT", "PAGE_BACKGROUND_WORKER", "HANDLER", handler.url("/worker"),
                "OPTIONS", Map.of("errorHandlerUrl", handler.url("/worker-error"), "maxTimeCount", 10))).then().statusCode(200);
        // a bind keeps the declared errorHandlerUrl alone: the application cannot set the count
        oauth(token, "placement.get", Map.of()).then().body("result[0].options.maxTimeCount", equalTo(null));
        String path = base() + "/_emulator/portals/" + portal.id() + "/state";
        var state = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(given().get(path).then().statusCode(200).extract().asString());
        var options = (com.fasterxml.jackson.databind.node.ObjectNode) state.path("placements").path("placements").get(0)
                .path("options");
        options.put("maxTimeCount", "abc");
        given().contentType(ContentType.JSON).body(state.toString()).put(path).then().statusCode(400)
                .body("error_description", org.hamcrest.Matchers.containsString("/placements/placements/0/options"));
        options.put("maxTimeCount", 3);
        given().contentType(ContentType.JSON).body(state.toString()).put(path).then().statusCode(200);
        String workers = base() + "/_emulator/portals/" + portal.id() + "/background-workers";
        int id = given().get(workers).then().extract().path("[0].placementId");
        // the state's portal had not begun a day of counting (overtimeResetAt null): afresh, as setLongLoadAction does
        slowLoad(workers, id).then().body("count", equalTo(1));
        slowLoad(workers, id).then().body("count", equalTo(2));
    }

    private static io.restassured.response.Response slowLoad(String workers, int id) {
        return given().contentType(ContentType.JSON).body("{}").post(workers + "/" + id + "/slow-load");
    }
}
