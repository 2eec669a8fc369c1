package dev.b24emu.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a report three ways: report.json (tools), report.html (people), junit.xml (CI test tabs). */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** findings of one rule drawn side by side; the rest are listed, so a mistake made in every scenario reads once */
    private static final int SHOWN_IN_FULL = 3;

    private ReportWriter() {
    }

    public static void write(Report report, Path folder) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("report.json"), JSON.writeValueAsString(report));
            Files.writeString(folder.resolve("report.html"), html(report));
            Files.writeString(folder.resolve("junit.xml"), junit(report));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + folder, e);
        }
    }

    static String junit(Report report) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        long broken = report.brokenRules().size();
        long skipped = report.rules().stream().filter(r -> Report.NOT_EXERCISED.equals(r.verdict())).count();
        xml.append(String.format(Locale.ROOT, "  <testsuite name=\"conformance rules\" tests=\"%d\" failures=\"%d\" skipped=\"%d\">%n",
                report.rules().size(), broken, skipped));
        for (Report.RuleResult rule : report.rules()) {
            xml.append("    <testcase classname=\"rules\" name=\"").append(xml(rule.id() + ": " + rule.title())).append('"');
            if (Report.KEPT.equals(rule.verdict())) {
                xml.append("/>\n");
                continue;
            }
            xml.append(">\n");
            if (Report.NOT_EXERCISED.equals(rule.verdict())) {
                xml.append("      <skipped message=\"no scenario exercised this rule\"/>\n");
            } else {
                StringBuilder detail = new StringBuilder();
                for (Report.Finding finding : rule.findings()) {
                    detail.append(finding.scenario()).append(": ").append(finding.message()).append('\n')
                            .append("  sent:     ").append(finding.actual()).append('\n')
                            .append("  expected: ").append(finding.expected()).append('\n');
                }
                xml.append("      <failure message=\"").append(xml(rule.findings().get(0).message()))
                        .append("\">").append(xml(detail.toString())).append("</failure>\n");
            }
            xml.append("    </testcase>\n");
        }
        xml.append("  </testsuite>\n");
        long failed = report.scenarios().stream().filter(s -> !s.passed()).count();
        xml.append(String.format(Locale.ROOT, "  <testsuite name=\"conformance scenarios\" tests=\"%d\" failures=\"%d\">%n",
                report.scenarios().size(), failed));
        for (Report.ScenarioResult scenario : report.scenarios()) {
            xml.append("    <testcase classname=\"").append(xml(scenario.feature())).append("\" name=\"")
                    .append(xml(scenario.name())).append(String.format(Locale.ROOT, "\" time=\"%.3f\"", scenario.millis() / 1000.0));
            if (scenario.passed()) {
                xml.append("/>\n");
            } else {
                String failure = scenario.failure() == null ? scenario.status() : scenario.failure();
                xml.append(">\n      <failure message=\"").append(xml(failure.lines().findFirst().orElse("")))
                        .append("\">").append(xml(failure)).append("</failure>\n    </testcase>\n");
            }
        }
        return xml.append("  </testsuite>\n</testsuites>\n").toString();
    }

    static String html(Report report) {
        StringBuilder page = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>Conformance report</title><style>
                body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0}
                td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
                .kept{color:#17803d}.broken{color:#c62828;font-weight:bold}.not{color:#777}
                pre{margin:0;font:12px ui-monospace,monospace;white-space:pre}.diff td{padding:0 6px}
                .failure pre{white-space:pre-wrap;word-break:break-word;max-width:70em}
                .diff .d{background:#fde7e7}.diff .e{background:#e3f6e8}h3{margin-top:1.5em}
                </style></head><body>
                """);
        page.append("<h1>").append(report.passed() ? "Passed" : "Failed").append(": ").append(html(report.integration()))
                .append("</h1><p>Emulator ").append(html(report.emulator())).append(", started ")
                .append(html(report.startedAt())).append(", ").append(report.millis() / 1000).append(" s</p>");
        if (!report.caveats().isEmpty()) {
            page.append("<h2>Caveats: works here, not on a real portal</h2><ul>");
            report.caveats().forEach(caveat -> page.append("<li>").append(html(caveat)).append("</li>"));
            page.append("</ul>");
        }
        page.append("<h2>Rules</h2><table><tr><th>Rule</th><th>Verdict</th><th>Scenarios exercising it</th><th>Source</th></tr>");
        for (Report.RuleResult rule : report.rules()) {
            String css = Report.KEPT.equals(rule.verdict()) ? "kept" : Report.BROKEN.equals(rule.verdict()) ? "broken" : "not";
            page.append("<tr><td><b>").append(html(rule.id())).append("</b><br>").append(html(rule.title()))
                    .append("</td><td class=\"").append(css).append("\">").append(rule.verdict())
                    .append(rule.findings().isEmpty() ? "" : " (" + rule.findings().size() + ")")
                    .append("</td><td>").append(rule.scenariosExercised()).append("</td><td>")
                    .append(html(rule.source())).append("</td></tr>");
        }
        page.append("</table><h2>Scenarios</h2><table><tr><th>Scenario</th><th>Status</th><th>Broken rules</th><th>Failure</th></tr>");
        for (Report.ScenarioResult s : report.scenarios()) {
            page.append("<tr><td>").append(html(s.feature() + ":" + s.line() + " " + s.name())).append("</td><td class=\"")
                    .append(s.passed() ? "kept" : "broken").append("\">").append(s.status()).append("</td><td>")
                    .append(html(String.join(", ", s.brokenRules()))).append("</td><td class=\"failure\"><pre>")
                    .append(html(s.failure() == null ? "" : s.failure().lines().limit(6).reduce((a, b) -> a + "\n" + b).orElse("")))
                    .append("</pre></td></tr>");
        }
        page.append("</table><h2>Findings</h2>");
        if (report.rules().stream().allMatch(rule -> rule.findings().isEmpty())) {
            page.append("<p>None: no request or answer of the integration broke a rule.</p>");
        }
        for (Report.RuleResult rule : report.rules()) {
            List<Report.Finding> findings = rule.findings();
            for (Report.Finding finding : findings.subList(0, Math.min(SHOWN_IN_FULL, findings.size()))) {
                page.append("<h3 class=\"broken\">").append(html(rule.id())).append(": ").append(html(finding.message()))
                        .append("</h3><p>Scenario: ").append(html(finding.scenario()))
                        .append(finding.seq() > 0 ? ", journal entry #" + finding.seq() : "")
                        .append("</p><table class=\"diff\"><tr><th>Sent</th><th>Expected</th></tr>");
                for (NearMiss.Row row : NearMiss.rows(finding.actual(), finding.expected())) {
                    page.append("<tr><td").append(row.differs() ? " class=\"d\"" : "").append("><pre>")
                            .append(html(row.actual())).append("</pre></td><td").append(row.differs() ? " class=\"e\"" : "")
                            .append("><pre>").append(html(row.expected())).append("</pre></td></tr>");
                }
                page.append("</table>");
            }
            if (findings.size() > SHOWN_IN_FULL) {
                page.append("<p>").append(findings.size() - SHOWN_IN_FULL).append(" more of ").append(html(rule.id()))
                        .append(" (all of them, side by side, in report.json):</p><ul>");
                for (Report.Finding finding : findings.subList(SHOWN_IN_FULL, findings.size())) {
                    page.append("<li>").append(html(finding.message())).append(" — ").append(html(finding.scenario()))
                            .append("</li>");
                }
                page.append("</ul>");
            }
        }
        return page.append("</body></html>\n").toString();
    }

    private static String html(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String xml(String text) {
        return html(text).replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
    }
}
