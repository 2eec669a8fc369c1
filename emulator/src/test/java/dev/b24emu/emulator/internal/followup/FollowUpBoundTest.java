package dev.b24emu.emulator.internal.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Follow-ups made while a portal runs are bounded like its finished calls; restored (and seeded) ones always stay. */
class FollowUpBoundTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private static FollowUp followUp(long callId) {
        try {
            return FollowUpSpec.standalone(JSON.readTree("{\"callId\":" + callId
                    + ",\"startDate\":\"2026-12-03T09:00:00Z\"}"), NOW);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void pastTheBoundTheFollowUpWrittenLeastRecentlyGoesAndTheRestoredOnesStay() {
        FollowUpStore store = new FollowUpStore(2, Long.MAX_VALUE);
        store.restore(new FollowUpStore.Snapshot(List.of(followUp(100), followUp(101), followUp(102))));
        store.update(1, current -> current.orElseGet(() -> followUp(1)));
        store.put(followUp(2));
        store.update(1, current -> current.orElseThrow()); // a change of a kept one is no new follow-up, but a write
        assertEquals(List.of(1L, 2L, 100L, 101L, 102L), callIds(store));

        store.update(3, current -> current.orElseGet(() -> followUp(3)));
        assertEquals(List.of(1L, 3L, 100L, 101L, 102L), callIds(store));
        assertEquals(Optional.empty(), store.get(2));
        store.put(followUp(4));
        assertEquals(List.of(3L, 4L, 100L, 101L, 102L), callIds(store));
    }

    /** A transcript copied into its call's follow-up stayed after the call-text bound dropped the call. */
    @Test
    void pastTheirWeightTheFollowUpsWrittenLeastRecentlyGoTheNewestStaying() {
        long one = 2L * String.valueOf(followUp(1)).length();
        FollowUpStore store = new FollowUpStore(100, 2 * one + one / 2); // room for two of them, not three
        store.put(followUp(1));
        store.put(followUp(2));
        store.put(followUp(3));
        assertEquals(List.of(2L, 3L), callIds(store));
        store.restore(new FollowUpStore.Snapshot(List.of(followUp(100))));
        store.put(followUp(4));
        assertEquals(List.of(3L, 4L, 100L), callIds(store), "what a state file brought is not weighed");
    }

    private static List<Long> callIds(FollowUpStore store) {
        return store.all().stream().map(FollowUp::callId).toList();
    }
}
