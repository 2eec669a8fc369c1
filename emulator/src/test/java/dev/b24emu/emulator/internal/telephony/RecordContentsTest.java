package dev.b24emu.emulator.internal.telephony;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Record contents are kept for their downloads within a portal's budget, the oldest going first (D166). */
class RecordContentsTest {
    private static final int MB = 1 << 20;

    @Test
    void theNewestContentsAreKeptWithinTheBudget() {
        TelephonyStore store = new TelephonyStore(100, 100, 64L * MB);
        long[] files = new long[4];
        for (int i = 0; i < files.length; i++) {
            files[i] = store.attachRecord("call" + i, "r" + i + ".mp3", "content", null, 6L * MB, Instant.EPOCH).fileId();
            store.keepContent(files[i], new byte[6 * MB]);
        }
        assertTrue(store.content(files[0]).isEmpty(), "the oldest went");
        assertTrue(store.content(files[1]).isEmpty(), "16 MB hold two of 6 MB besides the newest");
        assertEquals(6 * MB, store.content(files[3]).orElseThrow().length);
        assertTrue(store.content(files[2]).isPresent());
        long big = store.attachRecord("call9", "big.wav", "upload", null, 17L * MB, Instant.EPOCH).fileId();
        store.keepContent(big, new byte[17 * MB]);
        assertTrue(store.content(big).isEmpty(), "a file larger than the budget is not kept");
        assertTrue(store.content(files[3]).isPresent(), "and takes nothing from the others");
        // attached again, the call's record replaces its file: the old content goes with it
        store.attachRecord("call3", "again.mp3", "content", null, 1, Instant.EPOCH);
        assertTrue(store.content(files[3]).isEmpty());
    }
}
