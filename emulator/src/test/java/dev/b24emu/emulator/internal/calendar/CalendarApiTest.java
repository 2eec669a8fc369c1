package dev.b24emu.emulator.internal.calendar;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * A click-to-call app books the meeting a call agreed on (D178): the form CRest sends (nested keys, every value a
 * string), the calendar it names checked against the owner, the event read back as calendar.event.get writes it.
 */
class CalendarApiTest extends AppHarness {

    private int section(long owner, String name) {
        return call("calendar.section.add", Map.of("type", "user", "ownerId", owner, "name", name, "color", "#9cbeee"))
                .then().statusCode(200).extract().path("result");
    }

    /** ronaldblanco/integration_apps's booking, as http_build_query writes it. */
    private RequestSpecification booking(Object section, String from) {
        return given().formParam("type", "user").formParam("ownerId", "1").formParam("name", "Call back: offer")
                .formParam("description", "Agreed on the call").formParam("from", from).formParam("to", from)
                .formParam("skipTime", "Y").formParam("section", section).formParam("color", "#9cbe1c")
                .formParam("text_color", "#283033").formParam("accessibility", "absent")
                .formParam("importance", "normal").formParam("is_meeting", "Y").formParam("private_event", "N")
                .formParam("remind[0][type]", "min").formParam("remind[0][count]", "20")
                .formParam("location", "Miami").formParam("attendees[0]", "2").formParam("host", "1")
                .formParam("meeting[text]", "inviting").formParam("meeting[open]", "1")
                .formParam("meeting[notify]", "1").formParam("meeting[reinvite]", "0");
    }

    @Test
    void aClickToCallAppBooksAMeetingInTheUsersCalendar() {
        int calendar = section(1, "Calls");
        int id = booking(calendar, "2026-12-10").post(webhook + "calendar.event.add").then().statusCode(200)
                .header("X-B24-Emulator-Notice", containsString("host")).header("X-B24-Emulator-Warning", nullValue())
                .extract().path("result");
        call("calendar.event.get", Map.of("type", "user", "ownerId", 1, "from", "2026-12-01", "to", "2026-12-31"))
                .then().statusCode(200).body("result", hasSize(1)).body("result[0].ID", equalTo(Integer.toString(id)))
                .body("result[0].NAME", equalTo("Call back: offer")).body("result[0].SECTION_ID",
                        equalTo(Integer.toString(calendar)))
                .body("result[0].DATE_FROM", equalTo("12/10/2026 12:00:00 am")).body("result[0].DT_SKIP_TIME",
                        equalTo("Y"))
                .body("result[0].DT_LENGTH", equalTo(86400)).body("result[0].IS_MEETING", equalTo(true))
                .body("result[0].MEETING_HOST", equalTo("1")).body("result[0].MEETING.NOTIFY", equalTo(true))
                .body("result[0].ATTENDEES_CODES", equalTo(List.of("U2")))
                .body("result[0].REMIND", equalTo(List.of(Map.of("type", "min", "count", 20))))
                .body("result[0].COLOR", equalTo("#9cbe1c")).body("result[0].ACCESSIBILITY", equalTo("absent"))
                .body("result[0].LOCATION", equalTo("Miami")).body("result[0].MEETING.MAIL_FROM", equalTo(""))
                .body("result[0].'~DESCRIPTION'", equalTo("Agreed on the call"));
        // the attendee's copy, in a calendar made for them with their name
        call("calendar.event.get", Map.of("type", "user", "ownerId", 2, "from", "2026-12-10", "to", "2026-12-10"))
                .then().body("result", hasSize(1)).body("result[0].PARENT_ID", equalTo(Integer.toString(id)))
                .body("result[0].MEETING_STATUS", equalTo("Q"));
        call("calendar.section.get", Map.of("type", "user", "ownerId", 2)).then().body("result", hasSize(1))
                .body("result[0].COLOR", equalTo("#9DCF00")).body("result[0].CAL_TYPE", equalTo("user"));
        // cancelled: the copies go too
        call("calendar.event.delete", Map.of("id", id)).then().statusCode(200).body("result", equalTo(true));
        call("calendar.event.get", Map.of("type", "user", "ownerId", 2, "from", "2026-12-10", "to", "2026-12-10"))
                .then().body("result", hasSize(0));
    }

    @Test
    void theRefusalsComeInTheServersOrder() {
        int calendar = section(1, "Calls");
        booking(calendar, "").post(webhook + "calendar.event.add").then().statusCode(400)
                .body("error", equalTo("ERROR_CORE")).body("error_description",
                        equalTo("The required parameter \"from\" for the method \"calendar.event.add\" is not set"));
        // a calendar of another owner, or none of that ID: as on a real portal for the app's hard-coded section 5
        int theirs = section(2, "Theirs");
        booking(theirs, "2026-12-10").post(webhook + "calendar.event.add").then().statusCode(400)
                .body("error_description",
                        equalTo("You specified an invalid calendar section ID or the user does not have access to it"));
        call("calendar.event.add", Map.of("type", "user", "ownerId", 1, "from", "2026-12-10", "to", "2026-12-10"))
                .then().statusCode(400).body("error_description",
                        equalTo("The required parameter \"name\" for the method \"calendar.event.add\" is not set"));
        call("calendar.event.add", Map.of("type", "company_calendar", "ownerId", 0, "name", "All hands",
                "from", "2026-12-10", "to", "2026-12-10")).then().statusCode(400)
                .body("error_description", equalTo("An error occurred while creating the event"));
        call("calendar.section.add", Map.of("type", "user", "ownerId", 1)).then().statusCode(400)
                .body("error_description", equalTo("Invalid value for the parameter \"name\""));
        call("calendar.event.get", Map.of("ownerId", 1)).then().statusCode(400).body("error_description",
                equalTo("The required parameter \"type\" for the method \"calendar.event.get\" is not set"));
        call("calendar.event.delete", Map.of("id", 0)).then().statusCode(400)
                .body("error_description", equalTo("Event id not specified"));
        call("calendar.event.delete", Map.of("id", 999)).then().statusCode(400)
                .body("error_description", equalTo("An error occurred while deleting the event"));
        call("calendar.event.get", Map.of("type", "user", "ownerId", 1, "from", "2026-12-01", "to", "2026-12-31"))
                .then().body("result", hasSize(0));
    }

