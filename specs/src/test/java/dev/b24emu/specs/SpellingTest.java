package dev.b24emu.specs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SpellingTest {
    private static final List<String> PARAMS = List.of("USER_ID", "PHONE_NUMBER", "TYPE", "CRM_CREATE", "LINE_NUMBER");

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, Spelling.edits("TYPE", "TYPE"));
        assertEquals(1, Spelling.edits("TYPE", "TYP"));
        assertEquals(1, Spelling.edits("TYPE", "TYPES"));
        assertEquals(1, Spelling.edits("TYPE", "TIPE"));
        assertEquals(3, Spelling.edits("KITTEN", "SITTING"));
        assertEquals(4, Spelling.edits("", "TYPE"));
    }

    @Test
    void suggestsTheClosestDocumentedNameWhateverItsCase() {
        assertEquals("PHONE_NUMBER", Spelling.nearest("phone_numbr", PARAMS, 2));
        assertEquals("USER_ID", Spelling.nearest("USERID", PARAMS, 2));
    }

    @Test
    void suggestsNothingPastTheEditsAllowed() {
        assertNull(Spelling.nearest("DURATION", PARAMS, 2));
        assertNull(Spelling.nearest("TYPE", List.of(), 2));
    }

    @Test
    void withoutABoundTheClosestAlwaysComesAndTiesGoToTheFirst() {
        assertEquals("TYPE", Spelling.nearest("DURATION", List.of("TYPE", "LINE_NUMBER"), Integer.MAX_VALUE));
        assertEquals("AB", Spelling.nearest("A", List.of("AB", "AC"), Integer.MAX_VALUE));
    }
}
