package dev.b24emu.emulator.junit;

import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import dev.b24emu.emulator.TestPortal;
import dev.b24emu.emulator.testing.HandlerServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servers started in one JVM, as a test suite starts them one per class: they share a Vert.x instance, so each must
 * behave as if it had its own (its ports, its portals, its close) and the JVM must live exactly as long as one is open.
 */
class InProcessServersTest {
    private static EmulatorOptions.Builder options() {
        return EmulatorOptions.builder().port(0).httpsPort(-1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void serversSideBySideHaveTheirOwnPortsAndPortals() {
        try (Bitrix24Emulator one = Bitrix24Emulator.start(options().httpsPort(0).proxyPort(0).build());
             Bitrix24Emulator two = Bitrix24Emulator.start(options().httpsPort(0).proxyPort(0).build())) {
            assertNotEquals(one.port(), two.port());
            assertNotEquals(one.httpsPort(), two.httpsPort());
            assertNotEquals(one.proxyPort(), two.proxyPort());
            one.controls().newPortal();
            for (int i = 0; i < 4; i++) { // several connections: a shared listener would answer from either server
                given().get(one.baseUrl() + "/_emulator/health").then().body("portals", equalTo(2));
                given().get(two.baseUrl() + "/_emulator/health").then().body("portals", equalTo(1));
            }
        }
    }

    @Test
    void aFixedPortServesOneServerAtATime() throws IOException {
        int port = freePort();
        try (Bitrix24Emulator first = Bitrix24Emulator.start(options().port(port).build())) {
            IllegalStateException taken = assertThrows(IllegalStateException.class,
                    () -> Bitrix24Emulator.start(options().port(port).build()));
            assertTrue(taken.getMessage().contains("Address already in use"), taken.getMessage());
            given().get(first.baseUrl() + "/_emulator/health").then().statusCode(200);
        }
        try (Bitrix24Emulator next = Bitrix24Emulator.start(options().port(port).build())) {
            assertEquals(port, next.port());
        }
    }

    /** Health's uptime counts from the start, not from the control API's first request (it said 0 s there). */
    @Test
    void uptimeCountsFromTheStart() throws InterruptedException {
        try (Bitrix24Emulator emulator = Bitrix24Emulator.start(options().build())) {
            Thread.sleep(1_100);
            int uptime = given().get(emulator.baseUrl() + "/_emulator/health").then().statusCode(200)
                    .extract().path("uptimeSeconds");
            assertTrue(uptime >= 1, "uptime " + uptime);
        }
    }

    @Test
    void aClosedServerListensNoMoreAndClosingTwiceIsHarmless() {
        // a hundred times: the shared instance's acceptor released a closed listener's socket a little after
        // Vert.x reported it closed, and about one close in 25 left the port accepting connections it then dropped
        for (int i = 0; i < 100; i++) {
            Bitrix24Emulator emulator = Bitrix24Emulator.start(options().build());
            int port = emulator.port();
            emulator.close();
            emulator.close();
            assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close(), "start and close " + (i + 1));
        }
    }

    @Test
    void aRetryDueAfterCloseIsNotSent() throws Exception {
        try (HandlerServer handler = new HandlerServer().answer(500, 0)) {
            Bitrix24Emulator emulator = Bitrix24Emulator.start(options().build());
            TestPortal portal = emulator.controls().newPortal();
            portal.settings("{\"eventRetries\":2}");
            given().contentType(ContentType.JSON).body(Map.of("handlerUrl", handler.url("/hook"),
                    "events", List.of("OnVoximplantCallInit"), "title", "PBX"))
                    .post(emulator.baseUrl() + "/_emulator/portals/" + portal.id() + "/outgoing-webhooks")
                    .then().statusCode(201);
            given().contentType(ContentType.JSON).body(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2))
                    .post(portal.webhookUrl() + "telephony.externalcall.register").then().statusCode(200);
            handler.awaitEvent("ONVOXIMPLANTCALLINIT");
            emulator.close();
            Thread.sleep(1_000); // the first retry was due 500 ms after the failed attempt
            assertEquals(1, handler.received().size(), "a closed emulator sends nothing more");
        }
    }

    /** What a plain program does: starts a server and returns from main, with or without closing it. */
    public static final class Program {
        public static void main(String[] args) {
            Bitrix24Emulator emulator = Bitrix24Emulator.start(options().build());
            System.out.println("started " + emulator.port());
            if (args[0].equals("close")) {
                emulator.close();
            }
        }
    }

    /**
     * A start reads its seed and state file on a thread of its own while it mounts its routes: a bad one still fails
     * the start with what is wrong with it, releases what the start took, and the next start works.
     */
    @Test
    void aStartFailsOnABadSeedOrStateFileWithItsReasonAndTheNextStartWorks(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        IllegalArgumentException badSeed = assertThrows(IllegalArgumentException.class,
                () -> Bitrix24Emulator.start(options().seedJson("{\"users\": [{\"ID\": \"x\"}]}").build()));
        assertEquals("Seed field 'users', item 0: User ID must be a positive integer", badSeed.getMessage());
        Path state = dir.resolve("state.json");
        java.nio.file.Files.writeString(state, "{\"portals\": 7}");
        IllegalArgumentException badState = assertThrows(IllegalArgumentException.class,
                () -> Bitrix24Emulator.start(options().stateFile(state).build()));
        assertEquals("State file " + state + " has no \"portals\" list", badState.getMessage());
        try (Bitrix24Emulator next = Bitrix24Emulator.start(options().build())) {
            given().get(next.webhookUrl() + "user.current").then().statusCode(200).body("result.ID", equalTo("1"));
        }
    }

    @Test
    void anOpenServerKeepsAPlainProgramRunningAndAClosedOneLetsItEnd() throws Exception {
        Process closes = program("close");
        assertTrue(closes.waitFor(60, TimeUnit.SECONDS), "a program whose server is closed ends");
        assertEquals(0, closes.exitValue());
        Process keeps = program("keep");
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(keeps.getInputStream()));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("started "));
            assertTrue(line != null, "the program started its server");
            assertTrue(!keeps.waitFor(2, TimeUnit.SECONDS), "an open server keeps the program running");
        } finally {
            keeps.destroyForcibly();
        }
    }

    /**
     * A test JVM's first start prints nothing on its own: Netty's first debug lines, logged on the thread making the
     * Vert.x instance while the start's thread was starting the logging provider, were queued and replayed under an
     * SLF4J warning in every suite's output.
     */
    @Test
    void aFirstStartInAFreshJvmPrintsNoLoggingWarning() throws Exception {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int run = 0; run < 5; run++) { // a race: before, one start in three printed it
            Process closes = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
                    Program.class.getName(), "close").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String errors = new String(closes.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(closes.waitFor(60, TimeUnit.SECONDS), "a program whose server is closed ends");
            assertTrue(!errors.contains("SLF4J"), "start " + (run + 1) + ": " + errors);
        }
    }

    private static Process program(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Program.class.getName(), mode)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
