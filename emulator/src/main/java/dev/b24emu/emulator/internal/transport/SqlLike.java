package dev.b24emu.emulator.internal.transport;

/**
 * SQL LIKE as the list filters' =% and %= read a value: % any run, _ one character, case ignored character by
 * character. Matched segment by segment, each %-free run at its leftmost place after the last: a regular expression of
 * ".*" runs backtracked for every way to split the text, so a filter of many % against a long text held an event loop
 * (a time that grows with the text's length to the power of the %'s). Runs without _ are found by Knuth-Morris-Pratt,
 * in time linear in the text whatever the run; runs with _ position by position.
 */
public final class SqlLike {
    private SqlLike() {
    }

    /**
     * Whether the text holds the needle, case ignored as {@link #matches} ignores it: the filters' % operator, in time
     * linear in the text (String.contains compares at each place again: a megabyte of "a" searched for a long run of
     * "a" ending in "b" took minutes).
     */
    public static boolean contains(String text, String needle) {
        char[] run = fold(needle);
        return run.length == 0 || find(fold(text), run, 0, text.length(), false) >= 0;
    }

    static boolean matches(String text, String pattern) {
        char[] t = fold(text);
        String[] parts = pattern.split("%", -1);
        if (parts.length == 1) {
            char[] whole = fold(pattern);
            return whole.length == t.length && at(t, 0, whole);
        }
        char[] first = fold(parts[0]);
        char[] last = fold(parts[parts.length - 1]);
        int end = t.length - last.length;
        if (first.length > end || !at(t, 0, first) || !at(t, end, last)) {
            return false;
        }
        int from = first.length;
        for (int i = 1; i < parts.length - 1; i++) {
            char[] run = fold(parts[i]);
            if (run.length == 0) {
                continue;
            }
            int found = find(t, run, from, end, true);
            if (found < 0) {
                return false;
            }
            from = found + run.length;
        }
        return true;
    }

    /** Each character as a case-insensitive comparison sees it (String.regionMatches' rule), the length unchanged. */
    private static char[] fold(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(Character.toUpperCase(chars[i]));
        }
        return chars;
    }

    private static boolean at(char[] text, int offset, char[] run) {
        if (offset < 0 || offset + run.length > text.length) {
            return false;
        }
        for (int i = 0; i < run.length; i++) {
            if (run[i] != '_' && run[i] != text[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasWildcard(char[] run) {
        for (char c : run) {
            if (c == '_') {
                return true;
            }
        }
        return false;
    }

    /**
     * The leftmost place at or after {@code from} where the run fits wholly before {@code end}, or -1; with
     * {@code wildcards}, its _ stand for any character.
     */
    private static int find(char[] text, char[] run, int from, int end, boolean wildcards) {
        if (wildcards && hasWildcard(run)) {
            for (int i = from; i + run.length <= end; i++) {
                if (at(text, i, run)) {
                    return i;
                }
            }
            return -1;
        }
        int[] fail = new int[run.length];
        for (int i = 1, k = 0; i < run.length; i++) {
            while (k > 0 && run[i] != run[k]) {
                k = fail[k - 1];
            }
            if (run[i] == run[k]) {
                k++;
            }
            fail[i] = k;
        }
        for (int i = from, k = 0; i < end; i++) {
            while (k > 0 && text[i] != run[k]) {
                k = fail[k - 1];
            }
            if (text[i] == run[k]) {
                k++;
            }
            if (k == run.length) {
                return i - run.length + 1;
            }
        }
        return -1;
    }
}
