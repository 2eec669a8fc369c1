package dev.b24emu.emulator.internal.im;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * im.message.* (D172): a call-report app posts its daily report to a user's private dialog or to a call chat; the
 * message is in the messenger (the control API's chat messages), the refusals are the messenger's in its order, and
 * only the sender edits or deletes what they sent.
 */
class MessagesApiTest extends AppHarness {
    private JsonPath messages() {
        return given().get(base() + "/_emulator/portals/" + portal.id() + "/chat-messages").then().statusCode(200)
                .extract().jsonPath();
    }

    /** The webhook user's (1) call chat for a number, made by a finished call with ADD_TO_CHAT. */
    private String callChat() {
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 1, "PHONE_NUMBER", "+79995550301",
                "TYPE", 2)).then().statusCode(200).extract().path("result.CALL_ID");
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 1, "DURATION", 5, "ADD_TO_CHAT", 1))
                .then().statusCode(200);
        return messages().getString("[0].DIALOG_ID");
    }

    @Test
    void aReportGoesToTheUsersPrivateDialogAndToACallChat() {
        int id = call("im.message.add", Map.of("DIALOG_ID", "2", "MESSAGE", "  Calls today: [b]12[/b]  ",
                "ATTACH", List.of(Map.of("MESSAGE", "missed: 3")))).then().statusCode(200).extract().path("result");
        JsonPath sent = messages();
        assertEquals(id, sent.getInt("[0].ID"));
        assertEquals("2", sent.getString("[0].DIALOG_ID"));
        assertEquals("Calls today: [b]12[/b]", sent.getString("[0].MESSAGE"), "trimmed");
        assertEquals(1, sent.getInt("[0].FROM_USER_ID"), "from the webhook's user");
        assertEquals(2, sent.getInt("[0].TO_USER_ID"));
        assertEquals("N", sent.getString("[0].SYSTEM"));
        assertEquals("missed: 3", sent.getString("[0].ATTACH[0].MESSAGE"));

        String chat = callChat();
        int inChat = call("im.message.add", Map.of("dialog_id", chat, "message", "Called back", "system", "Y"))
                .then().statusCode(200).extract().path("result");
        assertTrue(inChat > id, "one numbering for the messenger's messages");
        assertEquals(chat, messages().getString("[2].DIALOG_ID"));
        assertEquals("Y", messages().getString("[2].SYSTEM"));
        // the caller's own ID: their notes; the older USER_ID without DIALOG_ID
        call("im.message.add", Map.of("USER_ID", 1, "MESSAGE", "note to self")).then().statusCode(200);
        assertEquals("1", messages().getString("[3].DIALOG_ID"));
    }

    @Test
    void refusalsComeInTheMessengersOrderWithItsTexts() {
        call("im.message.add", Map.of("DIALOG_ID", 2, "MESSAGE", Map.of("text", "x"))).then().statusCode(400)
                .body("error", equalTo("MESSAGE_EMPTY")).body("error_description", equalTo("Wrong message type"));
        call("im.message.add", Map.of("DIALOG_ID", 2, "MESSAGE", "   ")).then().statusCode(400)
                .body("error", equalTo("MESSAGE_EMPTY")).body("error_description", equalTo("Message can't be empty"));
        call("im.message.add", Map.of("DIALOG_ID", "abc", "MESSAGE", "x")).then().statusCode(400)
                .body("error", equalTo("USER_ID_EMPTY")).body("error_description", equalTo("User ID can't be empty"));
        call("im.message.add", Map.of("DIALOG_ID", 9999, "MESSAGE", "x")).then().statusCode(400)
                .body("error", equalTo("USER_NOT_FOUND")).body("error_description", equalTo("User not found"));
        call("im.message.add", Map.of("DIALOG_ID", "sg5", "MESSAGE", "x")).then().statusCode(400)
                .body("error", equalTo("CHAT_ID_EMPTY")).body("error_description", equalTo("Chat ID can't be empty"));
        call("im.message.add", Map.of("MESSAGE", "x")).then().statusCode(400)
                .body("error", equalTo("PARAMS_ERROR")).body("error_description", equalTo("Incorrect params"));
        call("im.message.add", Map.of("DIALOG_ID", 2, "MESSAGE", "x", "ATTACH", "{not json")).then().statusCode(400)
                .body("error", equalTo("ATTACH_ERROR"));
        call("im.message.add", Map.of("DIALOG_ID", "chat999999", "MESSAGE", "x")).then().statusCode(400)
                .body("error", equalTo("CHAT_ID")).body("error_description", equalTo("Error creating a message"));
        // a call chat is its user's: another user is no member of it
        String chat = callChat();
        String userTwo = install("local.two", List.of("im"), null, 2).getString("access_token");
        oauth(userTwo, "im.message.add", Map.of("DIALOG_ID", chat, "MESSAGE", "x")).then().statusCode(400)
                .body("error", equalTo("CANCELED"))
                .body("error_description", equalTo("You cannot send messages to the specified chat."));
        assertEquals(1, messages().getList("").size(), "no refused message was kept");
    }

    @Test
    void onlyTheSenderEditsOrDeletesAMessageAndAnEmptyTextDeletesIt() {
        int id = call("im.message.add", Map.of("DIALOG_ID", 2, "MESSAGE", "Draft", "ATTACH", Map.of("MESSAGE", "a")))
                .then().extract().path("result");
        call("im.message.update", Map.of("MESSAGE_ID", id, "MESSAGE", "Final")).then().statusCode(200)
                .body("result", equalTo(true));
        assertEquals("Final", messages().getString("[0].MESSAGE"));
        assertEquals("a", messages().getString("[0].ATTACH.MESSAGE"), "an ATTACH not given is kept");
        call("im.message.update", Map.of("ID", id, "ATTACH", "N")).then().statusCode(200);
        assertNull(messages().get("[0].ATTACH"), "removed");
        call("im.message.update", Map.of("MESSAGE", "x")).then().statusCode(400)
                .body("error", equalTo("MESSAGE_ID_ERROR")).body("error_description", equalTo("Message ID can't be empty"));
        call("im.message.delete", Map.of("MESSAGE_ID", id + 100)).then().statusCode(403)
                .body("error", equalTo("CANT_EDIT_MESSAGE"))
                .body("error_description", equalTo("Time has expired for modification or you don't have access"));
        // a call's system message is nobody's to edit
        callChat();
        int callMessage = messages().getInt("[1].ID");
        call("im.message.update", Map.of("MESSAGE_ID", callMessage, "MESSAGE", "x")).then().statusCode(403);
        call("im.message.update", Map.of("MESSAGE_ID", id, "MESSAGE", "")).then().statusCode(200);
        assertEquals(List.of(callMessage), messages().getList("ID"), "an empty text deleted it");
        int second = call("im.message.add", Map.of("DIALOG_ID", 2, "MESSAGE", "Gone soon")).then().extract().path("result");
        call("im.message.delete", Map.of("ID", second)).then().statusCode(200).body("result", equalTo(true));
        assertEquals(List.of(callMessage), messages().getList("ID"));
    }

    @Test
    void anApplicationsSystemMessageInAChatBeginsWithItsName() {
        String chat = callChat();
        String token = install("local.report", List.of("im"), null).getString("access_token");
        oauth(token, "im.message.add", Map.of("DIALOG_ID", chat, "MESSAGE", "Daily report", "SYSTEM", "Y"))
                .then().statusCode(200);
        assertEquals("[b]local.report[/b]\nDaily report", messages().getString("[1].MESSAGE"));
        oauth(token, "im.message.add", Map.of("DIALOG_ID", 2, "MESSAGE", "Daily report", "SYSTEM", "Y"))
                .then().statusCode(200);
        assertEquals("Daily report", messages().getString("[2].MESSAGE"), "a private dialog's has no name");
        call("im.message.add", Map.of("DIALOG_ID", 2, "MESSAGE", "x".repeat(20_010))).then().statusCode(200)
                .header("X-B24-Emulator-Warning", startsWith("im.message.add: MESSAGE has 20010 characters"));
        assertEquals("x".repeat(20_000) + " (...)", messages().getString("[3].MESSAGE"), "cut as the messenger cuts it");
    }
}
