package dev.b24emu.emulator.reliability;

import dev.b24emu.emulator.testing.EmulatorProcess;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A test run cut short (kill -9, a build's timeout) used to leave the emulators it started running, with their ports,
 * their memory and, for one whose heap had run out, both cores. An {@link EmulatorProcess} now stops with its JVM.
 */
class OrphanedProcessTest {
    /** The JVM of a test run: starts an emulator process, says its pid, and waits to be killed. */
    public static void main(String[] args) throws Exception {
        EmulatorProcess emulator = EmulatorProcess.start();
        System.out.println("EMULATOR " + emulator.process().pid());
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }

    @Test
    void anEmulatorProcessStopsWhenTheJvmThatStartedItIsKilled() throws Exception {
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanedProcessTest.class.getName())
                .redirectErrorStream(true).start();
        ProcessHandle emulator = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("EMULATOR ")) {
                    emulator = ProcessHandle.of(Long.parseLong(line.substring(9).trim())).orElseThrow();
                    break;
                }
            }
            assertTrue(emulator != null && emulator.isAlive(), "the run started an emulator");
            run.destroyForcibly(); // kill -9: nothing of the run's JVM runs on the way out
            assertTrue(run.waitFor(10, TimeUnit.SECONDS));
            emulator.onExit().get(15, TimeUnit.SECONDS);
            assertTrue(!emulator.isAlive(), "the emulator stopped with the run");
        } finally {
            run.destroyForcibly();
            if (emulator != null) {
                emulator.destroyForcibly();
            }
        }
    }
}
