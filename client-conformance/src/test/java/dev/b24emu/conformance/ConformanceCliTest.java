package dev.b24emu.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.conformance.report.Report;
import dev.b24emu.conformance.rules.Rules;
import dev.b24emu.conformance.sample.SampleConnector;
import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The runner as users start it: a config file, a driver (HTTP or a command), exit codes and the report files. */
class ConformanceCliTest {
    @TempDir
    Path dir;

    @Test
    void helpAndRuleListingExitZero() {
        String help = captured(() -> assertEquals(0, Main.execute("--help")));
        assertTrue(help.contains("--config") && help.contains("--emulator"), help);
        String rules = captured(() -> assertEquals(0, Main.execute("--list-rules")));
        Rules.ids().forEach(id -> assertTrue(rules.contains(id), rules));
    }

    @Test
    void aConfigWithoutADriverIsAUsageErrorNamingTheFix() throws Exception {
        Path config = Files.writeString(dir.resolve("conformance.yaml"), """
                integration:
                  handlerUrl: http://127.0.0.1:9/b24/events
                """);
        String err = capturedErr(() -> assertEquals(2, Main.execute("--config", config.toString())));
        assertTrue(err.contains("driver: needs exactly one of url"), err);
        Path typo = Files.writeString(dir.resolve("typo.yaml"), """
                integration:
                  handlerUrl: http://127.0.0.1:9/b24/events
                drvier:
                  url: http://127.0.0.1:9/pbx
                """);
        String typoErr = capturedErr(() -> assertEquals(2, Main.execute("--config", typo.toString())));
        assertTrue(typoErr.contains("drvier"), typoErr);
        // the file's name alone, twice, was all a CI log said of a config not there
        String missing = capturedErr(() -> assertEquals(2, Main.execute("--config", dir.resolve("nowhere.yaml").toString())));
        assertTrue(missing.contains("nowhere.yaml: no such file"), missing);
    }

    /** A run that runs nothing must not pass: a tag typo would otherwise turn CI green. */
    @Test
    void aRunWithoutScenariosFailsAndABadTagExpressionIsAUsageError() throws Exception {
        try (SampleConnector connector = SampleConnector.good()) {
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path config = Files.writeString(dir.resolve("conformance.yaml"), """
                    integration:
                      handlerUrl: %s
                    driver:
                      url: %s
                    emulator:
                      port: %d
                    report: %s
                    """.formatted(connector.url("/b24/events"), connector.url("/pbx"), port, dir.resolve("report")));
            String out = captured(() -> assertEquals(1, Main.execute("--config", config.toString(), "--tags", "@no-such-tag")));
            assertTrue(out.contains("0/0 scenarios passed") && out.contains("no scenario ran"), out);
            // emulator.port: the started emulator listens where the config says
            assertTrue(out.lines().anyMatch(l -> l.matches(".*against the emulator at http://127\\.0\\.0\\.1:" + port + "\\b.*")), out);
            String err = capturedErr(() -> assertEquals(2, Main.execute("--config", config.toString(), "--tags", "@a and (")));
            assertTrue(err.contains("tags: Tag expression \"@a and (\" could not be parsed"), err);
        }
    }