    @Test
    void aTimedEventKeepsItsWallClockTimeAndZone() {
        call("calendar.event.add", Map.of("type", "user", "ownerId", 1, "name", "Demo", "from", "2026-12-11 17:59:00",
                "to", "2026-12-11 18:59:00", "timezone_from", "Europe/Riga")).then().statusCode(200);
        long utc = Instant.parse("2026-12-11T15:59:00Z").getEpochSecond();
        call("calendar.event.get", Map.of("type", "user", "ownerId", 1, "from", "2026-12-11", "to", "2026-12-11"))
                .then().body("result[0].DATE_FROM", equalTo("12/11/2026 05:59:00 pm"))
                .body("result[0].TZ_FROM", equalTo("Europe/Riga")).body("result[0].TZ_TO", equalTo("Europe/Riga"))
                .body("result[0].DATE_FROM_TS_UTC", equalTo(Long.toString(utc)))
                .body("result[0].DT_LENGTH", equalTo(3600)).body("result[0].IS_MEETING", equalTo(false))
                .body("result[0].ATTENDEES_CODES", equalTo(List.of("U1")));
        // the user's calendar was made for the event that named none
        call("calendar.section.get", Map.of("type", "user")).then().body("result", hasSize(1))
                .body("result[0].NAME", equalTo("Anna Admin"));
    }

    @Test
    void aMeetingIsRescheduledAndItsCalendarRenamedAndDeleted() {
        int calendar = section(1, "Calls");
        int id = booking(calendar, "2026-12-10").post(webhook + "calendar.event.add").then().statusCode(200)
                .extract().path("result");
        // moved a day on, still all day; what is not sent stays
        call("calendar.event.update", Map.of("id", id, "type", "user", "ownerId", 1, "from", "2026-12-11",
                "to", "2026-12-11", "skip_time", "Y")).then().statusCode(200).body("result", equalTo(id));
        call("calendar.event.get", Map.of("type", "user", "ownerId", 1, "from", "2026-12-01", "to", "2026-12-31"))
                .then().body("result[0].DATE_FROM", equalTo("12/11/2026 12:00:00 am"))
                .body("result[0].NAME", equalTo("Call back: offer")).body("result[0].LOCATION", equalTo("Miami"))
                .body("result[0].DT_LENGTH", equalTo(86400));
        // the attendee's copy follows
        call("calendar.event.get", Map.of("type", "user", "ownerId", 2, "from", "2026-12-11", "to", "2026-12-11"))
                .then().body("result", hasSize(1));
        // sent without skip_time, the event is saved as a timed one, as the server's EventUpdate saves it
        call("calendar.event.update", Map.of("id", id, "type", "user", "ownerId", 1, "name", "Renamed")).then()
                .statusCode(200);
        call("calendar.event.get", Map.of("type", "user", "ownerId", 1, "from", "2026-12-01", "to", "2026-12-31"))
                .then().body("result[0].NAME", equalTo("Renamed")).body("result[0].DT_SKIP_TIME", equalTo("N"));
        call("calendar.event.update", Map.of("id", id, "ownerId", 1)).then().statusCode(400).body("error_description",
                equalTo("The required parameter \"type\" for the method \"calendar.event.update\" is not set"));
        call("calendar.event.update", Map.of("id", 999, "type", "user", "ownerId", 1)).then().statusCode(400)
                .body("error_description", equalTo("Access denied"));
        // the calendar renamed (an empty name is no change), then deleted with its events and their copies
        call("calendar.section.update", Map.of("id", calendar, "type", "user", "ownerId", 1, "name", "Bookings",
                "description", "")).then().statusCode(200).body("result", equalTo(calendar));
        call("calendar.section.get", Map.of("type", "user", "ownerId", 1)).then()
                .body("result[0].NAME", equalTo("Bookings"));
        call("calendar.section.update", Map.of("type", "user", "ownerId", 1)).then().statusCode(400)
                .body("error_description", equalTo("Section ID is not set"));
        call("calendar.section.delete", Map.of("id", calendar, "type", "user", "ownerId", 1)).then().statusCode(200)
                .body("result", equalTo(true));
        call("calendar.event.get", Map.of("type", "user", "ownerId", 2, "from", "2026-12-01", "to", "2026-12-31"))
                .then().body("result", hasSize(0));
        call("calendar.section.delete", Map.of("id", calendar, "type", "user", "ownerId", 1)).then().statusCode(400)
                .body("error_description", equalTo("An error occurred while deleting the section."));
    }
}
