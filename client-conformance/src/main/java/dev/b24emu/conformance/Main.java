package dev.b24emu.conformance;

import dev.b24emu.conformance.report.Report;
import dev.b24emu.conformance.rules.Rule;
import dev.b24emu.conformance.rules.Rules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code java -jar b24-conformance.jar --config conformance.yaml}: exit 0 all kept, 1 findings, 2 bad usage, 3 kit failure. */
@Command(name = "b24-conformance", mixinStandardHelpOptions = true, version = "b24-conformance 0.1.0",
        description = "Checks a Bitrix24 telephony integration against the contract: starts the emulator as its portal, "
                + "drives it through scenarios and reports which rules it keeps or breaks.")
public final class Main implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "the configuration file (default: ${DEFAULT-VALUE})",
            defaultValue = "conformance.yaml")
    Path config;

    @Option(names = "--report", description = "report folder (overrides the config's report)")
    String report;

    @Option(names = "--emulator", description = "attach to a running emulator at this base URL instead of starting one")
    String emulator;

    @Option(names = "--control-token", defaultValue = "${env:B24_EMULATOR_CONTROL_TOKEN}",
            description = "the attached emulator's control token (default: $B24_EMULATOR_CONTROL_TOKEN; overrides the config's)")
    String controlToken;

    @Option(names = "--rules", split = ",", description = "rule IDs to check (overrides the config's rules)")
    List<String> rules;

    @Option(names = "--tags", description = "a Cucumber tag expression selecting scenarios, e.g. \"not @call-card\"")
    String tags;

    @Option(names = "--list-rules", description = "print the rules with their sources and exit")
    boolean listRules;

    @Option(names = "--verbose", description = "also print the embedded emulator's line per request")
    boolean verbose;

    public static void main(String[] args) {
        // slf4j-simple under the emulator command line's settings (warnings, the emulator's lines), where the command
        // line gives none: the emulator's library jar sets no logging of its users
        dev.b24emu.emulator.cli.ServerLog.defaults().forEach((key, value) -> {
            if (System.getProperty((String) key) == null) {
                System.setProperty((String) key, (String) value);
            }
        });
        // The embedded emulator logs a line per request; here that buries the verdict, so it is opt-in (--verbose).
        if (!java.util.Arrays.asList(args).contains("--verbose")) {
            System.setProperty("org.slf4j.simpleLogger.log.b24emu.request", "warn");
        }
        // the backend first, on this thread: initialised by the emulator's threads at once, SLF4J queued their first
        // calls and printed three lines about replaying them
        org.slf4j.LoggerFactory.getILoggerFactory();
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine line = new CommandLine(new Main());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("b24-conformance: " + e.getMessage());
                return 2;
            }
            cmd.getErr().println("b24-conformance: the run could not complete: " + e.getMessage());
            return 3;
        });
        return line.execute(args);
    }

    @Override
    public Integer call() {
        if (listRules) {
            for (Rule rule : Rules.all()) {
                System.out.printf("%-22s %s%n%22s source: %s%n", rule.id(), rule.title(), "", rule.source());
            }
            return 0;
        }
        ConformanceConfig loaded = ConformanceConfig.load(config);
        if (report != null) {
            loaded = loaded.withReport(report);
        }
        if (emulator != null) {
            loaded = loaded.withEmulatorUrl(emulator);
        }
        if (controlToken != null && !controlToken.isBlank()) {
            loaded = loaded.withControlToken(controlToken);
        }
        if (rules != null) {
            loaded = loaded.withRules(rules);
        }
        if (tags != null) {
            loaded = loaded.withTags(tags);
        }
        Report result = Conformance.run(loaded);
        System.out.print(result.summary());
        System.out.println("Report: " + Path.of(loaded.report()).toAbsolutePath().resolve("report.html"));
        return result.passed() ? 0 : 1;
    }
}
