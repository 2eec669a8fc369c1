package dev.b24emu.emulator.internal.journal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeighedLogTest {
    @Test
    void pastItsCountTheOldestGo() {
        WeighedLog<String> log = new WeighedLog<>(3, 1_000);
        List.of("a", "b", "c", "d", "e").forEach(item -> log.add(item, 10));

        assertEquals(List.of("c", "d", "e"), log.items());
        assertEquals("e", log.newest());
    }

    @Test
    void pastItsWeightTheOldestGoButTheNewestStaysHoweverHeavy() {
        WeighedLog<String> log = new WeighedLog<>(100, 100);
        log.add("a", 40);
        log.add("b", 40);
        log.add("c", 40);
        assertEquals(List.of("b", "c"), log.items());

        log.add("huge", 500);
        assertEquals(List.of("huge"), log.items());

        log.add("d", 10);
        assertEquals(List.of("d"), log.items(), "the heavy one went, its weight with it");
    }

    @Test
    void aCapacityOfNoneKeepsNothing() {
        WeighedLog<String> log = new WeighedLog<>(0, 100);
        log.add("a", 1);

        assertFalse(log.keeps());
        assertEquals(List.of(), log.items());
        assertNull(log.newest());
    }

    @Test
    void clearingForgetsTheItemsAndTheirWeight() {
        WeighedLog<String> log = new WeighedLog<>(10, 100);
        log.add("a", 90);
        log.clear();
        log.add("b", 90);

        assertEquals(List.of("b"), log.items());
    }

    /** Items numbered as they are kept: whatever threads add them, the log holds them in seq order. */
    @Test
    void numberedItemsAreKeptInTheirOrder() throws Exception {
        WeighedLog<Long> log = new WeighedLog<>(100_000, Long.MAX_VALUE);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    log.addNumbered(seq -> seq, 1);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> kept = log.items();
        assertEquals(80_000, kept.size());
        assertEquals(80_000, log.added());
        for (int i = 1; i < kept.size(); i++) {
            assertTrue(kept.get(i) > kept.get(i - 1), "seq " + kept.get(i) + " kept after " + kept.get(i - 1));
        }
    }
}
