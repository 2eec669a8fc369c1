package dev.b24emu.emulator.internal.timeman;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** timeman.* on the portal's clock: a user's work day opened, paused, continued, closed, and what telephony shows. */
class TimemanApiTest extends AppHarness {
    /** The clock stands still at 08:00 UTC on a day after the seed's, so the seeded open days have expired. */
    @BeforeEach
    void morning() {
        clock(Map.of("freeze", true));
        clock(Map.of("set", "2090-03-01T08:00:00Z"));
    }

    private void clock(Map<String, ?> body) {
        given().contentType(ContentType.JSON).body(body)
                .post(base() + "/_emulator/portals/" + portal.id() + "/clock").then().statusCode(200);
    }

    /** Adds (or replaces) a user through the control API with that TIMEMAN_STATUS. */
    private void user(int id, String status) {
        given().contentType(ContentType.JSON).body(Map.of("ID", id, "NAME", "Worker" + id, "TIMEMAN_STATUS", status))
                .post(base() + "/_emulator/portals/" + portal.id() + "/users").then().statusCode(201)
                .body("TIMEMAN_STATUS", equalTo(status));
    }

    private ValidatableResponse day(String method, Map<String, ?> params) {
        return call(method, params).then().statusCode(200);
    }

    @Test
    void aDayOpensPausesContinuesAndClosesOnThePortalClock() {
        user(5, "CLOSED");
        // never opened: the status alone
        day("timeman.status", Map.of("USER_ID", 5)).body("result", equalTo(Map.of("STATUS", "CLOSED")));
        day("timeman.open", Map.of("USER_ID", 5)).body("result.STATUS", equalTo("OPENED"))
                .body("result.TIME_START", equalTo("2090-03-01T08:00:00+00:00")).body("result.TIME_FINISH", nullValue())
                .body("result.DURATION", equalTo("00:00:00")).body("result.ACTIVE", equalTo(true))
                .body("result.IP_OPEN", equalTo("")).body("result.TZ_OFFSET", equalTo(0))
                .body("result.LAT_CLOSE", equalTo(0)) // PHP's json_encode of doubleval(''): no fraction
                .body("result", not(hasKey("TIME_FINISH_DEFAULT")));
        // opening an open day changes nothing
        clock(Map.of("advance", "PT2H"));
        day("timeman.open", Map.of("USER_ID", 5)).body("result.TIME_START", equalTo("2090-03-01T08:00:00+00:00"));
        day("timeman.pause", Map.of("USER_ID", 5)).body("result.STATUS", equalTo("PAUSED"))
                .body("result.TIME_FINISH", nullValue()).body("result.DURATION", equalTo("00:00:00"))
                .body("result.TIME_LEAKS", equalTo("00:00:00"));
        // the break is counted when work continues
        clock(Map.of("advance", "PT30M"));
        day("timeman.open", Map.of("USER_ID", 5)).body("result.STATUS", equalTo("OPENED"))
                .body("result.TIME_LEAKS", equalTo("00:30:00"));
        clock(Map.of("advance", "PT5H30M"));
        day("timeman.close", Map.of("USER_ID", 5, "LAT", 53.5, "LON", "9.98")).body("result.STATUS", equalTo("CLOSED"))
                .body("result.TIME_FINISH", equalTo("2090-03-01T16:00:00+00:00"))
                .body("result.DURATION", equalTo("07:30:00")).body("result.TIME_LEAKS", equalTo("00:30:00"))
                .body("result.IP_CLOSE", equalTo("127.0.0.1")).body("result.LAT_CLOSE", equalTo(53.5f))
                .body("result.LON_CLOSE", equalTo(9.98f));
        // closing a closed day changes nothing; a day closed today is continued, the time since the close a break
        clock(Map.of("advance", "PT1H"));
        day("timeman.close", Map.of("USER_ID", 5)).body("result.TIME_FINISH", equalTo("2090-03-01T16:00:00+00:00"));
        day("timeman.open", Map.of("USER_ID", 5)).body("result.STATUS", equalTo("OPENED"))
                .body("result.TIME_START", equalTo("2090-03-01T08:00:00+00:00"))
                .body("result.TIME_LEAKS", equalTo("01:30:00")).body("result.TIME_FINISH", nullValue());
        // past midnight the open day has expired: closed only at a TIME of its own date
        clock(Map.of("advance", "PT10H"));
        day("timeman.status", Map.of("USER_ID", 5)).body("result.STATUS", equalTo("EXPIRED"))
                .body("result.TIME_FINISH_DEFAULT", equalTo("2090-03-01T18:00:00+00:00"));
        call("timeman.close", Map.of("USER_ID", 5)).then().statusCode(400)
                .body("error", equalTo("WD_EXPIRED")).body("error_description", equalTo("Workday is expired"));
        day("timeman.open", Map.of("USER_ID", 5)).body("result.STATUS", equalTo("EXPIRED"));
        day("timeman.close", Map.of("USER_ID", 5, "TIME", "2090-03-01T19:00:00+00:00", "REPORT", "forgot"))
                .body("result.STATUS", equalTo("CLOSED")).body("result.TIME_FINISH", equalTo("2090-03-01T19:00:00+00:00"))
                .body("result.DURATION", equalTo("09:30:00")).body("result.ACTIVE", equalTo(false));
        // the next morning's open starts a new day
        day("timeman.open", Map.of("USER_ID", 5)).body("result.TIME_START", equalTo("2090-03-02T03:00:00+00:00"))
                .body("result.TIME_LEAKS", equalTo("00:00:00")).body("result.ACTIVE", equalTo(true));
    }

