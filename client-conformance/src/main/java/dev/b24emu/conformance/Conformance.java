package dev.b24emu.conformance;

import dev.b24emu.conformance.report.Report;
import dev.b24emu.conformance.report.ReportWriter;
import dev.b24emu.conformance.report.ScenarioListener;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner as a library: {@code Report report = Conformance.run(ConformanceConfig.load(path));} starts (or attaches
 * to) the emulator, runs the features against the integration, judges every scenario's traffic by the rules, and
 * writes report.json, report.html and junit.xml to the config's report folder.
 */
public final class Conformance {
    /** Where the kit's own feature files live on the classpath. */
    public static final String BUILT_IN_FEATURES = "classpath:dev/b24emu/conformance/features";
    private static final String GLUE = "dev.b24emu.conformance.steps";

    private Conformance() {
    }

    /**
     * The scenarios to run: the config's tag expression; in webhook mode without those that need an application
     * ({@code @application}: widgets, token refresh), which a webhook-only integration cannot have (D77).
     */
    static String tags(ConformanceConfig config) {
        String given = config.tags() == null || config.tags().isBlank() ? null : config.tags();
        if (config.integration().oauth()) {
            return given;
        }
        return given == null ? "not @application" : "(" + given + ") and not @application";
    }

    public static Report run(ConformanceConfig config) {
        Instant started = Instant.now();
        try (ConformanceKit kit = ConformanceKit.open(config)) {
            System.out.println("Checking " + config.integration().name() + " against the emulator at " + kit.emulatorUrl()
                    + (config.integration().oauth() ? "" : " (its webhook: " + kit.webhookUrl() + ")"));
            List<String> args = new ArrayList<>(List.of("--glue", GLUE, "--plugin", ScenarioListener.class.getName(),
                    "--monochrome", "--snippets", "camelcase"));
            String tags = tags(config);
            if (tags != null) {
                args.add("--tags");
                args.add(tags);
            }
            if (config.builtInFeatures()) {
                args.add(BUILT_IN_FEATURES);
            }
            args.addAll(config.features());
            System.setProperty("cucumber.publish.quiet", "true");
            byte status = io.cucumber.core.cli.Main.run(args.toArray(String[]::new), Conformance.class.getClassLoader());
            if (status != 0 && kit.recorder().outcomes().isEmpty()) {
                throw new IllegalArgumentException("Cucumber could not run the features (its message is above): "
                        + "check features and tags in the config");
            }
            Report report = Report.build(config.integration().name(), kit.emulatorUrl(), started.toString(),
                    Instant.now().toEpochMilli() - started.toEpochMilli(), kit.recorder(), kit.rules());
            ReportWriter.write(report, Path.of(config.report()));
            return report;
        }
    }
}
