package dev.b24emu.conformance.steps;

import dev.b24emu.conformance.ConformanceKit;
import dev.b24emu.conformance.Session;
import dev.b24emu.conformance.Traffic;
import dev.b24emu.conformance.report.Report;
import dev.b24emu.conformance.report.RunRecorder;
import dev.b24emu.conformance.rules.Rule;
import dev.b24emu.conformance.rules.Violation;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Each scenario gets a fresh portal with the integration installed; at its end the selected rules judge all the
 * traffic it caused, and a broken rule fails the scenario with the findings.
 */
public class Hooks {
    private final ScenarioSession sessions;

    public Hooks(ScenarioSession sessions) {
        this.sessions = sessions;
    }

    @Before
    public void begin() {
        sessions.begin(ConformanceKit.current());
    }

    @After
    public void judge(Scenario scenario) {
        Session session = sessions.get();
        try {
            if (scenario.isFailed()) {
                session.hangUpAbandonedCall();
            }
            Traffic traffic = session.awaitQuiet();
            List<RunRecorder.RuleCheck> checks = new ArrayList<>();
            List<Violation> all = new ArrayList<>();
            for (Rule rule : session.kit().rules()) {
                List<Violation> violations = rule.check(traffic);
                checks.add(new RunRecorder.RuleCheck(rule.id(), rule.exercised(traffic), violations));
                all.addAll(violations);
            }
            session.kit().recorder().checked(scenario.getId(), checks);
            if (traffic.requests().stream().anyMatch(Traffic.Request::isRestCardEvent)) {
                session.kit().recorder().caveat(Report.REST_CARD_EVENTS);
            }
            // what the emulator does otherwise than a real portal: no rule of the integration's, said all the same
            traffic.requests().forEach(request -> request.notices().forEach(notice ->
                    session.kit().recorder().caveat(request.method() + ": " + notice + " (D197)")));
            if (!all.isEmpty()) {
                // the headline names the rules and the first finding: a console shows a failure's first line, which
                // ended at "contract rules:" (audit 50b)
                String rules = String.join(", ", all.stream().map(Violation::rule).distinct().toList());
                throw new AssertionError(Expectations.describe("The integration broke " + rules + ": "
                        + all.get(0).message() + (all.size() > 1 ? " (+" + (all.size() - 1) + " more)" : ""), all));
            }
        } finally {
            sessions.end();
        }
    }
}