    @Test
    void timeIsReadInItsOwnOffsetAndMustFallOnTheDay() {
        user(5, "CLOSED");
        call("timeman.open", Map.of("USER_ID", 5, "TIME", "1 March 2090")).then().statusCode(400)
                .body("error", equalTo("WRONG_DATETIME_FORMAT")).body("error_description", equalTo("Wrong datetime format"));
        call("timeman.open", Map.of("USER_ID", 5, "TIME", "2090-03-02T08:00:00+00:00")).then().statusCode(400)
                .body("error", equalTo("WRONG_DATETIME"))
                .body("error_description", equalTo("Day open date should correspond to the current date"));
        // 10:00 at +03:00 is an hour before now: past the allowed delta, the day awaits confirmation
        day("timeman.open", Map.of("USER_ID", 5, "TIME", "2090-03-01T10:00:00+03:00", "REPORT", "late entry"))
                .body("result.TIME_START", equalTo("2090-03-01T10:00:00+03:00")).body("result.TZ_OFFSET", equalTo(10800))
                .body("result.ACTIVE", equalTo(false));
        day("timeman.pause", Map.of("USER_ID", 5));
        call("timeman.open", Map.of("USER_ID", 5, "TIME", "2090-03-01T11:00:00+03:00")).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT")).body("argument", equalTo("TIME"))
                .body("error_description", equalTo("Unable to set time, work day is paused"));
        call("timeman.close", Map.of("USER_ID", 5, "TIME", "2090-03-02T09:00:00+03:00", "REPORT", "x")).then()
                .statusCode(400).body("error", equalTo("WRONG_DATETIME"))
                .body("error_description", equalTo("Day close date should correspond to the day open date"));
        // a TIME in another offset is written in the day's; a paused day's time since the pause is a break
        day("timeman.close", Map.of("USER_ID", 5, "TIME", "2090-03-01T15:00:00Z", "REPORT", "x"))
                .body("result.TIME_FINISH", equalTo("2090-03-01T18:00:00+03:00"))
                .body("result.DURATION", equalTo("01:00:00")).body("result.TIME_LEAKS", equalTo("07:00:00"));
    }

    @Test
    void aTimeWithoutAReportIsADeviationThatStrictModeRefuses() {
        user(5, "CLOSED");
        call("timeman.open", Map.of("USER_ID", 5, "TIME", "2090-03-01T08:05:00+00:00")).then().statusCode(200)
                .header("X-B24-Emulator-Warning", containsString("TIME without a REPORT"))
                .body("result.ACTIVE", equalTo(true));
        patchSettings("{\"validation\": \"strict\"}");
        call("timeman.close", Map.of("USER_ID", 5, "TIME", "2090-03-01T08:00:00+00:00")).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT"));
        day("timeman.status", Map.of("USER_ID", 5)).body("result.STATUS", equalTo("OPENED"));
        // a TIME before the day's start: the server's stop fails silently; reported, refused in strict mode
        call("timeman.close", Map.of("USER_ID", 5, "TIME", "2090-03-01T07:00:00+00:00", "REPORT", "x")).then()
                .statusCode(400).body("error_description", containsString("before the work day's start"));
        day("timeman.status", Map.of("USER_ID", 5)).body("result.STATUS", equalTo("OPENED"));
    }

