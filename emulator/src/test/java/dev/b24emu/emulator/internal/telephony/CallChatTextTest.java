package dev.b24emu.emulator.internal.telephony;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CVoxImplantHistory::GetMessageForChat's texts, branch by branch, with PHP's comparison of status codes. */
class CallChatTextTest {
    private static final String N = "[CALL=+7 999 000-00-01]+7 999 000-00-01[/CALL]";
    private static final String INFO = "[PCH=42]Call information[/PCH]";

    private static String text(int type, String status) {
        return CallChatText.of(type, status, "+7 999 000-00-01", 5, 42, false);
    }

    @Test
    void outgoingCallsByStatus() {
        assertEquals("Call to " + N + " finished. " + INFO, text(1, "200"));
        assertEquals("Call to " + N + " finished. " + INFO, text(1, "304"), "an unanswered outgoing call is not 'missed'");
        assertEquals("Call to " + N + " was canceled.", text(1, "603-S"));
        assertEquals(N + " canceled the call.", text(1, "603"));
        assertEquals(N + " is presently on a different call.", text(1, "486"));
        assertEquals(N + " is temporary unavailable.", text(1, "480"));
        assertEquals("Cannot call " + N + " because this route is unavailable.", text(1, "404"));
        assertEquals("Cannot call " + N + " because this route is unavailable.", text(1, "484"));
        assertEquals("Insufficient balance. You cannot make calls.", text(1, "402"));
    }

    @Test
    void incomingAndRedirectedCalls() {
        assertEquals("Incoming call from " + N + " finished. " + INFO, text(2, "200"));
        assertEquals("Skipped incoming call from " + N + ". " + INFO, text(3, "304"));
        assertEquals("Skipped incoming call from " + N + ". Caller left [PCH=42]a voice message[/PCH].",
                CallChatText.of(2, "304", "+7 999 000-00-01", 5, 42, true));
        assertEquals("Incoming call from " + N + " finished. " + INFO, text(2, "486"), "only 304 is missed");
    }

    @Test
    void callbacksAndTheCasesWithoutAMessage() {
        assertEquals("Return call to " + N + " was missed. " + INFO, text(4, "304"));
        assertEquals("Return call to " + N + " completed. " + INFO, text(4, "200"));
        assertEquals("Return call to " + N + ": the line is busy.", text(4, "486"));
        assertEquals("", text(4, "404"), "the server looks the phrase up under VVI_CALLBACK_ERROR_NUMBER, which has none");
        assertEquals("", text(5, "200"), "a robocall has no message");
        assertEquals("", text(2, "423"), "a blocked call has none");
        assertEquals("", CallChatText.of(2, "200", "", 5, 42, false), "nor a call without a number");
        assertEquals("", CallChatText.of(2, "200", "+7", 0, 42, false), "nor one without a user");
    }

    @Test
    void statusCodesCompareAsPhpEightComparesThem() {
        assertTrue(CallChatText.is("603", 603));
        assertTrue(CallChatText.is("603.0", 603), "a numeric string compares as a number");
        assertTrue(CallChatText.is("4.86e2", 486));
        assertFalse(CallChatText.is("603-S", 603), "a non-numeric string compares as text");
        assertFalse(CallChatText.is("486abc", 486));
        assertFalse(CallChatText.is("", 304));
    }
}
