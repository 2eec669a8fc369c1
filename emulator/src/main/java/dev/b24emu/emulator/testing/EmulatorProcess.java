package dev.b24emu.emulator.testing;

import dev.b24emu.emulator.cli.Main;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The emulator as its own process, started with this JVM's class path as a user starts it from the command line: for
 * what only a process shows (its log, a heap of its own, a kill -9, SIGTERM). Its output is collected line by line.
 * It stops when the JVM that started it goes, however that goes.
 */
public final class EmulatorProcess implements AutoCloseable {
    private static final String BANNER = "Bitrix24 telephony emulator on ";
    private static final String WEBHOOK = "Webhook URL (portal 'default'): ";

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final String base;
    private final String webhookUrl;

    private EmulatorProcess(Process process, String base, String webhookUrl) {
        this.process = process;
        this.base = base;
        this.webhookUrl = webhookUrl;
    }

    /**
     * Starts {@code java -cp <test classpath> dev.b24emu.emulator.cli.Main --port 0 --https-port -1 <args>} (either
     * default left out when the arguments name it).
     */
    public static EmulatorProcess start(String... args) throws Exception {
        return start(List.of(), args);
    }

    /** As above, with JVM flags before the main class (a heap cap). */
    public static EmulatorProcess start(List<String> jvmFlags, String... args) throws Exception {
        // the tests' simplelogger.properties keeps request lines quiet; a process logs as the shipped jar does
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.log.b24emu=info",
                "-D" + Main.EXIT_WITH_PROCESS + "=" + ProcessHandle.current().pid()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.b24emu.emulator.cli.Main"));
        // the defaults, unless the arguments name them (picocli takes a single-valued option once)
        for (String[] option : new String[][]{{"--port", "0"}, {"--https-port", "-1"}}) {
            if (!List.of(args).contains(option[0])) {
                command.addAll(List.of(option));
            }
        }
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> early = new ArrayList<>();
        String base = null;
        String line;
        while ((line = out.readLine()) != null) {
            early.add(line);
            if (line.startsWith(BANNER)) {
                base = line.substring(BANNER.length()).trim();
            } else if (line.startsWith(WEBHOOK) && base != null) {
                EmulatorProcess started = new EmulatorProcess(process, base, line.substring(WEBHOOK.length()).trim());
                started.output.addAll(early);
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(started::add);
                    } catch (java.io.UncheckedIOException closed) {
                        // close() ended the process and its output while this thread was reading it
                    }
                }, "emulator-output");
                drain.setDaemon(true);
                drain.start();
                return started;
            }
        }
        process.destroyForcibly();
        throw new AssertionError("The emulator process did not start:\n" + String.join("\n", early));
    }

    private synchronized void add(String line) {
        output.add(line);
    }

    /** Everything the process printed so far. */
    public synchronized List<String> output() {
        return List.copyOf(output);
    }

    public String base() {
        return base;
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    public Process process() {
        return process;
    }

    /** SIGKILL, as a crash: nothing runs on the way out. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a user's Ctrl-C or a container stop; waits for the exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
