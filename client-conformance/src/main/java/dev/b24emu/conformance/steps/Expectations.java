package dev.b24emu.conformance.steps;

import dev.b24emu.conformance.rules.Violation;

import java.util.List;

/** How a step states a broken expectation: each finding with what was sent and what was expected. */
final class Expectations {
    private Expectations() {
    }

    static String describe(String headline, List<Violation> violations) {
        StringBuilder text = new StringBuilder(headline);
        for (Violation v : violations) {
            text.append("\n- [").append(v.rule()).append("] ").append(v.message())
                    .append("\n    sent:     ").append(v.actual())
                    .append("\n    expected: ").append(v.expected());
        }
        return text.toString();
    }
}
