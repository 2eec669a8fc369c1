package dev.b24emu.conformance;

import dev.b24emu.conformance.report.RunRecorder;
import dev.b24emu.conformance.rules.Rule;
import dev.b24emu.conformance.rules.Rules;
import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;

import java.nio.file.Path;
import java.util.List;

/**
 * One conformance run's equipment: the emulator (started here or attached to), its control API, the driver of
 * the integration's phone system, the selected rules and the recorder of results. The step classes reach it
 * through {@link #current()}: Cucumber creates them itself, so the run hands it over in one place.
 */
public final class ConformanceKit implements AutoCloseable {
    private static volatile ConformanceKit current;

    private final ConformanceConfig config;
    /** the emulator this kit started, or null when it attached to a running one */
    private final Bitrix24Emulator embedded;
    private final ControlClient control;
    private final PbxDriver driver;
    private final List<Rule> rules;
    private final RunRecorder recorder = new RunRecorder();

    private ConformanceKit(ConformanceConfig config) {
        this.config = config;
        if (config.emulator().url() == null) {
            Integer port = config.emulator().port(); // emulator.port: the started one's (0 or none: any free one)
            embedded = Bitrix24Emulator.start(EmulatorOptions.builder().port(port == null ? 0 : port).build());
            control = new ControlClient(embedded.baseUrl(), embedded.controlToken());
        } else {
            embedded = null;
            control = new ControlClient(config.emulator().url(), config.emulator().controlToken());
            control.get("/_emulator/health");
        }
        this.driver = PbxDriver.from(config.driver());
        this.rules = Rules.selected(config.rules());
    }

    /** Starts or attaches to the emulator and makes this the kit the steps use. */
    public static ConformanceKit open(ConformanceConfig config) {
        ConformanceKit kit = new ConformanceKit(config.checked());
        current = kit;
        return kit;
    }

    /**
     * The kit of the running conformance run; when Cucumber runs the step library on its own (a user's runner),
     * one is opened from the file named by the system property {@code b24.conformance.config}.
     */
    public static synchronized ConformanceKit current() {
        if (current == null) {
            String file = System.getProperty("b24.conformance.config", System.getenv("B24_CONFORMANCE_CONFIG"));
            if (file == null) {
                throw new ConformanceException("No conformance run: start one with the b24-conformance runner, or set "
                        + "-Db24.conformance.config=conformance.yaml for your own Cucumber runner");
            }
            ConformanceKit kit = open(ConformanceConfig.load(Path.of(file)));
            Runtime.getRuntime().addShutdownHook(new Thread(kit::close));
        }
        return current;
    }

    public ConformanceConfig config() {
        return config;
    }

    public ControlClient control() {
        return control;
    }

    public PbxDriver driver() {
        return driver;
    }

    public List<Rule> rules() {
        return rules;
    }

    public RunRecorder recorder() {
        return recorder;
    }

    public String emulatorUrl() {
        return control.baseUrl();
    }

    /** The incoming webhook URL a webhook-mode integration is configured with (the same in every scenario). */
    public String webhookUrl() {
        return control.baseUrl() + "/rest/" + config.integration().userId() + "/" + config.integration().webhookToken() + "/";
    }

    @Override
    public void close() {
        if (current == this) {
            current = null;
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
