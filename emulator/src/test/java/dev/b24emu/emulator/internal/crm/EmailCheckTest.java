package dev.b24emu.emulator.internal.crm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PHP's check_email as CCrmFieldMulti applies it (D199). */
class EmailCheckTest {
    @Test
    void acceptsWhatCheckEmailAccepts() {
        for (String good : List.of("a@b.co", "ann.lee+crm@mail.example.com", " b@x.io ", "O'Neil@x-y.example.org",
                "Ann <ann@x.io>", "[ann@x.io]", "name (ann@x.io) more", "x@sub_domain.example.museum", "#!$%&*@x.io")) {
            assertTrue(EmailCheck.valid(good), good);
        }
    }

    @Test
    void refusesWhatCheckEmailRefuses() {
        for (String bad : List.of("not-an-email", "a@b.c", "user@localhost", "a..b@x.io", ".a@x.io", "a.@x.io",
                "a@@x.io", "a b@x.io", "a@x.io1234567890123456789x", "a@x.io>", "<>a@x.io", "ann@" + "x".repeat(320) + ".io",
                "пользователь@x.io", "a@пример.рф")) {
            assertFalse(EmailCheck.valid(bad), bad);
        }
    }

    /** The first opening bracket on a line with a closing one after it on that line, as preg_match's lazy groups. */
    @Test
    void takesTheBracketsAsTheLazyPatternDoes() {
        assertEquals("a@x.io", EmailCheck.bracketed("Ann <a@x.io> (b@y.io)"));
        assertEquals("(b@y.io", EmailCheck.bracketed("((b@y.io>)"));
        assertEquals("x <a@x.io", EmailCheck.bracketed("x <a@x.io"));
        assertEquals("c@x.io", EmailCheck.bracketed("a <b\n(c@x.io)"));
        assertEquals("<>a@x.io", EmailCheck.bracketed("<>a@x.io"));
    }
}