    @Test
    void anotherUsersDayNeedsAnAdministratorAndAnExistingUser() {
        String ivan = install("local.timeman", List.of("timeman"), null, 2).getString("access_token");
        oauth(ivan, "timeman.status", Map.of("USER_ID", 3)).then().statusCode(403).body("error", equalTo("ACCESS_DENIED"))
                .body("error_description", equalTo("Access denied! User does not have access to managing other users work time"));
        oauth(ivan, "timeman.status", Map.of()).then().statusCode(200).body("result.STATUS", equalTo("EXPIRED"));
        oauth(ivan, "timeman.settings", Map.of()).then().statusCode(200).body("result.UF_TIMEMAN", equalTo(true))
                .body("result.UF_TM_MAX_START", equalTo("09:15:00")).body("result.UF_TM_ALLOWED_DELTA", equalTo("00:15:00"))
                .body("result.ADMIN", equalTo(false));
        call("timeman.status", Map.of("USER_ID", 99)).then().statusCode(400).body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("User not found"));
        call("timeman.settings", Map.of("USER_ID", 3)).then().statusCode(200).body("result", not(hasKey("ADMIN")));
        call("timeman.settings", Map.of()).then().statusCode(200).body("result.ADMIN", equalTo(true));
        // a user without time tracking (user.add makes one): UF_TIMEMAN false and no limits
        int added = call("user.add", Map.of("EMAIL", "new@demo.bitrix24.local", "UF_DEPARTMENT", 1)).then()
                .statusCode(200).extract().path("result");
        call("timeman.settings", Map.of("USER_ID", added)).then().body("result.UF_TIMEMAN", equalTo(false))
                .body("result.UF_TM_MAX_START", equalTo("00:00:00"));
    }

    @Test
    void searchCrmEntitiesAndTheControlApiShowTheDayAsItStands() {
        // Ivan, responsible for the demo contact, opened his day when the portal was seeded: it has expired since
        ValidatableResponse search = call("telephony.externalCall.searchCrmEntities", Map.of("PHONE_NUMBER", "+79990000001"))
                .then().statusCode(200);
        search.body("result[0].ASSIGNED_BY.ID", equalTo("2")).body("result[0].ASSIGNED_BY.TIMEMAN_STATUS", equalTo("EXPIRED"));
        String opened = day("timeman.status", Map.of("USER_ID", 2)).extract().path("result.TIME_START");
        day("timeman.close", Map.of("USER_ID", 2, "TIME", opened.substring(0, 10) + "T23:59:59+00:00", "REPORT", "x"));
        call("telephony.externalCall.searchCrmEntities", Map.of("PHONE_NUMBER", "+79990000001")).then()
                .body("result[0].ASSIGNED_BY.TIMEMAN_STATUS", equalTo("CLOSED"));
        day("timeman.open", Map.of("USER_ID", 2)).body("result.STATUS", equalTo("OPENED"));
        call("telephony.externalCall.searchCrmEntities", Map.of("PHONE_NUMBER", "+79990000001")).then()
                .body("result[0].ASSIGNED_BY.TIMEMAN_STATUS", equalTo("OPENED"));
        // the control API sets a status: the day follows it, and the users list shows the day's
        user(2, "PAUSED");
        day("timeman.status", Map.of("USER_ID", 2)).body("result.STATUS", equalTo("PAUSED"))
                .body("result.TIME_START", equalTo("2090-03-01T08:00:00+00:00"));
        day("timeman.open", Map.of("USER_ID", 2));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/users").then().statusCode(200)
                .body("find { it.ID == '2' }.TIMEMAN_STATUS", equalTo("OPENED"));
        user(2, "UNAVAILABLE");
        call("telephony.externalCall.searchCrmEntities", Map.of("PHONE_NUMBER", "+79990000001")).then()
                .body("result[0].ASSIGNED_BY.TIMEMAN_STATUS", equalTo("UNAVAILABLE"));
    }

    @Test
    void daysAreKeptInTheStateAndAnOlderStateGetsTheDaysItsUsersStandFor() throws Exception {
        user(5, "CLOSED");
        day("timeman.open", Map.of("USER_ID", 5));
        clock(Map.of("advance", "PT1H"));
        day("timeman.pause", Map.of("USER_ID", 5));
        String path = base() + "/_emulator/portals/" + portal.id();
        com.fasterxml.jackson.databind.node.ObjectNode state = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(given().get(path + "/state").then().statusCode(200).extract().asString());
        given().post(path + "/reset").then().statusCode(200);
        given().contentType(ContentType.JSON).body(state.toString()).put(path + "/state").then().statusCode(200);
        day("timeman.status", Map.of("USER_ID", 5)).body("result.STATUS", equalTo("PAUSED"))
                .body("result.TIME_START", equalTo("2090-03-01T08:00:00+00:00"));
        // a state written before work days were kept: a user whose status stands for a day gets it when asked
        state.remove("workdays");
        given().contentType(ContentType.JSON).body(state.toString()).put(path + "/state").then().statusCode(200);
        day("timeman.status", Map.of("USER_ID", 5)).body("result", equalTo(Map.of("STATUS", "CLOSED")));
        day("timeman.status", Map.of("USER_ID", 3)).body("result.STATUS", equalTo("PAUSED"));
        day("timeman.status", Map.of()).body("result.STATUS", equalTo("OPENED"));
    }
}
