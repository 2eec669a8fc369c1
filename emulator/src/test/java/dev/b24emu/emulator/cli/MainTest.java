package dev.b24emu.emulator.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    private static int run(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void badOptionsExitWithTwoAndAMessage() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "--port", "abc"));
        assertTrue(err.toString().contains("--port"), err.toString());
        assertEquals(2, run(new StringWriter(), "--no-such-option"));
        assertEquals(2, run(new StringWriter(), "--port", "70000"));
        StringWriter seedErr = new StringWriter();
        assertEquals(2, run(seedErr, "--seed", "/no/such/file.json"));
        assertTrue(seedErr.toString().contains("Cannot read seed file"), seedErr.toString());
        Path bad = Files.createTempFile("seed", ".json");
        Files.writeString(bad, "{\"users\": 5}");
        StringWriter invalid = new StringWriter();
        assertEquals(2, run(invalid, "--seed", bad.toString()));
        assertTrue(invalid.toString().contains("must be an array"), invalid.toString());
    }

    /** A taken port is named as the port it is: a taken proxy port was reported as the (free) HTTP port. */
    @Test
    void aTakenPortIsNamedForWhatItServes() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            StringWriter proxy = new StringWriter();
            assertEquals(1, run(proxy, "--port", "0", "--https-port", "-1", "--proxy-port", "" + taken.getLocalPort()));
            assertTrue(proxy.toString().contains("the proxy port 127.0.0.1:" + taken.getLocalPort() + ": "), proxy.toString());
            StringWriter https = new StringWriter();
            assertEquals(1, run(https, "--port", "0", "--https-port", "" + taken.getLocalPort(), "--proxy-port", "-1"));
            assertTrue(https.toString().contains("the HTTPS port 127.0.0.1:" + taken.getLocalPort() + ": "), https.toString());
            StringWriter http = new StringWriter();
            assertEquals(1, run(http, "--port", "" + taken.getLocalPort(), "--https-port", "-1", "--proxy-port", "-1"));
            assertTrue(http.toString().contains("the HTTP port 127.0.0.1:" + taken.getLocalPort() + ": "), http.toString());
        }
    }

    @Test
    void helpExitsWithZero() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("--help"));
        assertTrue(out.toString().contains("--webhook-token"));
        // the two standard options, declared in Main rather than by picocli's mixin (read at every start)
        assertTrue(out.toString().contains("-h, --help") && out.toString().contains("-V, --version"), out.toString());
    }

    @Test
    void versionExitsWithZero() {
        for (String option : List.of("--version", "-V")) {
            StringWriter out = new StringWriter();
            CommandLine cli = Main.commandLine(name -> null);
            cli.setOut(new PrintWriter(out, true));
            assertEquals(0, cli.execute(option));
            assertEquals("b24-emulator 0.1.0", out.toString().strip());
        }
    }

    /** An event loop that dies (Netty lets an Error out of its run loop) stops the command line's server: status 3. */
    @Test
    void aDeadEventLoopStopsTheServerWithStatusThree() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), DyingEventLoop.class.getName()).redirectErrorStream(true).start();
        assertTrue(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "still running");
        String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(3, child.exitValue(), output);
        assertTrue(output.contains("vert.x-eventloop-thread-0 died of java.lang.OutOfMemoryError: Java heap space"), output);
        assertTrue(Main.servesConnections("vert.x-acceptor-thread-0"));
        assertFalse(Main.servesConnections("vert.x-worker-thread-3"));
    }

    /** A process whose event loop dies as a heap run out there ends one. */
    static final class DyingEventLoop {
        public static void main(String[] args) throws Exception {
            Thread.setDefaultUncaughtExceptionHandler(Main::threadDied);
            Thread loop = new Thread(() -> {
                throw new OutOfMemoryError("Java heap space");
            }, "vert.x-eventloop-thread-0");
            loop.start();
            Thread.sleep(20_000);
        }
    }
}
