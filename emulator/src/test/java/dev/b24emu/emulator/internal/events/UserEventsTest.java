package dev.b24emu.emulator.internal.events;

import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.testing.HandlerServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * ONUSERADD (D140): a PBX connector that gives each new employee an extension hears of the user once they have
 * logged in and completed the registration, not at the invitation, with the user's own fields as data.
 */
class UserEventsTest extends AppHarness {
    private String control(String path) {
        return base() + "/_emulator/portals/" + portal.id() + path;
    }

    private long userAdds() {
        return handler.received().stream().filter(r -> "ONUSERADD".equals(r.event())).count();
    }

    @Test
    void anInvitedUserIsAnnouncedAtTheFirstLoginAndAJoinedColleagueAtOnce() throws Exception {
        String token = install("local.extensions", List.of("user", "telephony"), null).getString("access_token");
        bind(token, "OnUserAdd", handler.url("/users"));

        int invited = call("user.add", Map.of("EMAIL", "anna@example.com", "NAME", "Anna", "LAST_NAME", "Berg",
                "UF_DEPARTMENT", List.of(2), "WORK_POSITION", "Operator")).then().statusCode(200).extract().path("result");
        call("user.get", Map.of("ID", invited)).then().body("result[0]", hasKey("DATE_REGISTER"))
                .body("result[0].LAST_LOGIN", equalTo(""));

        given().post(control("/users/" + invited + "/login")).then().statusCode(200)
                .body("LAST_LOGIN", matchesPattern("^\\d{4}-\\d{2}-\\d{2}T.+"));
        HandlerServer.Received delivery = handler.awaitEvent("ONUSERADD");
        assertEquals(Integer.toString(invited), delivery.form().path("data").path("ID").asText());
        assertEquals("anna@example.com", delivery.form().path("data").path("EMAIL").asText());
        assertEquals("Berg", delivery.form().path("data").path("LAST_NAME").asText());
        assertEquals("Operator", delivery.form().path("data").path("WORK_POSITION").asText());
        assertEquals("2", delivery.form().path("data").path("UF_DEPARTMENT").path(0).asText(), delivery.body());
        assertFalse(delivery.form().path("data").has("FIELDS"), "the user's fields themselves");
        assertFalse(delivery.form().path("data").has("PERSONAL_GENDER"), "an empty field is left out");

        given().post(control("/users/" + invited + "/login")).then().statusCode(200); // a later login: nothing
        String joined = given().contentType(ContentType.JSON).body(Map.of("NAME", "Boris", "UF_PHONE_INNER", "160"))
                .post(control("/users")).then().statusCode(201).extract().path("ID");
        handler.await(r -> "ONUSERADD".equals(r.event()) && joined.equals(r.form().path("data").path("ID").asText()),
                "the colleague who joined");
        Thread.sleep(300); // a second announcement of the invited user would have been sent before
        assertEquals(2, userAdds(), "one announcement per user");

        // replacing a user is no new colleague; a user of no portal logs in nowhere
        given().contentType(ContentType.JSON).body(Map.of("ID", joined, "NAME", "Boris", "UF_PHONE_INNER", "161"))
                .post(control("/users")).then().statusCode(201);
        given().post(control("/users/999/login")).then().statusCode(400);
        call("user.get", Map.of("ID", joined)).then().body("result[0]", hasKey("LAST_LOGIN"));
    }
}
