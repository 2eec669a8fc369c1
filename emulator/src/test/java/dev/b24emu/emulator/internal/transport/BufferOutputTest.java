package dev.b24emu.emulator.internal.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An answer is bounded: past the bound the write stops, and the client is told why instead of the heap running out. */
class BufferOutputTest {
    @Test
    void writesUpToItsBoundAndStopsPastIt() {
        BufferOutput out = new BufferOutput(10);
        out.write(new byte[6], 0, 6);
        out.write(new byte[4], 0, 4);
        assertEquals(10, out.buffer().length());
        assertThrows(BufferOutput.TooLarge.class, () -> out.write('x'));
        assertEquals(10, out.buffer().length(), "nothing of the write past the bound is kept");
        RestError told = BufferOutput.TooLarge.error();
        assertEquals(500, told.httpStatus());
        assertTrue(told.description().contains(BufferOutput.MAX_ANSWER_BYTES / (1024 * 1024) + " MB"), told.description());
        assertTrue(BufferOutput.MAX_ANSWER_BYTES >= 16L << 20);
    }
}
