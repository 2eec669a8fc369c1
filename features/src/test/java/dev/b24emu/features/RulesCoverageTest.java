package dev.b24emu.features;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every rule in RULES.md, and every decision in specs/DECISIONS.md, has a scenario; every rule tag names a rule. */
class RulesCoverageTest {
    private static final Pattern RULE_ROW = Pattern.compile("(?m)^\\| ([A-Z]\\d+) \\|");
    private static final Pattern TAG = Pattern.compile("@([A-Z]\\d+)\\b");

    @Test
    void everyRuleHasAScenarioAndEveryTagARule() throws IOException {
        Set<String> rules = ids(RULE_ROW, Files.readString(Path.of("RULES.md")));
        Set<String> decisions = ids(RULE_ROW, Files.readString(Path.of("../specs/DECISIONS.md")));
        Set<String> tagged = new TreeSet<>();
        // the conformance kit's scenarios state the decisions about judging clients
        for (String folder : List.of("src/test/resources/dev/b24emu/features",
                "../client-conformance/src/main/resources/dev/b24emu/conformance/features")) {
            try (Stream<Path> features = Files.walk(Path.of(folder))) {
                for (Path feature : features.filter(p -> p.toString().endsWith(".feature")).toList()) {
                    tagged.addAll(ids(TAG, Files.readString(feature)));
                }
            }
        }
        Set<String> missingDecisions = new TreeSet<>(decisions);
        missingDecisions.removeAll(rules);
        assertEquals(Set.of(), missingDecisions, "decisions of specs/DECISIONS.md missing from RULES.md");
        Set<String> uncovered = new TreeSet<>(rules);
        uncovered.removeAll(tagged);
        assertEquals(Set.of(), uncovered, "rules without a scenario");
        Set<String> unknown = new TreeSet<>(tagged);
        unknown.removeAll(rules);
        assertEquals(Set.of(), unknown, "scenario tags that name no rule in RULES.md");
    }

    private static Set<String> ids(Pattern pattern, String text) {
        Set<String> ids = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
