package dev.b24emu.emulator.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.support.AppHarness;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad and huge state documents, and requests that would grow the journal without bound (issue #17, items 6, 7 and 8).
 */
class StateAndMemoryAttackTest extends AppHarness {
    @Test
    void bigParameterValuesAreCutInTheJournalAndSecretsHidden() {
        String fiveMegabytes = "A".repeat(5 * 1024 * 1024);
        call("telephony.externalCall.attachRecord", Map.of("CALL_ID", "externalCall.none.1", "FILENAME", "a.mp3",
                "FILE_CONTENT", fiveMegabytes)).then().statusCode(400);
        given().get(webhook + "user.current?access_token=not-for-the-journal&client_secret=not-for-the-journal")
                .then().statusCode(200);
        List<Map<String, Object>> journal = given().get(base() + "/_emulator/portals/" + portal.id() + "/requests")
                .then().extract().path("$");
        String content = (String) ((Map<?, ?>) journal.get(0).get("params")).get("FILE_CONTENT");
        assertTrue(content.length() < 2048 && content.contains("5242880 characters, cut by the journal"), content.substring(0, 80));
        assertEquals("(hidden)", ((Map<?, ?>) journal.get(1).get("params")).get("client_secret"));
        String whole = given().get(base() + "/_emulator/portals/" + portal.id() + "/requests").then().extract().asString();
        assertTrue(!whole.contains("not-for-the-journal"), whole);
    }

    @Test
    void aBadStateDocumentIsRefusedNamingThePathAndTheOldStateStays() {
        String path = base() + "/_emulator/portals/" + portal.id() + "/state";
        call("crm.lead.add", Map.of("fields", Map.of("TITLE", "Keep me"))).then().statusCode(200);
        install("local.keep", List.of("telephony"), null);
        ObjectNode good = (ObjectNode) JSON.valueToTree(given().get(path).then().extract().as(Map.class));

        ObjectNode nullUser = good.deepCopy();
        ((ArrayNode) nullUser.at("/users/users")).set(0, JSON.nullNode());
        given().contentType(ContentType.JSON).body(nullUser.toString()).put(path).then().statusCode(400)
                .body("error_description", containsString("/users/users/0"));

        ObjectNode badAppKey = good.deepCopy();
        ((ObjectNode) badAppKey.at("/apps/apps/0")).put("appKey", "not-a-number");
        given().contentType(ContentType.JSON).body(badAppKey.toString()).put(path).then().statusCode(400)
                .body("error_description", containsString("appKey"));

        ObjectNode nullToken = good.deepCopy();
        ObjectNode access = (ObjectNode) nullToken.at("/apps/tokens/access");
        access.set(access.fieldNames().next(), JSON.nullNode());
        given().contentType(ContentType.JSON).body(nullToken.toString()).put(path).then().statusCode(400)
                .body("error_description", containsString("/apps/tokens/access"));

        ObjectNode unknown = good.deepCopy();
        unknown.put("surprise", 1);
        given().contentType(ContentType.JSON).body(unknown.toString()).put(path).then().statusCode(400)
                .body("error_description", containsString("surprise"));

        call("crm.lead.list", Map.of("filter", Map.of("TITLE", "Keep me"))).then().body("total", equalTo(1));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/apps").then().body("size()", equalTo(1));
    }

    /**
     * A token names its portal: the same state file loaded into a second portal took the first one's tokens over, and
     * its application then wrote to the second portal and lost its tokens when that portal was deleted.
     */
    @Test
    void aStateFileCannotTakeTheTokensAnotherPortalHolds() throws Exception {
        String token = install("local.owner", List.of("im", "user"), null).getString("access_token");
        String exported = given().get(base() + "/_emulator/portals/" + portal.id() + "/state").then().extract().asString();
        var other = newPortal();
        String otherState = base() + "/_emulator/portals/" + other.id() + "/state";
        given().contentType(ContentType.JSON).body(exported).put(otherState).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", containsString("/apps/tokens/access/" + token + ": portal " + portal.id()
                        + " holds this token"));
        ObjectNode withoutTokens = (ObjectNode) JSON.readTree(exported);
        ((ObjectNode) withoutTokens.at("/apps")).remove("tokens");
        given().contentType(ContentType.JSON).body(withoutTokens.toString()).put(otherState).then().statusCode(200);

        oauth(token, "im.user.status.set", Map.of("STATUS", "dnd")).then().statusCode(200);
        given().delete(base() + "/_emulator/portals/" + other.id()).then().statusCode(200);
        oauth(token, "im.user.status.get", Map.of()).then().statusCode(200).body("result", equalTo("dnd"));
        String ownState = base() + "/_emulator/portals/" + portal.id() + "/state";
        given().contentType(ContentType.JSON).body(exported).put(ownState).then().statusCode(200); // its own: loads
        oauth(token, "user.current", Map.of()).then().statusCode(200);
    }

    /**
     * A placement row without its code, handler or application was taken, and every later bind, register with SHOW
     * and worker listing answered 500 (the register after storing the call); an ID past lastId or given twice let the
     * next bind overwrite a handler; a time no clock shows stopped the slow-load count from ever starting afresh.
     */
    @Test
    void aStateFilesPlacementsMustBeWholeAndTheirIdsTheirOwn() {
        String token = install("local.rows", List.of("placement", "telephony"), null).getString("access_token");
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", "http://127.0.0.1:9/card"))
                .then().statusCode(200);
        String path = base() + "/_emulator/portals/" + portal.id() + "/state";
        ObjectNode good = (ObjectNode) JSON.valueToTree(given().get(path).then().extract().as(Map.class));
        String[][] bad = {{"placement", null}, {"handler", null}, {"appKey", null}, {"placement", "call_card"},
                {"id", "99"}};
        for (String[] change : bad) {
            ObjectNode doc = good.deepCopy();
            ObjectNode row = (ObjectNode) doc.at("/placements/placements/0");
            if (change[1] == null) {
                row.remove(change[0]);
            } else if (change[0].equals("id")) {
                row.put("id", Long.parseLong(change[1]));
            } else {
                row.put(change[0], change[1]);
            }
            given().contentType(ContentType.JSON).body(doc.toString()).put(path).then().statusCode(400)
                    .body("error_description", containsString("/placements/placements/0"));
        }
        ObjectNode twice = good.deepCopy();
        ((ArrayNode) twice.at("/placements/placements")).add(twice.at("/placements/placements/0").deepCopy());
        given().contentType(ContentType.JSON).body(twice.toString()).put(path).then().statusCode(400)
                .body("error_description", containsString("appears twice"));
        ObjectNode never = good.deepCopy();
        ((ObjectNode) never.at("/placements")).put("overtimeResetAt", "+99999-01-01T00:00:00Z");
        given().contentType(ContentType.JSON).body(never.toString()).put(path).then().statusCode(400)
                .body("error_description", containsString("/placements/overtimeResetAt"));

        given().contentType(ContentType.JSON).body(good.toString()).put(path).then().statusCode(200);
        call("telephony.externalcall.register", Map.of("USER_ID", 1, "PHONE_NUMBER", "+79990001122", "TYPE", 2,
                "SHOW", 1)).then().statusCode(200);
        oauth(token, "placement.get", Map.of()).then().statusCode(200).body("result.size()", equalTo(1));
    }

    /** 20,000 users in one import: indexed as they come, so the import takes seconds, not minutes. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aLargeUserImportFinishesAndOtherPortalsKeepAnswering() {
        String path = base() + "/_emulator/portals/" + portal.id() + "/state";
        ObjectNode state = (ObjectNode) JSON.valueToTree(given().get(path).then().extract().as(Map.class));
        ArrayNode users = (ArrayNode) state.at("/users/users");
        JsonNode template = users.get(1);
        for (int id = 100; id < 20_100; id++) {
            users.add(((ObjectNode) template.deepCopy()).put("id", id).put("innerPhone", String.valueOf(10_000 + id))
                    .put("email", "user" + id + "@example.com"));
        }
        given().contentType(ContentType.JSON).body(state.toString()).put(path).then().statusCode(200);
        call("telephony.externalcall.register", Map.of("USER_PHONE_INNER", "30099", "PHONE_NUMBER", "+79990000001", "TYPE", 2))
                .then().statusCode(200);
        given().get(base() + "/_emulator/health").then().statusCode(200).time(lessThan(5000L));
    }

    @Test
    void badStateFilesAndSeedsStopTheStartWithAMessageNotAStackTrace(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state.json");
        String portal = "{\"id\":\"a\",\"webhook\":{\"userId\":1,\"token\":\"t1\"}}";
        Files.writeString(state, "{\"format\":\"b24-emulator-state/2\",\"portals\":[" + portal + "," + portal + "]}");
        assertStartRefused(List.of("--state-file", state.toString()), "appears twice");
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"users\":[],\"leadz\":[]}");
        assertStartRefused(List.of("--seed", seed.toString()), "leadz");
    }

    private static void assertStartRefused(List<String> args, String mentioning) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.b24emu.emulator.cli.Main", "--port", "0", "--https-port", "-1"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains(mentioning) && !output.contains("\tat "), output);
    }
}