    /** The README's worked example: a shell command as the driver, piping the action's JSON to the connector. */
    @Test
    void aCommandDriverRunsTheSampleFromAConfigFileAndExitsZeroWhenEveryRuleIsKept() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed (.ci/run installs it)");
        try (SampleConnector connector = SampleConnector.good()) {
            Path config = Files.writeString(dir.resolve("conformance.yaml"), """
                    integration:
                      name: Sample PBX connector
                      handlerUrl: %s
                    driver:
                      command: ["sh", "-c", "curl -sSf -H 'Content-Type: application/json' --data-binary @- %s", "driver"]
                    tags: "@incoming or @outgoing"
                    report: %s
                    """.formatted(connector.url("/b24/events"), connector.url("/pbx"), dir.resolve("report")));
            String out = captured(() -> assertEquals(0, Main.execute("--config", config.toString())));
            assertTrue(out.contains("PASSED: Sample PBX connector — 3/3 scenarios passed, 0 of 16 rules broken"), out);
            Report report = new ObjectMapper().readValue(dir.resolve("report/report.json").toFile(), Report.class);
            assertEquals(3, report.scenarios().size());
        }
    }

    @Test
    void findingsExitOne() throws Exception {
        try (SampleConnector connector = new SampleConnector(EnumSet.of(SampleConnector.Flaw.NO_LINE_NUMBER))) {
            Path config = Files.writeString(dir.resolve("conformance.yaml"), """
                    integration:
                      handlerUrl: %s
                    driver:
                      url: %s
                    rules: [line-number-incoming]
                    tags: "@incoming"
                    report: %s
                    """.formatted(connector.url("/b24/events"), connector.url("/pbx"), dir.resolve("report")));
            String out = captured(() -> assertEquals(1, Main.execute("--config", config.toString())));
            assertTrue(out.contains("broken         line-number-incoming"), out);
        }
    }

    /** An integration configured with the portal's incoming webhook instead of installed as an application. */
    @Test
    void webhookModeChecksAnIntegrationThatCallsTheIncomingWebhook() throws Exception {
        try (SampleConnector connector = new SampleConnector(Set.of())) {
            ConformanceConfig config = new ConformanceConfig(null,
                    new ConformanceConfig.Integration("Webhook connector", "webhook", null, null, null, null, "pbx-hook", 1L),
                    new ConformanceConfig.Driver(connector.url("/pbx"), null, null),
                    null, null, null, "@incoming or @outgoing", dir.resolve("hook").toString(), null).checked();
            Report report = Conformance.run(config);
            assertTrue(report.passed(), report.summary());
            assertEquals(Report.KEPT, report.rules().stream().filter(r -> r.id().equals("line-number-incoming"))
                    .findFirst().orElseThrow().verdict());
        }
    }

    /** CI jobs that already run an emulator point the kit at it; the kit leaves no portal of its own behind. */
    @Test
    void theKitAttachesToARunningEmulatorAndCleansUpItsPortals() throws Exception {
        try (SampleConnector connector = SampleConnector.good();
             Bitrix24Emulator running = Bitrix24Emulator.start(EmulatorOptions.defaults())) {
            Path config = Files.writeString(dir.resolve("conformance.yaml"), """
                    integration:
                      handlerUrl: %s
                    driver:
                      url: %s
                    tags: "@outgoing"
                    report: %s
                    """.formatted(connector.url("/b24/events"), connector.url("/pbx"), dir.resolve("report")));
            String out = captured(() -> assertEquals(0,
                    Main.execute("--config", config.toString(), "--emulator", running.baseUrl())));
            assertTrue(out.contains("against the emulator at " + running.baseUrl()), out);
            assertEquals(1, running.controls().portals().size(), "only the emulator's own portal is left");
        }
    }

    @Test
    void anUnreachableEmulatorOrHandlerIsReportedAsSuch() throws Exception {
        Path config = Files.writeString(dir.resolve("conformance.yaml"), """
                integration:
                  handlerUrl: http://127.0.0.1:9/b24/events
                driver:
                  url: http://127.0.0.1:9/pbx
                tags: "@outgoing"
                report: %s
                """.formatted(dir.resolve("report")));
        String err = capturedErr(() -> assertEquals(3,
                Main.execute("--config", config.toString(), "--emulator", "http://127.0.0.1:9")));
        assertTrue(err.contains("did not answer GET /_emulator/health"), err);
        String out = captured(() -> assertEquals(1, Main.execute("--config", config.toString())));
        assertTrue(out.contains("The integration did not accept ONAPPINSTALL at http://127.0.0.1:9/b24/events"), out);
    }

    /**
     * An integration acting as a user the conformance portal does not have is said so before anything runs: the
     * portal refuses a webhook or token of a user it does not have (D100), and every scenario failed on it.
     */
    @Test
    void anIntegrationUserThePortalDoesNotHaveIsSaid() throws Exception {
        Path config = Files.writeString(dir.resolve("conformance.yaml"), """
                integration:
                  auth: webhook
                  userId: 9
                driver:
                  url: http://127.0.0.1:9/pbx
                tags: "@outgoing"
                report: %s
                """.formatted(dir.resolve("report")));
        String out = captured(() -> assertEquals(1, Main.execute("--config", config.toString())));
        assertTrue(out.contains("integration.userId 9 is none of the conformance portal's users (1, 2, 3)"), out);
    }

    /** Users who run Cucumber themselves use the step library as glue and name the config by a system property. */
    @Test
    void theStepLibraryRunsUnderAUsersOwnCucumberRunner() throws Exception {
        try (SampleConnector careful = SampleConnector.good();
             SampleConnector careless = new SampleConnector(Set.of(SampleConnector.Flaw.NO_TIME_ZONE))) {
            assertEquals(0, runOwnCucumber(careful));
            assertEquals(1, runOwnCucumber(careless), "a broken rule fails the scenario");
        }
    }

    private int runOwnCucumber(SampleConnector connector) throws Exception {
        Path config = Files.writeString(dir.resolve("own.yaml"), """
                integration:
                  handlerUrl: %s
                driver:
                  url: %s
                """.formatted(connector.url("/b24/events"), connector.url("/pbx")));
        System.setProperty("b24.conformance.config", config.toString());
        try {
            return io.cucumber.core.cli.Main.run(new String[]{"--glue", "dev.b24emu.conformance.steps",
                    "classpath:dev/b24emu/conformance/features/outgoing.feature"}, getClass().getClassLoader());
        } finally {
            System.clearProperty("b24.conformance.config");
            ConformanceKit.current().close();
        }
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static String captured(Runnable run) {
        return capture(run, false);
    }

    private static String capturedErr(Runnable run) {
        return capture(run, true);
    }

    /** Runs with System.out (or System.err) redirected, and returns what was printed. */
    private static String capture(Runnable run, boolean err) {
        PrintStream original = err ? System.err : System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream into = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        if (err) {
            System.setErr(into);
        } else {
            System.setOut(into);
        }
        try {
            run.run();
        } finally {
            if (err) {
                System.setErr(original);
            } else {
                System.setOut(original);
            }
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
