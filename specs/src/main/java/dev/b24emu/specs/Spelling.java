package dev.b24emu.specs;

import java.util.Locale;

/**
 * The documented name a misspelt one was likely meant to be, for the "did you mean" of the emulator's warnings and
 * the conformance kit's findings: one rule for both, so the two never suggest different names for the same typo.
 */
public final class Spelling {
    private Spelling() {
    }

    /**
     * The candidate closest to the name in edits (Levenshtein distance, case ignored), the first of them on a tie, or
     * null when none is within {@code maxEdits}.
     */
    public static String nearest(String name, Iterable<String> candidates, int maxEdits) {
        String upper = name.toUpperCase(Locale.ROOT);
        String best = null;
        int bestEdits = maxEdits;
        for (String candidate : candidates) {
            int edits = edits(upper, candidate.toUpperCase(Locale.ROOT));
            if (edits < bestEdits || best == null && edits == bestEdits) {
                best = candidate;
                bestEdits = edits;
            }
        }
        return best;
    }

    /** Insertions, deletions and substitutions that turn one text into the other. */
    static int edits(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
