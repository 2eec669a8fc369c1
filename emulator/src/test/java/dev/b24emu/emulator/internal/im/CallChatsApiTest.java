package dev.b24emu.emulator.internal.im;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * finish with ADD_TO_CHAT: the message about the call in the user's call chat for the number (one chat per user and
 * number), or in the private dialog with the colleague whose number it is; the control API lists them.
 */
class CallChatsApiTest extends AppHarness {
    private JsonPath messages() {
        return given().get(base() + "/_emulator/portals/" + portal.id() + "/chat-messages").then().statusCode(200)
                .extract().jsonPath();
    }

    private String register(long user, String number, int type) {
        return call("telephony.externalcall.register", Map.of("USER_ID", user, "PHONE_NUMBER", number, "TYPE", type))
                .then().statusCode(200).extract().path("result.CALL_ID");
    }

    private int finish(Map<String, Object> params) {
        Map<String, Object> all = new java.util.HashMap<>(params);
        all.putIfAbsent("USER_ID", 2);
        return call("telephony.externalcall.finish", all).then().statusCode(200).extract().path("result.ID");
    }

    @Test
    void aCallsMessageGoesToTheUsersChatForTheNumberAndTheSameNumberKeepsItsChat() {
        String first = register(2, "+7 (999) 000-00-01", 2);
        int stat = finish(Map.of("CALL_ID", first, "DURATION", 42, "ADD_TO_CHAT", 1));
        JsonPath sent = messages();
        assertEquals(1, sent.getList("").size());
        assertEquals("Incoming call from [CALL=+7 999 000-00-01]+7 999 000-00-01[/CALL] finished. [PCH=" + stat
                + "]Call information[/PCH]", sent.getString("[0].MESSAGE"));
        assertEquals("Ivan Petrov", sent.getString("[0].CHAT_TITLE"), "renamed to the call's contact");
        assertEquals("79990000001", sent.getString("[0].CHAT_ENTITY_ID"), "the number as voximplant normalises it");
        assertEquals("CALL", sent.getString("[0].CHAT_ENTITY_TYPE"));
        assertEquals("Y|CONTACT|1", sent.getString("[0].CHAT_ENTITY_DATA_1"), "the demo contact Ivan Petrov");
        assertEquals(2, sent.getInt("[0].USER_ID"));
        assertEquals(0, sent.getInt("[0].FROM_USER_ID"), "an incoming call's message is the system's");
        assertEquals(first, sent.getString("[0].CALL_ID"));
        assertEquals("chat" + sent.getInt("[0].CHAT_ID"), sent.getString("[0].DIALOG_ID"));
        // the same number written another way, an outgoing call: the same chat, the message from the user
        String again = register(2, "89990000001", 1);
        finish(Map.of("CALL_ID", again, "STATUS_CODE", "603-S", "ADD_TO_CHAT", "Y"));
        sent = messages();
        assertEquals(sent.getInt("[0].CHAT_ID"), sent.getInt("[1].CHAT_ID"));
        assertEquals(2, sent.getInt("[1].FROM_USER_ID"));
        assertEquals("Call to [CALL=89990000001]89990000001[/CALL] was canceled.", sent.getString("[1].MESSAGE"),
                "a number without + is shown as given where the portal has no country");
        // another user's call to the number: that user's own chat
        finish(Map.of("CALL_ID", register(3, "+79990000001", 2), "USER_ID", 3, "ADD_TO_CHAT", 1));
        sent = messages();
        assertEquals(3, sent.getInt("[2].USER_ID"));
        assertEquals(false, sent.getInt("[2].CHAT_ID") == sent.getInt("[0].CHAT_ID"));
    }

    @Test
    void aColleaguesOwnNumberTakesThePrivateDialogAndNoMessageUnlessAsked() {
        finish(Map.of("CALL_ID", register(1, "+79160000101", 1), "USER_ID", 1, "DURATION", 5, "ADD_TO_CHAT", true));
        JsonPath sent = messages();
        assertEquals("2", sent.getString("[0].DIALOG_ID"), "user 2's mobile number: the dialog with user 2");
        assertEquals(null, sent.getString("[0].CHAT_ID"));
        assertEquals(1, sent.getInt("[0].FROM_USER_ID"));
        assertEquals(2, sent.getInt("[0].TO_USER_ID"));
        // ADD_TO_CHAT absent (the real server's false, D3), 0, or a blocked call: nothing more
        finish(Map.of("CALL_ID", register(2, "+79990000002", 2)));
        finish(Map.of("CALL_ID", register(2, "+79990000003", 2), "ADD_TO_CHAT", 0));
        finish(Map.of("CALL_ID", register(2, "+79990000004", 2), "ADD_TO_CHAT", 1, "STATUS_CODE", "423"));
        assertEquals(1, messages().getList("").size());
        // reset empties them
        given().post(base() + "/_emulator/portals/" + portal.id() + "/reset").then().statusCode(200);
        assertEquals(0, messages().getList("").size());
    }
}
