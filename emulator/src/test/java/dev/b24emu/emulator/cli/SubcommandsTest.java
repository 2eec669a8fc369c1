package dev.b24emu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import dev.b24emu.emulator.TestPortal;
import dev.b24emu.emulator.testing.HandlerServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** health, trigger and tail against a running emulator, as a handler developer and a container use them. */
class SubcommandsTest {
    /** One run: exit code, standard output, standard error. */
    record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(environment::get);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void healthSaysUpOrDownAndFindsTheTokenWhereTheServerWroteIt(@TempDir Path dir) throws Exception {
        try (Bitrix24Emulator b24 = Bitrix24Emulator.start(EmulatorOptions.defaults())) {
            Run up = run("health", "--url", b24.baseUrl());
            assertEquals(0, up.code(), up.err());
            assertTrue(up.out().matches("(?s)UP: 1 portal\\(s\\), [1-9]\\d* of [1-9]\\d* connections open \\((io_uring|nio)\\), up .*"), up.out());
            assertEquals(0, run(Map.of("B24_EMULATOR_PORT", String.valueOf(b24.port())), "health").code(),
                    "without --url it asks 127.0.0.1 on the port the server was given");
        }
        Run down = run("health", "--url", "http://127.0.0.1:1");
        assertEquals(1, down.code());
        assertTrue(down.err().startsWith("DOWN: Cannot reach the emulator at http://127.0.0.1:1"), down.err());

