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
        CallCardStore store = new CallCardStore(20_000, Long.MAX_VALUE, Integer.MAX_VALUE);
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

    /**
     * D122: the cards of ended calls weigh their phone numbers; past the weight of call text the cards of the calls
     * that ended first go, open or closed, while the cards of open calls stay (they go with their calls).
     */
    @Test
    void theCardsOfEndedCallsAreBoundedByWhatTheirNumbersWeigh() {
        CallCardStore store = new CallCardStore(20_000, 1_000, Integer.MAX_VALUE);
        String number = "+7" + "1".repeat(198); // 400 bytes
        CallCard open = new CallCard("open", 1, "connected", null, number, false, null, false, false, null, List.of());
        store.put(open);
        for (int i = 0; i < 4; i++) {
            CallCard card = new CallCard("e" + i, 1, "idle", null, number, false, java.time.Instant.EPOCH, false, false,
                    null, List.of());
            store.put(card);
            store.put(card.withClosing(false, java.time.Instant.EPOCH, true, i % 2 == 0)); // ended, open or closed
        }
        assertEquals(List.of("e2", "e3", "open"), store.cards(c -> true).stream().map(CallCard::callId).sorted()
                .toList());
        assertTrue(store.closingBy(java.time.Instant.EPOCH).stream().noneMatch(c -> c.callId().equals("e1")),
                "a card gone is no longer closing");
        store.clear();
        store.put(open.withClosing(false, null, true, false));
        assertTrue(store.card("open", 1).isPresent(), "a reset forgets the weight with the cards");
    }

    /**
     * A card of an ended call dropped another way than by weight (closed past the last {@link
     * CallCardStore#CLOSED_CARDS_KEPT}, or its call dropped) leaves nothing behind: its weighed entry outlived it, and
     * under a register → finish load the orphans (150 bytes each) filled the launcher's heap within minutes.
     */
    @Test
    void aCardOfAnEndedCallDroppedAnotherWayLeavesNothingWeighed() {
        CallCardStore store = new CallCardStore(20_000, 64L << 20, Integer.MAX_VALUE);
        int calls = CallCardStore.CLOSED_CARDS_KEPT * 10;
        for (int i = 0; i < calls; i++) {
            CallCard shown = card("c" + i, false);
            store.put(shown);
            store.put(shown.withClosing(false, null, true, false)); // the call ended, the card still open
            store.put(shown.withClosing(false, null, true, true)); // then closed
        }
        assertEquals(CallCardStore.CLOSED_CARDS_KEPT, store.cards(c -> true).size());
        assertEquals(CallCardStore.CLOSED_CARDS_KEPT, store.endedWeighed(), "only the cards kept are weighed");
        for (int i = calls - 10; i < calls; i++) {
            store.removeCall("c" + i);
        }
        assertEquals(CallCardStore.CLOSED_CARDS_KEPT - 10, store.endedWeighed(), "a dropped call's card too");
    }

    /**
     * D117: at most as many cards of ended calls as the portal keeps finished calls, the oldest going first, open or
     * closed: a finish leaves the cards shown to other users open (D86) until hidden, and nothing bounded them.
     */
    @Test
    void theCardsOfEndedCallsAreBoundedByCountTheOldestGoingFirst() {
        CallCardStore store = new CallCardStore(20_000, Long.MAX_VALUE, 3);
        CallCard live = card("live", false);
        store.put(live);
        for (int i = 0; i < 5; i++) {
            CallCard shown = card("e" + i, false);
            store.put(shown);
            store.put(shown.withClosing(false, null, true, false)); // ended, left open
        }
        assertEquals(List.of("e2", "e3", "e4", "live"), store.cards(c -> true).stream().map(CallCard::callId).sorted()
                .toList(), "the newest three ended cards stay, and the card of a call not ended");
        assertEquals(3, store.endedWeighed());
    }

    @Test
    void aCallShownToSeveralUsersKeepsEachUsersCardAndLosesThemTogether() {
        CallCardStore store = new CallCardStore(20_000, Long.MAX_VALUE, Integer.MAX_VALUE);
        for (long user = 1; user <= 3; user++) {
            store.put(new CallCard("call", user, "connecting", null, "+7", false, null, false, false, null, List.of()));
        }
        store.put(new CallCard("call", 2, "connected", null, "+7", false, java.time.Instant.EPOCH, false, false, null, List.of()));
        assertEquals(List.of(1L, 2L, 3L), store.cardsOf("call").stream().map(CallCard::userId).sorted().toList());
        assertEquals("connected", store.card("call", 2).orElseThrow().state());
        assertEquals("connecting", store.card("call", 3).orElseThrow().state());
        assertEquals(1, store.closingBy(java.time.Instant.EPOCH).size(), "user 2's card closes");
        assertTrue(store.card("call", 4).isEmpty());
        store.removeCall("call");
        assertTrue(store.cardsOf("call").isEmpty());
        assertTrue(store.closingBy(java.time.Instant.EPOCH).isEmpty(), "its pending close went with it");
        store.put(card("call", false));
        assertEquals(List.of(1L), store.cardsOf("call").stream().map(CallCard::userId).toList(), "one card again");
    }

    @Test
    void callListsMadeAtRunTimeAreBoundedOldestFirstWithTheirPositionsAndRestoredOnesStay() {
        CallCardStore store = new CallCardStore(2, Long.MAX_VALUE, Integer.MAX_VALUE);
        store.restore(new CallCardStore.Snapshot(List.of(list(100))));
        for (long id = 1; id <= 3; id++) {
            store.putList(list(id));
            store.position(id, 7, new CallLists.Cursor("IN_WORK", 1));
        }
        store.putList(list(2)); // a changed list is no new one
        assertEquals(List.of(100L, 3L, 2L), store.lists().stream().map(CallList::id).toList());
        assertTrue(store.list(1).isEmpty() && store.position(1, 7).isEmpty(), "the oldest went with its position");
        assertEquals(new CallLists.Cursor("IN_WORK", 1), store.position(3, 7).orElseThrow());
    }

    private static CallList list(long id) {
        return new CallList(id, dev.b24emu.emulator.internal.crm.CrmEntityType.CONTACT, List.of(1L), java.util.Map.of(),
                null, 1, "2026-12-03T10:00:00+00:00");
    }
}
