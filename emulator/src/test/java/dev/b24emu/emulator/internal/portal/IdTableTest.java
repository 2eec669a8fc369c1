package dev.b24emu.emulator.internal.portal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A table of records made at run time, bounded by count and by what their text weighs (D118). */
class IdTableTest {
    private record Note(long id, String text) {
    }

    private static List<Long> ids(IdTable<Note> table) {
        return table.all().stream().map(Note::id).toList();
    }

    @Test
    void pastTheCountOrTheWeightTheOldestGoAndTheNewestStaysEvenAlone() {
        IdTable<Note> table = new IdTable<>(3, Note::id); // 2,400 characters
        for (long id = 1; id <= 4; id++) {
            assertEquals(id == 4 ? 1 : 0, table.put(new Note(id, "x")).size());
        }
        assertEquals(List.of(2L, 3L, 4L), ids(table), "past the count");
        table.put(new Note(5, "y".repeat(2_360))); // 2,377 characters as text, the others 18
        assertEquals(List.of(4L, 5L), ids(table), "past the weight: 2 and 3 went, then the count held");
        table.put(new Note(6, "z".repeat(3_000)));
        assertEquals(List.of(6L), ids(table), "alone past the weight, the newest stays");
        table.put(new Note(6, "small"));
        table.put(new Note(7, "w".repeat(1_000)));
        table.put(new Note(8, "v".repeat(1_000)));
        assertEquals(List.of(6L, 7L, 8L), ids(table), "a record rewritten smaller weighs less");
        table.removeIf(note -> note.id() == 7);
        table.put(new Note(9, "u".repeat(1_000)));
        assertEquals(List.of(6L, 8L, 9L), ids(table), "what was removed weighs nothing");
        table.clear();
        table.put(new Note(1, "t".repeat(2_300)));
        assertEquals(List.of(1L), ids(table));
    }
}
