package dev.b24emu.emulator.internal.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What a request's INFO line prints: its latency, and the client's text without anything that forges lines. */
class LogLineTest {
    @Test
    void latencyIsMillisecondsWithTwoDecimals() {
        assertEquals("0.00", RestRoute.millis(0));
        assertEquals("0.05", RestRoute.millis(50));
        assertEquals("1.23", RestRoute.millis(1234));
        assertEquals("1.24", RestRoute.millis(1235));
        assertEquals("100.00", RestRoute.millis(99_999));
        assertEquals("12.30", RestRoute.millis(12_300));
    }

    @Test
    void cleanTextIsPrintedAsItIs() {
        String method = "telephony.externalcall.register";
        assertSame(method, LogText.safe(method));
        assertEquals("-", LogText.safe(null));
    }

    @Test
    void controlAndLineSeparatorCharactersBecomeQuestionMarksAndLongTextIsCut() {
        assertEquals("a?b?c?d?e", LogText.safe("a\nb\rc\u001bd\u2028e"));
        assertEquals("x\u0420?", LogText.safe("x\u0420\u2029"));
        assertEquals("y".repeat(200), LogText.safe("y".repeat(201)));
        assertEquals("?".repeat(200), LogText.safe("\t".repeat(300)));
    }
}
