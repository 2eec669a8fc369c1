package dev.b24emu.emulator.internal.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The request line's latency reads like String.format's "%.2f" ms did, rounded half up. */
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
}
