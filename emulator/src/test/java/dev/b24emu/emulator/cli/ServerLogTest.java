package dev.b24emu.emulator.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Properties;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's log backend reads slf4j-simple's level keys as slf4j-simple does and writes its line layout;
 * the time text it keeps per second stays right across seconds and zones.
 */
class ServerLogTest {
    private final TimeZone zone = TimeZone.getDefault();

    @AfterEach
    void restore() {
        TimeZone.setDefault(zone);
        System.clearProperty("org.slf4j.simpleLogger.log.b24emu.request");
    }

    private static ServerLog.Config config(PrintStream out, String... keysAndValues) {
        Properties file = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            file.setProperty("org.slf4j.simpleLogger." + keysAndValues[i], keysAndValues[i + 1]);
        }
        return new ServerLog.Config(file, out);
    }

    @Test
    void theLongestConfiguredPrefixDecidesAndASystemPropertyWinsOverTheFile() {
        ServerLog.Config config = config(System.err, "defaultLogLevel", "warn", "log.b24emu", "info",
                "log.b24emu.request", "debug");
        assertEquals(Level.DEBUG.toInt(), config.level("b24emu.request"));
        assertEquals(Level.INFO.toInt(), config.level("b24emu.telephony"));
        assertEquals(Level.WARN.toInt(), config.level("io.vertx.core.impl.ContextImpl"));
        assertEquals(Level.INFO.toInt(), config(System.err).level("io.netty"), "slf4j-simple's default is info");
        assertEquals(Integer.MAX_VALUE, config(System.err, "log.io", "off").level("io.netty"));
        System.setProperty("org.slf4j.simpleLogger.log.b24emu.request", "warn");
        assertEquals(Level.WARN.toInt(), config.level("b24emu.request"));
    }

    /**
     * The command line's settings are its own resource: as the library's simplelogger.properties they set the
     * slf4j-simple defaults of every suite that had the emulator on its class path (its own INFO lines gone, audit 49c).
     */
    @Test
    void theCommandLinesSettingsAreItsOwnAndTheLibrarySetsNoOnesLogging() {
        Properties defaults = ServerLog.defaults();
        assertEquals("warn", defaults.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
        assertEquals("info", defaults.getProperty("org.slf4j.simpleLogger.log.b24emu"));
        assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("target/classes/simplelogger.properties")),
                "the library's classes hold no simplelogger.properties");
        ServerLog.Config config = new ServerLog.Config(defaults, System.err);
        assertEquals(Level.INFO.toInt(), config.level("b24emu.request"));
        assertEquals(Level.WARN.toInt(), config.level("io.netty.channel"));
    }

    @Test
    void theTimeIsIsoWithMillisecondsAndTheZonesOffsetInEverySecond() {
        TimeZone.setDefault(TimeZone.getTimeZone(ZoneId.of("Asia/Kolkata")));
        ServerLog.Config india = config(System.err);
        long at = Instant.parse("2026-12-02T09:07:18.008Z").toEpochMilli();
        assertEquals("2026-12-02T14:37:18.008+05:30", india.time(at));
        assertEquals("2026-12-02T14:37:18.068+05:30", india.time(at + 60));
        assertEquals("2026-12-02T14:37:19.108+05:30", india.time(at + 1100), "a new second is written anew");
        assertEquals("2026-12-02T14:37:17.999+05:30", india.time(at - 9), "and an earlier one too");
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        assertEquals("2026-12-02T09:07:18.668Z", config(System.err).time(at + 660));
    }

    @Test
    void aLineIsTimeLevelMessageAndAThrowableFollowsItsLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ServerLog.Config config = config(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        config.write(Level.INFO, "GET user.current portal=default status=200 1.00ms", null);
        config.write(Level.WARN, "a handler failed", new IllegalStateException("boom"));
        config.flush();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertTrue(lines[0].matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO GET user"
                + "\\.current portal=default status=200 1\\.00ms"), lines[0]);
        assertTrue(lines[1].endsWith(" WARN a handler failed"), lines[1]);
        assertEquals("java.lang.IllegalStateException: boom", lines[2]);
        assertTrue(lines[3].startsWith("\tat "), lines[3]);
    }

    @Test
    void anIoFailureIsOneLineWithoutItsTrace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ServerLog.Config config = config(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        // what Netty logs when accept() fails for want of file descriptors
        config.write(Level.WARN, "Failed to create a new channel from an accepted socket.",
                new java.io.IOException("Too many open files"));
        config.flush();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertEquals(1, lines.length, String.join("\n", lines));
        assertTrue(lines[0].endsWith(" WARN Failed to create a new channel from an accepted socket.: "
                + "java.io.IOException: Too many open files"), lines[0]);
    }
}
