package dev.b24emu.conformance.report;

import dev.b24emu.conformance.rules.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects a run's results as they happen: each scenario's outcome (from Cucumber's events) and what each rule
 * found in its traffic (from the scenario's end hook), joined by the scenario's ID.
 */
public final class RunRecorder {
    /** What one rule made of one scenario's traffic. */
    public record RuleCheck(String rule, boolean exercised, List<Violation> violations) {
        public RuleCheck {
            violations = List.copyOf(violations);
        }
    }

    /** One finished scenario. */
    public record ScenarioOutcome(String id, String feature, String name, int line, String status, String failure,
                                  long millis) {
    }

    /** maps a scenario ID to its rule checks */
    private final Map<String, List<RuleCheck>> checks = new ConcurrentHashMap<>();
    /** scenarios in the order they finished */
    private final List<ScenarioOutcome> outcomes = new ArrayList<>();

    public void checked(String scenarioId, List<RuleCheck> results) {
        checks.put(scenarioId, List.copyOf(results));
    }

    public synchronized void finished(ScenarioOutcome outcome) {
        outcomes.add(outcome);
    }

    public synchronized List<ScenarioOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** What the integration relied on that a real portal does not serve (an emulator convenience), once each. */
    private final java.util.Set<String> caveats = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

    public void caveat(String text) {
        caveats.add(text);
    }

    public List<String> caveats() {
        synchronized (caveats) {
            return List.copyOf(caveats);
        }
    }

    public List<RuleCheck> checks(String scenarioId) {
        return checks.getOrDefault(scenarioId, List.of());
    }
}
