package dev.b24emu.emulator.internal.callcard;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closed cards are kept for inspection only up to a bound, so a long-running emulator stays flat in memory. */
class CallCardStoreTest {
    private static CallCard card(String callId, boolean closed) {
        return new CallCard(callId, 1, "idle", null, "+7", false, null, closed, closed, null, List.of());
    }

    @Test
    void onlyTheLatestClosedCardsAreKeptAndOpenOnesNeverGo() {
        CallCardStore store = new CallCardStore();
        store.put(card("open", false));
        for (int i = 0; i < CallCardStore.CLOSED_CARDS_KEPT + 50; i++) {
            store.put(card("c" + i, false));
            store.put(card("c" + i, true));
        }
        assertEquals(CallCardStore.CLOSED_CARDS_KEPT + 1, store.cards(c -> true).size());
        assertTrue(store.card("open", 1).isPresent());
        assertTrue(store.card("c0", 1).isEmpty(), "the oldest closed card is gone");
        assertTrue(store.card("c" + (CallCardStore.CLOSED_CARDS_KEPT + 49), 1).isPresent());
    }
}
