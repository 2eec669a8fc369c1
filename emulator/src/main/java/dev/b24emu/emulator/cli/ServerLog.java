package dev.b24emu.emulator.cli;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command line's SLF4J backend ({@link Main} names it in {@code slf4j.provider}; a project embedding the library
 * keeps its own). It reads slf4j-simple's level keys, from its own defaults, a {@code simplelogger.properties} and system properties
 * ({@code org.slf4j.simpleLogger.defaultLogLevel}, {@code org.slf4j.simpleLogger.log.<prefix>},
 * {@code org.slf4j.simpleLogger.logFile}), and writes the layout that file sets: ISO date-time with offset, level,
 * message. It exists for the time stamp: slf4j-simple formats one with a locked SimpleDateFormat per line, about 6 %
 * of a request's CPU under load; here the second's text is kept and only the milliseconds are written.
 */
public final class ServerLog implements SLF4JServiceProvider {
    private static final String PREFIX = "org.slf4j.simpleLogger.";
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private ILoggerFactory loggers;
    /** the backend SLF4J initialised, whose queued lines {@link #flush()} writes */
    private static volatile Config active;

    /** The command line's own settings, in slf4j-simple's keys; a user's simplelogger.properties is read over them. */
    private static final String DEFAULTS = "dev/b24emu/emulator/cli/server-log.properties";

    /**
     * The command line's log settings in slf4j-simple's keys: server-style lines, one INFO line per request, warnings
     * from everything else. A program that runs the emulator under slf4-simple (the conformance kit) sets them as
     * system properties; the library jar has no simplelogger.properties, which would set its users' defaults.
     */
    public static Properties defaults() {
        Properties settings = new Properties();
        read(settings, DEFAULTS);
        return settings;
    }

    private static void read(Properties into, String resource) {
        try (InputStream in = ServerLog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                into.load(in);
            }
        } catch (IOException unreadable) {
            // as slf4j-simple: without the file, what there is
        }
    }

    @Override
    public void initialize() {
        Properties file = defaults();
        read(file, "simplelogger.properties");
        Config config = new Config(file, destination(setting(file, "logFile", "System.err")));
        active = config;
        Runtime.getRuntime().addShutdownHook(new Thread(config::flush, "b24-log-flush"));
        Map<String, Logger> made = new ConcurrentHashMap<>();
        loggers = name -> made.computeIfAbsent(name, n -> new ServerLogger(n, config.level(n), config));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    /** Writes the lines still queued, on the caller's thread: after the emulator's last line, before the exit. */
    static void flush() {
        Config config = active;
        if (config != null) {
            config.flush();
        }
    }

    /** A system property wins over the file, as in slf4j-simple. */
    private static String setting(Properties file, String key, String otherwise) {
        String value = System.getProperty(PREFIX + key);
        return value != null ? value : file.getProperty(PREFIX + key, otherwise);
    }

    private static PrintStream destination(String logFile) {
        if (logFile.equalsIgnoreCase("System.out")) {
            return System.out;
        }
        if (logFile.equalsIgnoreCase("System.err")) {
            return System.err;
        }
        try {
            return new PrintStream(new FileOutputStream(logFile, true), true);
        } catch (FileNotFoundException unwritable) {
            System.err.println("b24-emulator: cannot write the log file " + logFile + "; logging to stderr");
            return System.err;
        }
    }

    /** The levels and the writer of the stream; the line's time text, kept per second. */
    static final class Config {
        private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);
        private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("XXX", Locale.ROOT);
        private final Properties file;
        private final LogWriter out;
        private final ZoneId zone = ZoneId.systemDefault();
        /** the epoch second last written, its date-time text and its zone offset ("Z", "+03:00") */
        private volatile Second second = new Second(Long.MIN_VALUE, "", "");

        private record Second(long epochSecond, String text, String offset) {
        }

        Config(Properties file, PrintStream out) {
            this.file = file;
            // java.time's zone rules and formatters are made here, as SLF4J starts (beside the command line's reading
            // in Main), rather than in the first request's line: 10-30 ms of a cold server's first answer
            time(System.currentTimeMillis());
            this.out = new LogWriter(out, (count, at) -> time(at) + " WARN " + count
                    + " log lines dropped: their destination did not take them as fast as they came");
        }

        void flush() {
            out.flush();
        }

        /** The level of the longest configured prefix of the name (a.b.c, a.b, a), else the default (info). */
        int level(String name) {
            for (String prefix = name; ; prefix = prefix.substring(0, prefix.lastIndexOf('.'))) {
                String value = setting(file, "log." + prefix, null);
                if (value != null) {
                    return parse(value);
                }
                if (prefix.indexOf('.') < 0) {
                    return parse(setting(file, "defaultLogLevel", "info"));
                }
            }
        }

        private static int parse(String level) {
            return switch (level.trim().toLowerCase(Locale.ROOT)) {
                case "trace" -> Level.TRACE.toInt();
                case "debug" -> Level.DEBUG.toInt();
                case "warn" -> Level.WARN.toInt();
                case "error" -> Level.ERROR.toInt();
                case "off" -> Integer.MAX_VALUE;
                default -> Level.INFO.toInt();
            };
        }

        /** "2026-12-02T09:07:18.668Z" for a wall-clock instant, as slf4j-simple's yyyy-MM-dd'T'HH:mm:ss.SSSXXX. */
        String time(long epochMillis) {
            long epochSecond = Math.floorDiv(epochMillis, 1000);
            Second known = second;
            if (known.epochSecond() != epochSecond) {
                ZonedDateTime at = Instant.ofEpochSecond(epochSecond).atZone(zone);
                known = new Second(epochSecond, SECOND.format(at), OFFSET.format(at));
                second = known;
            }
            int millis = (int) Math.floorMod(epochMillis, 1000);
            return known.text() + (millis < 10 ? ".00" : millis < 100 ? ".0" : ".") + millis + known.offset();
        }

        void write(Level level, String message, Throwable thrown) {
            String line = time(System.currentTimeMillis()) + ' ' + level.name() + ' ' + message;
            if (thrown == null) {
                out.add(line);
                return;
            }
            if (thrown instanceof java.io.IOException) {
                // a condition of the machine or a peer (too many open files, a reset connection), not a bug: its
                // trace says nothing more, and a client or a limit that causes it again and again would flood the log
                out.add(line + ": " + thrown);
                return;
            }
            StringWriter trace = new StringWriter(); // one text: the trace right under its line
            thrown.printStackTrace(new PrintWriter(trace));
            out.add(line + System.lineSeparator() + trace.toString().stripTrailing());
        }
    }

    private static final class ServerLogger extends LegacyAbstractLogger {
        private final transient int level;
        private final transient Config config;

        ServerLogger(String name, int level, Config config) {
            this.name = name;
            this.level = level;
            this.config = config;
        }

        @Override
        public boolean isTraceEnabled() {
            return level <= Level.TRACE.toInt();
        }

        @Override
        public boolean isDebugEnabled() {
            return level <= Level.DEBUG.toInt();
        }

        @Override
        public boolean isInfoEnabled() {
            return level <= Level.INFO.toInt();
        }

        @Override
        public boolean isWarnEnabled() {
            return level <= Level.WARN.toInt();
        }

        @Override
        public boolean isErrorEnabled() {
            return level <= Level.ERROR.toInt();
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level at, Marker marker, String pattern, Object[] arguments,
                                                   Throwable thrown) {
            config.write(at, MessageFormatter.basicArrayFormat(pattern, arguments), thrown);
        }
    }
}
