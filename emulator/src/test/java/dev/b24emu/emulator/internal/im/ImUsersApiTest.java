package dev.b24emu.emulator.internal.im;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.support.AppHarness;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a call card widget shows of the operator and their colleagues (D185): the messenger's users, departments and
 * colleagues. The demo portal's users 1-3 are in department 1 (head 1, "Demo company"), user 4 is dismissed; Customer
 * Support (3, SORT 400) comes before Sales Department (2), headed by users 2 and 3; the webhook acts as user 1.
 */
class ImUsersApiTest extends AppHarness {

    @Test
    void theCallerOrAUserByIdAsTheMessengerDescribesThem() {
        String me = call("im.user.get", Map.of()).then().statusCode(200).body("result.id", equalTo(1))
                .body("result.name", equalTo("Anna Admin")).body("result.desktop_last_date", equalTo(false))
                .body("result", not(hasKey("avatar_hr"))).extract().body().asString();
        assertTrue(me.contains("\"phones\":") && me.indexOf("\"desktop_last_date\"") > me.indexOf("\"phones\""), me);
        // the keys in any case, as a widget's BX24.callMethod('im.user.get', {id: 2}) sends them
        call("im.user.get", Map.of("id", "2", "AVATAR_HR", "Y")).then().statusCode(200).body("result.id", equalTo(2))
                .body("result.first_name", equalTo("Ivan")).body("result.avatar_hr", equalTo(""));
        call("im.user.get", Map.of("ID", 4)).then().statusCode(200).body("result.active", equalTo(false));
        // == 'Y' as PHP compares: " Y" is another string, true is Y
        call("im.user.get", Map.of("ID", 2, "AVATAR_HR", " Y")).then().body("result", not(hasKey("avatar_hr")));
        call("im.user.get", Map.of("ID", 2, "AVATAR_HR", true)).then().body("result.avatar_hr", equalTo(""));
        call("im.user.get", Map.of("ID", "abc")).then().statusCode(400).body("error", equalTo("ID_EMPTY"))
                .body("error_description", equalTo("User ID can't be empty"));
        call("im.user.get", Map.of("ID", 999)).then().statusCode(400).body("error", equalTo("USER_NOT_EXISTS"))
                .body("error_description", equalTo("User is not exists"));
    }

    @Test
    void usersByIdInTheOrderAskedWithNullForOneNotThere() {
        String byId = call("im.user.list.get", Map.of("ID", List.of(3, 999, "3", 1))).then().statusCode(200)
                .body("result.'999'", equalTo(null)).body("result.'3'.name", equalTo("Maria Sales"))
                .body("result.'1'", not(hasKey("desktop_last_date"))).extract().body().asString();
        assertTrue(byId.startsWith("{\"result\":{\"3\":{") && byId.indexOf("\"999\":null") < byId.indexOf("\"1\":{"), byId);
        given().formParam("ID", "[2]").formParam("RESULT_TYPE", "Array").post(webhook + "im.user.list.get").then()
                .statusCode(200).body("result.id", equalTo(List.of(2)));
        call("im.user.list.get", Map.of("ID", 2)).then().statusCode(400).body("error", equalTo("INVALID_FORMAT"))
                .body("error_description", equalTo("A wrong format for the ID field is passed"));
    }

    /** A missing or scalar ID is the server's own refusal in every validation mode, strict too. */
    @Test
    void aWrongIdIsTheServersRefusalInEveryMode() {
        for (String validation : List.of("warn", "strict")) {
            given().contentType(io.restassured.http.ContentType.JSON).body(Map.of("validation", validation))
                    .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
            call("im.user.list.get", Map.of()).then().statusCode(400).body("error", equalTo("INVALID_FORMAT"));
            call("im.department.get", Map.of("ID", 1)).then().statusCode(400).body("error", equalTo("INVALID_FORMAT"));
            call("im.department.employees.get", Map.of("ID", 1)).then().statusCode(400).body("error", equalTo("ID_EMPTY"));
            call("im.user.list.get", Map.of("ID", "[2]")).then().statusCode(200).body("result.'2'.id", equalTo(2));
        }
    }

