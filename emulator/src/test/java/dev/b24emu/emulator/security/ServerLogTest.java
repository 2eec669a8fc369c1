package dev.b24emu.emulator.security;

import dev.b24emu.emulator.testing.EmulatorProcess;
import dev.b24emu.emulator.support.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's log, read as an operator reads it (issue #17, items 14 and 17): one line per request, no secret, no
 * line or terminal escape a client could forge, and no stack trace or ERROR for what clients get wrong.
 */
class ServerLogTest {
    private static final String SECRET = "l0g-secret-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static EmulatorProcess emulator;

    @BeforeAll
    static void start() throws Exception {
        emulator = EmulatorProcess.start("--webhook-token", SECRET, "--body-limit", "4096");
    }

    @AfterAll
    static void stop() throws Exception {
        emulator.close();
    }

    @Test
    void clientMistakesLeaveNoSecretNoForgedLineAndNoStackTrace() throws Exception {
        String base = emulator.base();
        String webhook = base + "/rest/1/" + SECRET + "/";
        int before = emulator.output().size();
        // a body over the limit (413), the webhook path without a method, an OAuth token as a parameter
        assertEquals(413, HTTP.send(HttpRequest.newBuilder(URI.create(webhook + "user.current"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(10_000))).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, RawHttp.status(RawHttp.get(base, "/rest/1/" + SECRET)));
        assertEquals(200, RawHttp.status(RawHttp.get(base, "/rest/1/" + SECRET + "/user.current?access_token=" + SECRET)));
        // a path that would write a terminal escape and a fake second log line
        assertEquals(404, RawHttp.status(RawHttp.get(base, "/rest/1/" + SECRET + "/user%1b%5b31m%0d%0aINFO%20forged")));
        // requests no route takes: OPTIONS *, CONNECT, no Host header, a bad % escape
        RawHttp.exchange(base, "OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        RawHttp.exchange(base, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nConnection: close\r\n\r\n");
        RawHttp.exchange(base, "GET /_emulator/health HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertEquals(400, RawHttp.status(RawHttp.get(base, "/rest/1/" + SECRET + "/user.cur%zzrent")));
        assertEquals(400, RawHttp.status(RawHttp.get(base, "/_emulator/portals/%zz")));

        Thread.sleep(300); // the last lines reach the output
        List<String> lines = emulator.output().subList(before, emulator.output().size());
        String log = String.join("\n", lines);
        assertFalse(log.contains(SECRET), "no secret in the log:\n" + log);
        assertFalse(log.contains("\u001b"), "no terminal escape in the log:\n" + log);
        assertTrue(lines.stream().noneMatch(line -> line.contains("forged") && !line.contains("GET user%1b%5b31m%0d%0aINFO%20forged ")),
                "no forged line:\n" + log);
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")),
                "no stack trace:\n" + log);
        assertTrue(lines.stream().noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN ")),
                "client mistakes are not server errors:\n" + log);
        assertTrue(lines.stream().anyMatch(line -> line.contains("POST user.current portal=default status=413")), log);
    }

    /**
     * A failed delivery has its line beside the requests, without the handler URL's query (an integration's secret
     * may be there): only the journal said a handler refused, and nobody looked there (audit 60a).
     */
    @Test
    void aFailedDeliveryIsOneLineWithoutTheHandlersQuery() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort(); // nothing listens there once the socket is closed
        }
        String handler = "http://127.0.0.1:" + closed + "/events?key=handler-secret";
        int before = emulator.output().size();
        assertEquals(201, HTTP.send(HttpRequest.newBuilder(URI.create(emulator.base()
                        + "/_emulator/portals/default/outgoing-webhooks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"handlerUrl\":\"" + handler
                        + "\",\"events\":[\"ONCRMCONTACTADD\"]}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(emulator.base() + "/rest/1/" + SECRET
                        + "/crm.contact.add")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"fields\":{\"NAME\":\"Logged\"}}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        String expected = "Delivery ONCRMCONTACTADD to http://127.0.0.1:" + closed + "/events?… of portal default failed: ";
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && emulator.output().subList(before, emulator.output().size())
                .stream().noneMatch(line -> line.contains(expected))) {
            Thread.sleep(50);
        }
        String log = String.join("\n", emulator.output().subList(before, emulator.output().size()));
        assertTrue(log.contains(expected), log);
        assertFalse(log.contains("handler-secret"), log);
    }

    /**
     * A periodic save that fails is a WARN line, not silence (the state was lost unseen: audit 60b), once while it
     * goes on, and the save that works again an INFO line.
     */
    @Test
    void aFailingPeriodicSaveIsSaidOnceAndItsRecoveryToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createDirectory(dir.resolve("state"));
        try (EmulatorProcess saving = EmulatorProcess.start("--state-file", folder.resolve("state.json").toString(),
                "--state-save-seconds", "1")) {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(folder)) {
                for (java.nio.file.Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(p);
                }
            }
            java.nio.file.Files.writeString(folder, "a file where the folder was");
            awaitLine(saving, "WARN Cannot save state file " + folder.resolve("state.json"));
            Thread.sleep(2500); // two more failing saves
            java.nio.file.Files.delete(folder);
            awaitLine(saving, "INFO The state file is saved again");
            assertEquals(1, saving.output().stream().filter(line -> line.contains("Cannot save state file")).count(),
                    saving.output().toString());
            assertTrue(saving.output().stream().noneMatch(line -> line.startsWith("\tat ")), saving.output().toString());
        }
    }

    private static void awaitLine(EmulatorProcess process, String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (process.output().stream().noneMatch(line -> line.contains(text))) {
            assertTrue(System.currentTimeMillis() < deadline, "no line with \"" + text + "\": " + process.output());
            Thread.sleep(50);
        }
    }

    @Test
    void theOnlyPlaceTheWebhookSecretIsPrintedIsTheStartBanner() {
        List<String> banner = emulator.output().stream().filter(line -> line.contains(SECRET)).toList();
        assertEquals(1, banner.size(), banner.toString());
        assertTrue(banner.get(0).startsWith("Webhook URL (portal 'default'): "));
        // the command line names its own log backend (cli.ServerLog); SLF4J says nothing about loading it
        assertTrue(emulator.output().stream().noneMatch(line -> line.startsWith("SLF4J")), emulator.output().toString());
    }
}
