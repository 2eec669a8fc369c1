package dev.b24emu.emulator.internal.im;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** im.notify.*: what an integration tells a user (a missed call), and what the control API shows of it. */
class NotificationsApiTest extends AppHarness {
    private JsonPath sent() {
        return given().get(base() + "/_emulator/portals/" + portal.id() + "/notifications").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void anApplicationsSystemNotificationBeginsWithItsNameAndItsTagReplacesTheEarlierOne() {
        String pbx = install("local.pbx", List.of("im", "telephony"), null).getString("access_token");
        int first = oauth(pbx, "im.notify.system.add", Map.of("USER_ID", 2, "MESSAGE", "  Missed call from +79990000001 ",
                "TAG", "MISSED_1")).then().statusCode(200).extract().path("result");
        oauth(pbx, "im.notify.system.add", Map.of("USER_ID", 2, "MESSAGE", "Missed call (2)", "TAG", "MISSED_1",
                "MESSAGE_OUT", "By e-mail")).then().statusCode(200).body("result", equalTo(first + 1));
        JsonPath sent = sent();
        assertEquals(1, sent.getList("").size(), "the tag's earlier notification went");
        assertEquals("local.pbx#BR#Missed call (2)", sent.getString("[0].NOTIFY_MESSAGE"));
        assertEquals("local.pbx#BR#By e-mail", sent.getString("[0].NOTIFY_MESSAGE_OUT"));
        assertEquals("SYSTEM", sent.getString("[0].TYPE"));
        assertEquals(0, sent.getInt("[0].FROM_USER_ID"));
        assertEquals(2, sent.getInt("[0].TO_USER_ID"));
        String tag = sent.getString("[0].NOTIFY_TAG");
        assertEquals(true, tag.matches("MP\\|[0-9a-f]{5}\\|MISSED_1"), tag);
        // the application deletes by its tag
        oauth(pbx, "im.notify.delete", Map.of("TAG", "MISSED_1")).then().statusCode(200).body("result", equalTo(true));
        assertEquals(0, sent().getList("").size());
    }

    /** A notification is a message of the messenger (CIMMessenger::Add): past 20,000 characters it is cut there. */
    @Test
    void aLongNotificationIsCutAsTheMessengerCutsAMessage() {
        call("im.notify.personal.add", Map.of("USER_ID", 3, "MESSAGE", "m".repeat(100_000))).then().statusCode(200);
        assertEquals("m".repeat(20_000) + " (...)", sent().getString("[0].NOTIFY_MESSAGE"));
    }

    @Test
    void aPersonalNotificationComesFromTheCallerAndTheDocumentedErrors() {
        call("im.notify.personal.add", Map.of("USER_ID", 3, "MESSAGE", "Please call the client back", "TAG", "x"))
                .then().statusCode(200).body("result", equalTo(1));
        JsonPath sent = sent();
        assertEquals("USER", sent.getString("[0].TYPE"));
        assertEquals(1, sent.getInt("[0].FROM_USER_ID"));
        assertEquals("Please call the client back", sent.getString("[0].NOTIFY_MESSAGE"));
        assertEquals(null, sent.getString("[0].NOTIFY_TAG"), "a webhook has no application to tag for");
        // im.notify: TO and TYPE
        call("im.notify", Map.of("TO", 3, "MESSAGE", "Hi", "TYPE", "SYSTEM")).then().statusCode(200).body("result", equalTo(2));
        assertEquals("Hi", sent().getString("[1].NOTIFY_MESSAGE"));
        call("im.notify.system.add", Map.of("MESSAGE", "x")).then().statusCode(400).body("error", equalTo("USER_ID_EMPTY"))
                .body("error_description", equalTo("User ID can't be empty"));
        call("im.notify.system.add", Map.of("USER_ID", 2, "MESSAGE", "   ")).then().statusCode(400)
                .body("error", equalTo("MESSAGE_EMPTY")).body("error_description", equalTo("Message can't be empty"));
        call("im.notify.system.add", Map.of("USER_ID", 2, "MESSAGE", "x", "ATTACH", "not json")).then().statusCode(400)
                .body("error", equalTo("ATTACH_ERROR"));
        call("im.notify.system.add", Map.of("USER_ID", 2, "MESSAGE", "x", "ATTACH", List.of(Map.of("MESSAGE", "y".repeat(31_000)))))
                .then().statusCode(400).body("error", equalTo("ATTACH_OVERSIZE"));
        call("im.notify.system.add", Map.of("USER_ID", 99, "MESSAGE", "nobody")).then().statusCode(200)
                .body("result", equalTo(false));
        // a webhook deletes by tag only naming its application; by ID only its own user's notifications
        call("im.notify.delete", Map.of("TAG", "x")).then().statusCode(403).body("error", equalTo("ACCESS_DENIED"));
        call("im.notify.delete", Map.of()).then().statusCode(403);
        call("im.notify.delete", Map.of("CLIENT_ID", "abc")).then().statusCode(400).body("error", equalTo("PARAMS_ERROR"));
        call("im.notify.delete", Map.of("ID", 1)).then().statusCode(200).body("result", equalTo(false));
        call("im.notify.personal.add", Map.of("USER_ID", 1, "MESSAGE", "Note to self", "ATTACH",
                "[{\"MESSAGE\": \"see the card\"}]")).then().statusCode(200);
        assertEquals("see the card", sent().getString("[2].ATTACH[0].MESSAGE"));
        call("im.notify.delete", Map.of("ID", 3)).then().body("result", equalTo(true));
        given().get(base() + "/_emulator/portals/" + portal.id() + "/notifications").then().body("[2]", nullValue());
    }
}