    @Test
    void departmentsInTheStructuresOrderWithFullNamesAndHeads() {
        int desk = call("department.add", Map.of("NAME", "Help Desk", "PARENT", 3)).then().statusCode(200)
                .extract().path("result");
        call("im.department.get", Map.of("ID", List.of(2, desk, 3, 1, 99))).then().statusCode(200)
                .body("result.id", equalTo(List.of(1, 3, desk, 2)))
                .body("result[2]", equalTo(Map.of("id", desk, "name", "Help Desk",
                        "full_name", "Help Desk / Customer Support / Demo company", "manager_user_id", 0)))
                .body("result[3].manager_user_id", equalTo(3));
        // the head's data; where there is none, the caller's (getInstance(0) is the current user)
        call("im.department.get", Map.of("ID", List.of(2, desk), "USER_DATA", "Y")).then().statusCode(200)
                .body("result.manager_user_data.id", equalTo(List.of(1, 3)));
        call("im.department.get", Map.of("ID", 3)).then().statusCode(400).body("error", equalTo("INVALID_FORMAT"));
    }

    @Test
    void theCallersColleaguesByPagesNeverTheCaller() {
        call("im.department.colleagues.list", Map.of()).then().statusCode(200).body("result", equalTo(List.of(2, 3)))
                .body("total", equalTo(2)).body("$", not(hasKey("next")));
        call("im.department.colleagues.list", Map.of("LIMIT", 1, "USER_DATA", "Y")).then().statusCode(200)
                .body("result.id", equalTo(List.of(2))).body("next", equalTo(1)).body("total", equalTo(2));
        call("im.department.colleagues.list", Map.of("OFFSET", 1)).then().body("result", equalTo(List.of(3)));
        call("im.department.colleagues.list", Map.of("start", 1, "OFFSET", 0, "LIMIT", 500))
                .then().body("result", equalTo(List.of(3)));
        call("im.department.colleagues.list", Map.of("START", 1)).then().body("result", equalTo(List.of(2, 3)));
        // a caller who heads nothing: its department's head first, then the members, and no other department's head
        call("department.update", Map.of("ID", 1, "UF_HEAD", 3)).then().statusCode(200);
        call("department.update", Map.of("ID", 3, "UF_HEAD", 3)).then().statusCode(200);
        call("department.update", Map.of("ID", 2, "UF_HEAD", 2)).then().statusCode(200);
        call("im.department.colleagues.list", Map.of()).then().body("result", equalTo(List.of(3, 2)));
    }

    /**
     * The caller's status (D189): set exactly as one of the four, read back by get and im.user.get, other users left
     * online; idle since AGO minutes ago until the status is set again, and im.user.get's idle false throughout.
     */
    @Test
    void theCallersStatusAsTheMessengerKeepsIt() {
        call("im.user.status.get", Map.of()).then().statusCode(200).body("result", equalTo("online"));
        for (Object refused : List.of("DND", "offline", "", 1, true)) {
            call("im.user.status.set", Map.of("STATUS", refused)).then().statusCode(400)
                    .body("error", equalTo("STATUS_ERROR")).body("error_description", equalTo("Status is not available"));
        }
        call("im.user.status.set", Map.of()).then().statusCode(400).body("error", equalTo("STATUS_ERROR"));
        call("im.user.status.get", Map.of()).then().body("result", equalTo("online"));
        // the method's own check, not only the contract's: with validation off the same values are refused alike
        given().contentType(io.restassured.http.ContentType.JSON).body(Map.of("validation", "off"))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        for (Object refused : List.of("DND", "Online", "", 1, true)) {
            call("im.user.status.set", Map.of("STATUS", refused)).then().statusCode(400).body("error", equalTo("STATUS_ERROR"));
        }
        call("im.user.status.set", Map.of()).then().statusCode(400).body("error", equalTo("STATUS_ERROR"));
        call("im.user.status.get", Map.of()).then().body("result", equalTo("online"));
        given().formParam("status", "dnd").post(webhook + "im.user.status.set").then().statusCode(200)
                .body("result", equalTo(true)); // the key in any case
        call("im.user.status.get", Map.of()).then().body("result", equalTo("dnd"));
        call("im.user.get", Map.of()).then().body("result.status", equalTo("dnd")).body("result.idle", equalTo(false));
        call("im.user.get", Map.of("ID", 2)).then().body("result.status", equalTo("online"));

        idleStart(Map.of(), 10); // 10 minutes without AGO
        idleStart(Map.of("AGO", "abc"), 1); // intval, 1 at least
        idleStart(Map.of("AGO", 30), 30);
        call("im.user.status.idle.start", Map.of("AGO", 1e30)).then().statusCode(200).body("result", equalTo(true));
        assertEquals(java.time.Instant.EPOCH, portal.store(PresenceStore.class).get(1).idle(), "no date before 1970");
        idleStart(Map.of("AGO", 30), 30);
        call("im.user.get", Map.of()).then().body("result.idle", equalTo(false)).body("result.status", equalTo("dnd"));
        call("im.user.status.set", Map.of("STATUS", "break")).then().body("result", equalTo(true));
        assertEquals(null, portal.store(PresenceStore.class).get(1).idle(), "a status set ends idle");
        call("im.user.status.idle.start", Map.of("AGO", 5)).then().statusCode(200);
        call("im.user.status.idle.end", Map.of()).then().statusCode(200).body("result", equalTo(true));
        assertEquals(new Presence(1, "break", null), portal.store(PresenceStore.class).get(1));
    }

