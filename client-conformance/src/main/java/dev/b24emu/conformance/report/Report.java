package dev.b24emu.conformance.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.conformance.rules.Rule;
import dev.b24emu.conformance.rules.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's verdict: every scenario with its outcome, and every selected rule as kept, broken (with each finding:
 * the scenario, the offending request and the shape that would have kept the rule) or not exercised.
 */
public record Report(String integration, String emulator, String startedAt, long millis,
                     List<ScenarioResult> scenarios, List<RuleResult> rules, List<String> caveats) {
    /** The caveat of an integration that subscribed a server to CallCard::* over REST (specs/DECISIONS.md D41). */
    public static final String REST_CARD_EVENTS = "The integration called placement.bindEvent / placement.unbindEvent over"
            + " REST: the emulator serves them for convenience (D41), a real portal answers ERROR_METHOD_NOT_FOUND;"
            + " CallCard::* events reach only the widget through BX24.placement.bindEvent. Run with the portal"
            + " setting restCardEvents: false to see the real answer.";
    public static final String KEPT = "kept";
    public static final String BROKEN = "broken";
    public static final String NOT_EXERCISED = "not exercised";

    public record ScenarioResult(String feature, String name, int line, String status, String failure, long millis,
                                 List<String> brokenRules) {
        public boolean passed() {
            return "PASSED".equals(status);
        }
    }

    public record RuleResult(String id, String title, String source, String verdict, int scenariosExercised,
                             List<Finding> findings) {
    }

    public record Finding(String scenario, String message, long seq, JsonNode actual, JsonNode expected) {
    }

    /** Passed: at least one scenario ran, every scenario passed and no rule was broken. */
    public boolean passed() {
        return !scenarios.isEmpty() && scenarios.stream().allMatch(ScenarioResult::passed)
                && rules.stream().noneMatch(r -> BROKEN.equals(r.verdict()));
    }

    public List<String> brokenRules() {
        return rules.stream().filter(r -> BROKEN.equals(r.verdict())).map(RuleResult::id).toList();
    }

    public static Report build(String integration, String emulator, String startedAt, long millis,
                               RunRecorder recorder, List<Rule> selected) {
        List<ScenarioResult> scenarios = new ArrayList<>();
        for (RunRecorder.ScenarioOutcome outcome : recorder.outcomes()) {
            List<String> broken = recorder.checks(outcome.id()).stream()
                    .filter(c -> !c.violations().isEmpty()).map(RunRecorder.RuleCheck::rule).toList();
            scenarios.add(new ScenarioResult(outcome.feature(), outcome.name(), outcome.line(), outcome.status(),
                    outcome.failure(), outcome.millis(), broken));
        }
        List<RuleResult> rules = new ArrayList<>();
        for (Rule rule : selected) {
            int exercised = 0;
            List<Finding> findings = new ArrayList<>();
            for (RunRecorder.ScenarioOutcome outcome : recorder.outcomes()) {
                for (RunRecorder.RuleCheck check : recorder.checks(outcome.id())) {
                    if (!check.rule().equals(rule.id())) {
                        continue;
                    }
                    exercised += check.exercised() ? 1 : 0;
                    for (Violation v : check.violations()) {
                        findings.add(new Finding(outcome.name(), v.message(), v.seq(), v.actual(), v.expected()));
                    }
                }
            }
            String verdict = !findings.isEmpty() ? BROKEN : exercised > 0 ? KEPT : NOT_EXERCISED;
            rules.add(new RuleResult(rule.id(), rule.title(), rule.source(), verdict, exercised, findings));
        }
        return new Report(integration, emulator, startedAt, millis, scenarios, rules, recorder.caveats());
    }

    /** A few lines for a terminal: each rule's verdict and each failed scenario. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(passed() ? "PASSED" : "FAILED").append(": ").append(integration).append(" — ")
                .append(scenarios.stream().filter(ScenarioResult::passed).count()).append('/').append(scenarios.size())
                .append(" scenarios passed, ").append(brokenRules().size()).append(" of ").append(rules.size())
                .append(" rules broken\n");
        if (scenarios.isEmpty()) {
            text.append("  no scenario ran: do the tags select any?\n");
        }
        for (RuleResult rule : rules) {
            text.append(String.format("  %-14s %-22s %s%n", rule.verdict(), rule.id(),
                    rule.findings().isEmpty() ? "" : rule.findings().get(0).message()
                            + (rule.findings().size() > 1 ? " (+" + (rule.findings().size() - 1) + " more)" : "")));
        }
        for (String caveat : caveats) {
            text.append("  caveat: ").append(caveat).append('\n');
        }
        for (ScenarioResult scenario : scenarios) {
            if (!scenario.passed()) {
                String failure = scenario.failure() == null ? "" : scenario.failure().lines().findFirst().orElse("");
                text.append("  ").append(scenario.status()).append(' ').append(scenario.feature()).append(':')
                        .append(scenario.line()).append(' ').append(scenario.name()).append(": ").append(failure)
                        .append('\n');
            }
        }
        return text.toString();
    }
}
