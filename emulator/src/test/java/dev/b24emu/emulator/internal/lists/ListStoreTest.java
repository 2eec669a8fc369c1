package dev.b24emu.emulator.internal.lists;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The elements are bounded by count and by the characters they hold, the oldest dropped (D174). */
class ListStoreTest {
    private static ListElement element(long id, String value) {
        return new ListElement(id, 1, "c" + id, "E" + id, 0, 1, Map.of(), Map.of("PROPERTY_1", Map.of(id + "0", value)));
    }

    @Test
    void theOldestElementsGoPastTheCountOrTheCharacters() {
        ListStore store = new ListStore(3, 1);
        for (long id = 1; id <= 5; id++) {
            store.put(element(id, "x"));
        }
        assertEquals(List.of(3L, 4L, 5L), store.elements(1).stream().map(ListElement::id).toList());
        // a megabyte holds 524,288 characters: one of 400,000 leaves room for no more than the newest and itself
        store.put(element(6, "y".repeat(400_000)));
        store.put(element(7, "z".repeat(400_000)));
        assertEquals(List.of(7L), store.elements(1).stream().map(ListElement::id).toList());
        // a rewrite of an element is weighed anew
        store.put(element(7, "small"));
        store.put(element(8, "small"));
        assertEquals(List.of(7L, 8L), store.elements(1).stream().map(ListElement::id).toList());
        assertEquals(8, store.snapshot().lastElementId());
    }
}
