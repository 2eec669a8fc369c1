package dev.b24emu.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.conformance.report.Report;
import dev.b24emu.conformance.rules.Rules;
import dev.b24emu.conformance.sample.SampleConnector;
import dev.b24emu.conformance.sample.SampleConnector.Flaw;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kit judged by the reference integrations: the careful one keeps every rule, each mistake is caught by its rule. */
class ConformanceKitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;

    static ConformanceConfig configFor(SampleConnector connector, String tags, Path report) {
        return new ConformanceConfig(null,
                new ConformanceConfig.Integration("Sample PBX connector", "oauth", connector.url("/b24/events"),
                        null, null, null, null, null),
                new ConformanceConfig.Driver(connector.url("/pbx"), null, null),
                null, null, null, tags, report.toString(), null).checked();
    }

    @Test
    void theCarefulConnectorPassesEveryScenarioAndKeepsEveryRule() throws Exception {
        try (SampleConnector connector = SampleConnector.good()) {
            Report report = Conformance.run(configFor(connector, null, reports));

            assertTrue(report.passed(), report.summary());
            assertEquals(17, report.scenarios().size(), report.summary());
            for (Report.RuleResult rule : report.rules()) {
                assertEquals(Report.KEPT, rule.verdict(), rule.id() + " must be exercised and kept: " + report.summary());
            }
            assertEquals(Rules.ids(), report.rules().stream().map(Report.RuleResult::id).toList());
            // the sample subscribes its server to CallCard::EntityChanged over REST: the report says a real portal refuses it (D41)
            assertEquals(List.of(Report.REST_CARD_EVENTS), report.caveats(), report.summary());
            assertTrue(Files.readString(reports.resolve("report.html")).contains("not on a real portal"));
            assertTrue(Files.readString(reports.resolve("report.html")).contains("<h2>Findings</h2><p>None:"),
                    "an empty heading said to be empty");
        }
    }

    /** The sample connector configured with an incoming webhook, its events coming from an outgoing webhook (D77). */
    static ConformanceConfig webhookConfigFor(SampleConnector connector, String tags, Path report) {
        return new ConformanceConfig(null,
                new ConformanceConfig.Integration("Sample PBX connector (webhooks)", "webhook", connector.url("/b24/events"),
                        null, null, null, "pbx-hook", 1L),
                new ConformanceConfig.Driver(connector.url("/pbx"), null, null),
                null, null, null, tags, report.toString(), null).checked();
    }

    /**
     * A webhook-only integration: every scenario but those needing an application runs, click-to-call included
     * (OnExternalCallStart through the outgoing webhook), and every rule they exercise is kept.
     */
    @Test
    void theCarefulConnectorKeepsEveryRuleInWebhookModeClickToCallIncluded() throws Exception {
        try (SampleConnector connector = SampleConnector.good()) {
            Report report = Conformance.run(webhookConfigFor(connector, null, reports));

            assertTrue(report.passed(), report.summary());
            assertEquals(11, report.scenarios().size(), "the call card, token refresh and reinstallation need an application: " + report.summary());
            assertTrue(report.scenarios().stream().anyMatch(s -> s.name().startsWith("Click-to-call")), report.summary());
            for (Report.RuleResult rule : report.rules()) {
                String expected = Set.of("placement-answer-time", "token-refresh", "lifecycle").contains(rule.id())
                        ? Report.NOT_EXERCISED : Report.KEPT;
                assertEquals(expected, rule.verdict(), rule.id() + ": " + report.summary());
            }
        }
    }

    @Test
    void aWebhookOnlyConnectorThatRegistersClickToCallAgainIsCaught() throws Exception {
        try (SampleConnector connector = new SampleConnector(Set.of(Flaw.DOUBLE_REGISTER))) {
            Report report = Conformance.run(webhookConfigFor(connector, "@click-to-call", reports));

            assertEquals(Set.of("no-double-register", "calls-finished"), Set.copyOf(report.brokenRules()), report.summary());
        }
    }

    /** A rule left out of rules: is not asked by the scenarios' steps either (a house integration on one line). */
    @Test
    void aRuleLeftOutIsNotAskedByTheScenariosEither() throws Exception {
        // no LINE_NUMBER, and a misspelt parameter the spec rule (and the incoming scenario's last step) would catch
        try (SampleConnector connector = new SampleConnector(Set.of(Flaw.NO_LINE_NUMBER, Flaw.MISSPELT_PARAMETER))) {
            ConformanceConfig config = new ConformanceConfig(null,
                    new ConformanceConfig.Integration("Sample PBX connector (webhooks)", "webhook",
                            connector.url("/b24/events"), null, null, null, "pbx-hook", 1L),
                    new ConformanceConfig.Driver(connector.url("/pbx"), null, null),
                    List.of("calls-finished"), null, null, "@incoming", reports.toString(), null).checked();
            Report report = Conformance.run(config);

            assertTrue(report.passed(), report.summary());
            assertEquals(List.of("calls-finished"), report.rules().stream().map(Report.RuleResult::id).toList());
        }
    }

    /** A mistyped webhook URL reaches no portal: the failed step says what the emulator refused, and why (D184). */
    @Test
    void aConnectorCallingAMistypedWebhookIsToldWhatTheEmulatorRefused() throws Exception {
        try (SampleConnector connector = new SampleConnector(Set.of(Flaw.MISTYPED_WEBHOOK))) {
            Report report = Conformance.run(webhookConfigFor(connector, "@incoming", reports));

            assertFalse(report.passed(), report.summary());
            String failure = report.scenarios().stream().filter(s -> !s.passed()).findFirst().orElseThrow().failure();
            assertTrue(failure.contains("the emulator refused, for credentials that name no portal")
                    && failure.contains("NO_AUTH_FOUND (no portal of this emulator has this webhook token"), failure);
        }
    }

    /** In webhook mode the forgery has an outgoing webhook's shape; the token pasted from the webhook's page tells it. */
    @Test
    void aWebhookOnlyConnectorThatTrustsAnyEventIsCaught() throws Exception {
        try (SampleConnector connector = new SampleConnector(Set.of(Flaw.TRUSTS_ANY_EVENT))) {
            Report report = Conformance.run(webhookConfigFor(connector, "@security", reports));

            assertTrue(report.brokenRules().contains("forged-events-ignored"), report.summary());
        }
    }

    /** A connector that believes a forged OnAppUninstall forgets its tokens: the next call is never registered. */
    @Test
    void aConnectorThatBelievesAForgedUninstallStopsWorking() throws Exception {
        try (SampleConnector connector = new SampleConnector(Set.of(Flaw.TRUSTS_ANY_EVENT))) {
            Report report = Conformance.run(configFor(connector, "@security and @application", reports));

            assertFalse(report.passed(), report.summary());
            Report.ScenarioResult uninstall = report.scenarios().get(0);
            assertEquals("A forged OnAppUninstall does not end the installation", uninstall.name());
            assertFalse(uninstall.passed(), report.summary());
            assertTrue(report.brokenRules().contains("forged-events-ignored"), "the silence after the forgery is the"
                    + " rule's finding: " + report.summary());
        }
        try (SampleConnector connector = SampleConnector.good()) {
            assertTrue(Conformance.run(configFor(connector, "@security and @application", reports)).passed());
        }
    }

    static Stream<Arguments> flaws() {
        return Stream.of(
                Arguments.of(Flaw.MISSPELT_PARAMETER, "@incoming", Set.of("spec")),
                Arguments.of(Flaw.NO_TIME_ZONE, "@outgoing", Set.of("start-date-time-zone")),
                Arguments.of(Flaw.NO_LINE_NUMBER, "@incoming", Set.of("line-number-incoming")),
                Arguments.of(Flaw.UNFINISHED_MISSED_CALLS, "@incoming", Set.of("calls-finished")),
                Arguments.of(Flaw.NO_RECORDS, "@incoming", Set.of("records-attached")),
                Arguments.of(Flaw.DOUBLE_REGISTER, "@click-to-call", Set.of("no-double-register", "calls-finished")),
                Arguments.of(Flaw.HAMMERS_LIMITS, "@resilience and not @oauth", Set.of("rate-limit-backoff")),
                Arguments.of(Flaw.NO_TOKEN_REFRESH, "@oauth", Set.of("token-refresh")),
                Arguments.of(Flaw.SLOW_WIDGET, "@call-card", Set.of("placement-answer-time")),
                Arguments.of(Flaw.DOUBLE_SLASH, "@incoming", Set.of("spec")),
                Arguments.of(Flaw.IGNORES_REINSTALL, "@lifecycle", Set.of("lifecycle")),
                Arguments.of(Flaw.TRUSTS_ANY_EVENT, "@security", Set.of("forged-events-ignored", "calls-finished")),
                // nothing of a click-to-call forgery reaches the portal again: the callback forgery's number does
                // (audit 50b), and the call registered to it is not an unfinished call of the connector's own
                Arguments.of(Flaw.TRUSTS_CALLBACK_REQUESTS, "@security", Set.of("forged-events-ignored")),
                Arguments.of(Flaw.DIGITS_LOOKUP, "@incoming", Set.of("phone-lookup")),
                Arguments.of(Flaw.PAGES_UNTIL_EMPTY, "@incoming", Set.of("list-paging")),
                Arguments.of(Flaw.NO_ROUTING, "@routing", Set.of("responsible-routing")),
                Arguments.of(Flaw.CARD_STAYS_AFTER_TRANSFER, "@transfer", Set.of("card-follows-transfer")),
                Arguments.of(Flaw.QUEUE_CARDS_STAY, "@queue", Set.of("queue-cards")));
    }

    @ParameterizedTest(name = "{0} breaks {2}")
    @MethodSource("flaws")
    void eachMistakeIsCaughtByItsRuleAndNoOther(Flaw flaw, String tags, Set<String> broken) throws Exception {
        try (SampleConnector connector = new SampleConnector(Set.of(flaw))) {
            Report report = Conformance.run(configFor(connector, tags, reports));

            assertFalse(report.passed(), report.summary());
            assertEquals(broken, Set.copyOf(report.brokenRules()), report.summary());
            // a failure's first line, which the console shows, says what broke (it ended at "contract rules:")
            report.scenarios().stream().filter(s -> !s.passed() && s.failure() != null).forEach(s ->
                    assertFalse(s.failure().lines().findFirst().orElse("").endsWith(":"), s.failure()));
            for (Report.RuleResult rule : report.rules()) {
                for (Report.Finding finding : rule.findings()) {
                    assertTrue(finding.actual() != null && finding.expected() != null
                            && !finding.actual().equals(finding.expected()), "a near miss shows both sides: " + finding);
                }
            }
        }
    }

    @Test
    void theCarelessConnectorBreaksTheRulesAndTheReportShowsEachFindingSideBySide() throws Exception {
        try (SampleConnector connector = new SampleConnector(EnumSet.complementOf(EnumSet.of(Flaw.MISTYPED_WEBHOOK)))) {
            Report report = Conformance.run(configFor(connector, null, reports));

            // every rule: the forged OnExternalCallStart is answered with a call of the connector's own (DOUBLE_REGISTER),
            // naming nothing only the forgery carried, but the forged OnAppUninstall leaves it silent
            assertEquals(Set.copyOf(Rules.ids()), Set.copyOf(report.brokenRules()), report.summary());
            JsonNode json = JSON.readTree(reports.resolve("report.json").toFile());
            JsonNode spec = findRule(json, "spec");
            JsonNode misspelt = null;
            boolean slashes = false;
            for (JsonNode finding : spec.get("findings")) {
                misspelt = misspelt == null && finding.get("actual").has("EXTERNAL_CALLID") ? finding : misspelt;
                if (finding.get("message").asText().contains("Repeated slashes")) {
                    slashes = true;
                    assertTrue(finding.get("expected").asText().startsWith("the URL with single slashes: "), finding.toString());
                }
            }
            assertTrue(slashes, "the transport's warnings reach the report: " + spec);
            assertTrue(misspelt != null, spec.toString());
            assertEquals("pbx", misspelt.get("actual").get("EXTERNAL_CALLID").asText().substring(0, 3), misspelt.toString());
            assertTrue(misspelt.get("expected").has("EXTERNAL_CALL_ID"), "the near miss names the documented spelling");

            String html = Files.readString(reports.resolve("report.html"));
            assertTrue(html.contains("<th>Sent</th><th>Expected</th>"), html);
            assertTrue(html.contains("EXTERNAL_CALLID") && html.contains("class=\"d\""), "differing lines are marked");
            String junit = Files.readString(reports.resolve("junit.xml"));
            assertTrue(junit.contains("<testsuite name=\"conformance rules\" tests=\"16\" failures=\"16\" skipped=\"0\">"), junit);
        }
    }

    private static JsonNode findRule(JsonNode report, String id) {
        for (JsonNode rule : report.get("rules")) {
            if (rule.get("id").asText().equals(id)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + id + " in " + report);
    }

}
