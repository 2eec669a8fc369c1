package dev.b24emu.features;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every rule in RULES.md, and every decision in specs/DECISIONS.md, has a scenario; every rule tag names a rule; and
 * RULES.md's "Coverage per page" table counts, for each page (the first path of a rule's Source), its rules and the
 * scenarios tagged with them — so a new page's rows come with their line in the table (the failure prints the table).
 */
class RulesCoverageTest {
    private static final Pattern RULE_ROW = Pattern.compile("(?m)^\\| ([A-Z]\\d+) \\| (.*?) \\| (.*?) \\|$");
    private static final Pattern TAG = Pattern.compile("@([A-Z]\\d+)\\b");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| (\\S+) \\| (\\d+) \\| (\\d+) \\|$");
    private static final String TABLE_HEADING = "## Coverage per page";
    /** the conformance kit's scenarios state the decisions about judging clients */
    private static final List<String> FEATURE_FOLDERS = List.of("src/test/resources/dev/b24emu/features",
            "../client-conformance/src/main/resources/dev/b24emu/conformance/features");

    /** A scenario (file:line) and the rule IDs it is tagged with, its feature's and its examples' included. */
    private record Scenario(String id, Set<String> tags) {
    }

    @Test
    void everyRuleHasAScenarioAndEveryTagARule() throws IOException {
        Map<String, String> rules = rules(Files.readString(Path.of("RULES.md")));
        Set<String> decisions = rules(Files.readString(Path.of("../specs/DECISIONS.md"))).keySet();
        Set<String> tagged = new TreeSet<>();
        scenarios().forEach(s -> tagged.addAll(s.tags()));
        Set<String> missingDecisions = new TreeSet<>(decisions);
        missingDecisions.removeAll(rules.keySet());
        assertEquals(Set.of(), missingDecisions, "decisions of specs/DECISIONS.md missing from RULES.md");
        Set<String> uncovered = new TreeSet<>(rules.keySet());
        uncovered.removeAll(tagged);
        assertEquals(Set.of(), uncovered, "rules without a scenario");
        Set<String> unknown = new TreeSet<>(tagged);
        unknown.removeAll(rules.keySet());
        assertEquals(Set.of(), unknown, "scenario tags that name no rule in RULES.md");
    }

    @Test
    void theTableCountsEachPagesRulesAndScenarios() throws IOException {
        String text = Files.readString(Path.of("RULES.md"));
        Map<String, String> rules = rules(text);
        Map<String, Set<String>> rulesOf = new TreeMap<>();
        Map<String, Set<String>> scenariosOf = new TreeMap<>();
        rules.forEach((id, source) -> rulesOf.computeIfAbsent(page(source), p -> new TreeSet<>()).add(id));
        for (Scenario scenario : scenarios()) {
            rulesOf.forEach((page, ids) -> {
                if (scenario.tags().stream().anyMatch(ids::contains)) {
                    scenariosOf.computeIfAbsent(page, p -> new HashSet<>()).add(scenario.id());
                }
            });
        }
        StringBuilder expected = new StringBuilder("| Page | Statements | Scenarios |\n|---|---|---|\n");
        Set<String> all = new HashSet<>();
        int statements = 0;
        for (Map.Entry<String, Set<String>> page : rulesOf.entrySet()) {
            Set<String> scenarios = scenariosOf.getOrDefault(page.getKey(), Set.of());
            expected.append("| ").append(page.getKey()).append(" | ").append(page.getValue().size()).append(" | ")
                    .append(scenarios.size()).append(" |\n");
            statements += page.getValue().size();
            all.addAll(scenarios);
        }
        expected.append("| **Total** | ").append(statements).append(" | ").append(all.size()).append(" |\n");
        assertEquals(expected.toString(), table(text),
                "RULES.md's \"" + TABLE_HEADING + "\" table must count the rows and scenarios of each page; paste:\n"
                        + expected);
    }

    /** The table under its heading, as written (rows up to the first blank line). */
    private static String table(String text) {
        int start = text.indexOf(TABLE_HEADING);
        if (start < 0) {
            return "";
        }
        StringBuilder table = new StringBuilder();
        boolean inTable = false;
        for (String line : text.substring(start).split("\n")) {
            if (line.startsWith("|")) {
                inTable = true;
                table.append(line).append('\n');
            } else if (inTable) {
                break;
            }
        }
        return table.toString();
    }

    /** The page a rule states: the first path of its Source, without an anchor. */
    private static String page(String source) {
        return source.trim().split("[ ;(#]", 2)[0];
    }

    /** Rule ID to Source, from the rows of a RULES.md or DECISIONS.md table. */
    private static Map<String, String> rules(String text) {
        Map<String, String> rules = new LinkedHashMap<>();
        Matcher m = RULE_ROW.matcher(text);
        while (m.find()) {
            rules.put(m.group(1), m.group(3));
        }
        return rules;
    }

    private static List<Scenario> scenarios() throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        for (String folder : FEATURE_FOLDERS) {
            try (Stream<Path> features = Files.walk(Path.of(folder))) {
                for (Path feature : features.filter(p -> p.toString().endsWith(".feature")).sorted().toList()) {
                    scenarios.addAll(scenarios(feature));
                }
            }
        }
        return scenarios;
    }

    private static List<Scenario> scenarios(Path feature) throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        List<String> lines = Files.readAllLines(feature);
        Set<String> featureTags = Set.of();
        Set<String> pending = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("@")) {
                Matcher m = TAG.matcher(line);
                while (m.find()) {
                    pending.add(m.group(1));
                }
            } else if (line.startsWith("Feature:")) {
                featureTags = Set.copyOf(pending);
                pending.clear();
            } else if (line.startsWith("Scenario:") || line.startsWith("Scenario Outline:")) {
                Set<String> tags = new HashSet<>(pending);
                tags.addAll(featureTags);
                scenarios.add(new Scenario(feature.getFileName() + ":" + (i + 1), tags));
                pending.clear();
            } else if (line.startsWith("Examples:") && !scenarios.isEmpty()) {
                scenarios.get(scenarios.size() - 1).tags().addAll(pending);
                pending.clear();
            }
        }
        return scenarios;
    }
}