        try (Bitrix24Emulator b24 = Bitrix24Emulator.start(EmulatorOptions.builder().host("0.0.0.0")
                .controlToken("s3cret-token").build())) {
            String url = "http://127.0.0.1:" + b24.port();
            Run refused = run("health", "--url", url);
            assertEquals(1, refused.code());
            assertTrue(refused.err().contains("401"), refused.err());
            Path file = dir.resolve("control-token");
            Files.writeString(file, "s3cret-token\n");
            assertEquals(0, run("health", "--url", url, "--control-token-file", file.toString()).code());
            assertEquals(0, run(Map.of("B24_EMULATOR_CONTROL_TOKEN", "s3cret-token", "B24_EMULATOR_PORT",
                    String.valueOf(b24.port())), "health").code(), "the container's variables are enough");

            // each mistake named for what it is (audit 50c): a wrong token, a token file that is not there, and tail
            // refused for want of a token
            Run wrong = run("health", "--url", url, "--control-token", "wrong");
            assertTrue(wrong.err().contains("given is not this emulator's"), wrong.err());
            Run missing = run("tail", "--url", url, "--control-token-file", dir.resolve("nothing").toString());
            assertEquals(2, missing.code());
            assertTrue(missing.err().contains("Cannot read the control token file " + dir.resolve("nothing")
                    + ": no such file"), missing.err());
            Run tail = run("tail", "--url", url);
            assertEquals(2, tail.code());
            assertTrue(tail.err().contains("CONTROL_TOKEN_REQUIRED: The control API needs the emulator's control token"),
                    tail.err());
        }
        Run notAUrl = run("trigger", "OnVoximplantCallEnd", "--url", "not-a-url", "--to", "http://127.0.0.1:2/");
        assertEquals(2, notAUrl.code(), "a bad option, not an emulator out of reach: " + notAUrl.err());
        assertTrue(notAUrl.err().startsWith("Not a URL: not-a-url"), notAUrl.err());
        Run negative = run("tail", "-n", "-5", "--url", "http://127.0.0.1:1");
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("--lines must be 0 or more"), negative.err());
    }

    /**
     * A B24_EMULATOR_* variable no option reads is said at start, with the nearest one: a misspelt variable was
     * ignored and a container ran on its defaults (audit 60b). The subcommands' variables are all known.
     */
    @Test
    void aVariableNoOptionReadsIsSaid() {
        CommandLine cli = Main.commandLine(Map.<String, String>of()::get);
        List<String> said = Main.unknownVariables(Map.of("B24_EMULATOR_PROT", "9000", "B24_EMULATOR_PORT", "9001",
                "B24_EMULATOR_URL", "http://x", "B24_EMULATOR_IMAGE", "i", "PATH", "/bin"), cli.getCommandSpec());
        assertEquals(List.of("B24_EMULATOR_PROT is set, but no option of the emulator is read from it (did you mean"
                + " B24_EMULATOR_PORT?); --help lists the variables"), said);
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().options().forEach(option -> {
            if (!option.usageHelp() && !option.versionHelp()) {
                assertTrue(Main.unknownVariables(Map.of(EnvironmentDefaults.variable(option), "x"),
                        cli.getCommandSpec()).isEmpty(), EnvironmentDefaults.variable(option));
            }
        }));
    }

    @Test
    void everyOptionIsReadFromTheEnvironmentAndTheCommandLineWins() {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        new EnvironmentDefaults(Map.of("B24_EMULATOR_PORT", "9123", "B24_EMULATOR_STATE_FILE", "/data/state.json",
                "B24_EMULATOR_ALLOWED_HOST", "emulator,b24.local", "B24_EMULATOR_WEBHOOK_TOKEN", "")::get).install(cli, true);
        cli.parseArgs("--host", "0.0.0.0");
        assertEquals(9123, main.port);
        assertEquals("0.0.0.0", main.host);
        assertEquals(Path.of("/data/state.json"), main.stateFile);
        assertEquals(List.of("emulator", "b24.local"), main.allowedHosts);
        assertNull(main.webhookToken, "an empty variable is unset (the server then chooses demo-token or a random one)");
        cli.parseArgs("--port", "9000");
        assertEquals(9000, main.port);

        Run bad = run(Map.of("B24_EMULATOR_PORT", "abc"));
        assertEquals(2, bad.code());
        // the variable is named, and the usage with "(default: abc)" is not printed
        assertTrue(bad.err().startsWith("B24_EMULATOR_PORT=abc is not a valid value of --port"), bad.err());
        assertFalse(bad.err().contains("default: abc"), bad.err());
        Run badFlag = run(Map.of(), "--port", "abc");
        assertEquals(2, badFlag.code());
        assertTrue(badFlag.err().contains("--port") && badFlag.err().contains("abc") && !badFlag.err().startsWith("B24_EMULATOR_PORT="), badFlag.err());

        Run help = run("--help");
        assertTrue(help.out().contains("B24_EMULATOR_CONTROL_TOKEN") && help.out().contains("B24_EMULATOR_STATE_FILE")
                && help.out().contains("B24_EMULATOR_TLS_DIR"), help.out());
        assertFalse(help.out().contains("WARM_UP"), "the build's hidden option is not offered: " + help.out());
        Run triggerHelp = run("trigger", "--help");
        assertEquals(0, triggerHelp.code());
        assertTrue(triggerHelp.out().contains("--to=URL") && triggerHelp.out().contains("B24_EMULATOR_URL"), triggerHelp.out());
    }

    @Test
    void triggerSendsTheEventAsTheInstalledApplicationAndSaysWhatTheHandlerAnswered() {
        try (Bitrix24Emulator b24 = Bitrix24Emulator.start(EmulatorOptions.defaults());
             HandlerServer handler = new HandlerServer()) {
            TestPortal portal = b24.controls().newPortal();
            Run noApp = run("trigger", "OnVoximplantCallEnd", "--url", b24.baseUrl(), "--portal", portal.id(),
                    "--to", handler.url("/b24"));
            assertEquals(2, noApp.code());
            assertTrue(noApp.err().contains("install one first"), noApp.err());

            JsonNode app = portal.installApp("local.pbx", "s3cret", List.of("telephony", "crm", "user"), null);
            Run sent = run("trigger", "OnVoximplantCallEnd", "--url", b24.baseUrl(), "--portal", portal.id(),
                    "--to", handler.url("/b24"), "--data", "CALL_DURATION=35", "--data", "PORTAL_USER_ID=2");
            assertEquals(0, sent.code(), sent.err());
            assertTrue(sent.out().startsWith("ONVOXIMPLANTCALLEND -> " + handler.url("/b24") + ": HTTP 200 in "), sent.out());
            var form = handler.awaitEvent("ONVOXIMPLANTCALLEND").form();
            assertEquals("35", form.at("/data/CALL_DURATION").asText());
            assertEquals(app.get("application_token").asText(), form.at("/auth/application_token").asText());
            assertTrue(sent.out().contains(app.get("application_token").asText()), "the payload is printed: " + sent.out());
            portal.assertDelivered("ONVOXIMPLANTCALLEND");

            Run badData = run("trigger", "OnVoximplantCallEnd", "--url", b24.baseUrl(), "--portal", portal.id(),
                    "--to", handler.url("/b24"), "--data", "CALL_TYPE=9");
            assertEquals(2, badData.code());
            assertTrue(badData.err().contains("/data/CALL_TYPE"), badData.err());

            handler.answer(503, 0);
            Run failed = run("trigger", "OnVoximplantCallStart", "--url", b24.baseUrl(), "--portal", portal.id(),
                    "--to", handler.url("/b24"));
            assertEquals(1, failed.code());
            assertTrue(failed.out().contains("HTTP 503"), failed.out());
        }
        Run gone = run("trigger", "OnVoximplantCallEnd", "--url", "http://127.0.0.1:1", "--to", "http://127.0.0.1:2/");
        assertEquals(3, gone.code());
        assertTrue(gone.err().contains("Cannot reach the emulator"), gone.err());
        assertEquals(2, run("trigger", "OnVoximplantCallEnd").code(), "--to is required");
    }

    @Test
    void tailFollowsTheJournalLiveAndEndsWhenTheEmulatorStops() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> tail;
        try (Bitrix24Emulator b24 = Bitrix24Emulator.start(EmulatorOptions.defaults());
             HandlerServer handler = new HandlerServer()) {
            TestPortal portal = b24.controls().newPortal();
            call(portal.webhookUrl() + "user.get");                      // history: shown first
            CommandLine cli = Main.commandLine(name -> null);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            tail = CompletableFuture.supplyAsync(() -> cli.execute("tail", "--url", b24.baseUrl(), "--portal",
                    portal.id(), "--deliveries", "-n", "5"));
            await(() -> out.toString().contains(" user.get 200 "), "the history", out);

            call(portal.webhookUrl() + "user.current");
            call(b24.webhookUrl() + "user.current");                      // another portal: not followed
            await(() -> out.toString().contains(" user.current 200 "), "a call made while it follows", out);
            // a refused call says what the answer said of its error, not its code alone
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(portal.webhookUrl()
                    + "telephony.externalcall.register?PHONE_NUMBER=%2B79990000001&TYPE=2")).build(),
                    HttpResponse.BodyHandlers.discarding());
            await(() -> out.toString().contains(" telephony.externalcall.register 400 ERROR_CORE (USER_ID or"
                    + " USER_PHONE_INNER should be set) "), "the refusal with its description", out);
            portal.installApp("local.pbx", "s3cret", List.of("telephony"), handler.url("/install"));
            await(() -> out.toString().contains("-> ONAPPINSTALL " + handler.url("/install") + " 200"), "a delivery", out);
            assertTrue(out.toString().lines().allMatch(l -> l.contains(" " + portal.id() + " ")), out.toString());
            assertEquals(2, out.toString().lines().filter(l -> l.contains(" user.")).count(), out.toString());
        }
        assertEquals(0, tail.get(15, TimeUnit.SECONDS), err.toString());
        assertTrue(err.toString().contains("closed the stream") || err.toString().contains("went away"), err.toString());
        assertFalse(out.toString().contains("Exception"), out.toString());
    }

    @Test
    void tailFiltersByMethodAcrossPortals() throws Exception {
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> tail;
        try (Bitrix24Emulator b24 = Bitrix24Emulator.start(EmulatorOptions.defaults())) {
            TestPortal other = b24.controls().newPortal();
            CommandLine cli = Main.commandLine(name -> null);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(new StringWriter(), true));
            tail = CompletableFuture.supplyAsync(() -> cli.execute("tail", "--url", b24.baseUrl(), "--method",
                    "USER.CURRENT", "-n", "0"));
            Thread.sleep(500);
            call(b24.webhookUrl() + "user.get");
            call(b24.webhookUrl() + "user.current");
            call(other.webhookUrl() + "user.current");
            // and one whose mistyped token names no portal, said with what was wrong (D184)
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(b24.webhookUrl()
                    .replace("/demo-token/", "/demo-tokn/") + "user.current")).build(), HttpResponse.BodyHandlers.ofString());
            await(() -> out.toString().lines().count() == 3, "both portals' user.current and the refused one", out);
            assertTrue(out.toString().contains(" default ") && out.toString().contains(" " + other.id() + " "), out.toString());
            assertTrue(out.toString().contains(" (none)     GET  user.current 401 NO_AUTH_FOUND ")
                    && out.toString().contains("webhook no portal of this emulator has this webhook token"), out.toString());
            assertFalse(out.toString().contains("user.get"), out.toString());
        }
        assertEquals(0, tail.get(15, TimeUnit.SECONDS));
    }

    private static void call(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static void await(BooleanSupplier condition, String what, StringWriter out) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("tail did not show " + what + " within 10 s; it showed:\n" + out);
            }
            Thread.sleep(20);
        }
    }
}
