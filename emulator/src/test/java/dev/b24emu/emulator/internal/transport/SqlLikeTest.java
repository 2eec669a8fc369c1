package dev.b24emu.emulator.internal.transport;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The list filters' LIKE (=%, %=): what a regular expression of the pattern matched, without its backtracking. */
class SqlLikeTest {

    @Test
    void percentIsAnyRunUnderscoreOneCharacterCaseIgnored() {
        assertTrue(SqlLike.matches("Molotov", "mol%"));
        assertTrue(SqlLike.matches("Molotov", "%TOV"));
        assertTrue(SqlLike.matches("Molotov", "m_l%v"));
        assertTrue(SqlLike.matches("Molotov", "%"));
        assertTrue(SqlLike.matches("", "%"));
        assertTrue(SqlLike.matches("abc", "a%b%c"));
        assertTrue(SqlLike.matches("Ёлка", "ёл%"), "case ignored beyond ASCII too, as the database's collation");
        assertFalse(SqlLike.matches("Molotov", "mol"));
        assertFalse(SqlLike.matches("ab", "a%b%b"));
        assertFalse(SqlLike.matches("abc", "abc_"));
        assertFalse(SqlLike.matches("aXb", "%a%c%"));
    }

    /** Seeded: the same answers as the regular expression the filters compiled before, over small alphabets. */
    @Test
    void answersAsTheRegularExpressionDid() {
        Random random = new Random(43);
        for (int n = 0; n < 20_000; n++) {
            String text = random(random, "abA", random.nextInt(9));
            String pattern = random(random, "ab%_", random.nextInt(7));
            assertEquals(regex(pattern).matcher(text).matches(), SqlLike.matches(text, pattern),
                    () -> "'" + text + "' LIKE '" + pattern + "'");
        }
    }

    /** A filter of many % against a long text held an event loop: the regex backtracked every split of the text. */
    @Test
    void manyPercentsAgainstALongTextEndQuickly() {
        String text = "a".repeat(1_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertFalse(SqlLike.matches(text, "%a%a%a%a%a%a%a%a%a%a%a%a%b"));
            assertFalse(SqlLike.matches(text, "%" + "a".repeat(5000) + "b%"));
            assertTrue(SqlLike.matches(text + "b", "%" + "a".repeat(5000) + "b"));
        });
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** What ListQuery compiled before: % .*, _ ., the rest quoted, ASCII case ignored. */
    private static Pattern regex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }
}
