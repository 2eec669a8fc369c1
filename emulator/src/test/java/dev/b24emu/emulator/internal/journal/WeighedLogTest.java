package dev.b24emu.emulator.internal.journal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