    /** A status set is in the portal's state: exported, put back after a reset, and a state without one refused. */
    @Test
    void statusesAreKeptInTheState() throws Exception {
        call("im.user.status.set", Map.of("STATUS", "away")).then().statusCode(200);
        String path = base() + "/_emulator/portals/" + portal.id();
        String state = given().get(path + "/state").then().statusCode(200).extract().asString();
        given().post(path + "/reset").then().statusCode(200);
        call("im.user.status.get", Map.of()).then().body("result", equalTo("online"));
        given().contentType(io.restassured.http.ContentType.JSON).body(state).put(path + "/state").then().statusCode(200);
        call("im.user.status.get", Map.of()).then().body("result", equalTo("away"));
        ObjectNode bad = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(state);
        bad.putObject("presence").putArray("statuses").addObject().put("userId", 2); // no status
        given().contentType(io.restassured.http.ContentType.JSON).body(bad.toString())
                .put(path + "/state").then().statusCode(400)
                .body("error_description", org.hamcrest.Matchers.containsString("/presence/statuses"));
        call("im.user.status.get", Map.of()).then().body("result", equalTo("away"));
    }

    /** idle.start with these parameters marks the caller idle since that many minutes before the call. */
    private void idleStart(Map<String, ?> params, long minutes) {
        java.time.Instant before = portal.now();
        call("im.user.status.idle.start", params).then().statusCode(200).body("result", equalTo(true));
        java.time.Instant after = portal.now();
        java.time.Instant idle = portal.store(PresenceStore.class).get(1).idle();
        java.time.Duration ago = java.time.Duration.ofMinutes(minutes);
        assertTrue(!idle.isBefore(before.minus(ago)) && !idle.isAfter(after.minus(ago)), params + ": idle since " + idle);
    }

    @Test
    void theColourIsTheLastDigitsWithMensReplacementsAndDatesAreIso() {
        assertEquals("#4ba5c3", ImUsers.color(4, ""));
        assertEquals("#29619b", ImUsers.color(14, "M"));
        assertEquals("#ba9c7b", ImUsers.color(7, "M"));
        assertEquals("#728f7a", ImUsers.color(8, "M"));
        assertEquals("#f76187", ImUsers.color(8, "F"));
        assertEquals("#ab7761", ImUsers.color(10, "M"));
        User nameless = new User(5, "", "", "agent@example.com", true, "", "", "", "", User.TimemanStatus.OPENED,
                false, Map.of("LAST_ACTIVITY_DATE", "2026-03-02 09:30:00"), List.of(1L));
        ObjectNode view = ImUsers.of(nameless, ZoneId.of("Europe/Moscow"), Presence.DEFAULT);
        assertEquals("2026-03-02T09:30:00+03:00", view.get("last_activity_date").asText());
        assertEquals("agent@example.com", view.get("name").asText(), "a user without a name is shown by login");
    }
}
