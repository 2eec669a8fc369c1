package dev.b24emu.emulator.security;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Handlers that point back at the emulator, stall half way through their answer or answer without end, and apps that
 * bind events beyond their scopes (issue #17, items 4, 5 and 9).
 */
class HandlerAttackTest extends AppHarness {
    private static final Map<String, Object> INCOMING = Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2);

    @Test
    void handlersPointingAtTheControlApiAreRefusedAtBindAndAtDelivery() {
        String token = telephonyApp("local.self").getString("access_token");
        int port = emulator.port();
        for (String url : List.of(base() + "/_emulator/reset", "http://localhost:" + port + "/_emulator/reset",
                "http://127.0.0.1:" + port + "//_emulator/./reset", "http://127.0.0.1:" + port + "/x/../_emulator/reset",
                "http://[::1]:" + port + "/_emulator/reset", "http://127.0.0.1:" + port + "/%5Femulator/reset")) {
            oauth(token, "event.bind", Map.of("event", "OnVoximplantCallStart", "handler", url)).then()
                    .statusCode(400).body("error", equalTo("ERROR_WRONG_HANDLER_URL"));
        }
        given().get(base() + "/_emulator/portals/" + portal.id()).then().statusCode(200);
    }

    /**
     * A leading ".." the server drops: http://127.0.0.1:PORT/%2e%2e/_emulator/reset passed the check at bind and at
     * delivery, and one application's placement.bindEvent and a call reset every portal (a CallCard::* delivery is
     * JSON, which the control API takes).
     */
    @Test
    void dotSegmentsBeforeTheControlPathAreReadAsTheServerReadsThem() {
        String token = install("local.dots", List.of("placement", "telephony", "user"), null).getString("access_token");
        int port = emulator.port();
        for (String path : List.of("/%2e%2e/_emulator/reset", "/../_emulator/reset", "/%2E%2E/%2e%2e/_emulator/reset",
                "/..;/_emulator/reset", "/a/b/../../../_emulator/reset", "/.%2e/_emulator/reset")) {
            String url = "http://127.0.0.1:" + port + path;
            oauth(token, "placement.bindEvent", Map.of("PLACEMENT", "CallCard::CallStateChanged", "HANDLER", url))
                    .then().statusCode(400).body("error", equalTo("ERROR_WRONG_HANDLER_URL"));
            oauth(token, "placement.bind", Map.of("PLACEMENT", "PAGE_BACKGROUND_WORKER",
                    "HANDLER", "http://127.0.0.1:9/worker", "OPTIONS", Map.of("errorHandlerUrl", url)))
                    .then().statusCode(400).body("error", equalTo("ERROR_WRONG_HANDLER_URL"));
            assertTrue(new dev.b24emu.emulator.internal.outbound.SelfGuard(() -> java.util.Set.of(port))
                    .refusal(url) != null, url);
        }
        assertEquals(null, new dev.b24emu.emulator.internal.outbound.SelfGuard(() -> java.util.Set.of(port))
                .refusal("http://127.0.0.1:" + (port + 1) + "/_emulator/reset"), "another port of this machine is not ours");
    }

    /**
     * A host name the bind cannot judge without a lookup (and that may rebind later) is judged by the address the
     * delivery actually connected to.
     */
    @Test
    void aDeliveryThatConnectsToTheEmulatorIsRefusedWhateverNameItUsed() throws Exception {
        var self = new dev.b24emu.emulator.internal.outbound.SelfGuard(() -> java.util.Set.of(emulator.port()));
        String url = "http://rebinding.example:" + emulator.port() + "/_emulator/reset";
        assertTrue(!self.reachesEmulator(url), "a name is not looked up at bind time");
        assertTrue(self.refusal(url, InetAddress.getByName("127.0.0.1"), emulator.port()).startsWith("Refused:"));
        assertEquals(null, self.refusal(url, InetAddress.getByName("192.0.2.10"), emulator.port()),
                "another machine's control API is not ours to refuse");
        assertTrue(self.refusal("http://rebinding.example:" + emulator.port() + "/rest/1/x/crm.contact.add",
                InetAddress.getByName("127.0.0.1"), emulator.port()).startsWith("Refused:"), "our REST methods too (D204)");
    }

    /**
     * A handler that is one of the emulator's own REST methods feeds each delivery's event back as the next: two
     * ONCRMCONTACTADD handlers calling crm.contact.add made 900 contacts a second, pushed the portal's own objects out
     * past its bound and took the heap to 2 GB, until they were unbound (audit 49d). Refused at bind, in any spelling of
     * this machine, and by the outgoing webhooks of the control API.
     */
    @Test
    void handlersThatAreTheEmulatorsOwnRestMethodsAreRefusedAtBind() {
        String token = install("local.loop", List.of("crm", "placement", "telephony", "user"), null)
                .getString("access_token");
        int port = emulator.port();
        for (String url : List.of(base() + "/rest/1/demo-token/crm.contact.add?fields[NAME]=loop",
                "http://localhost:" + port + "/rest/crm.contact.add", "http://127.1:" + port + "/", "http://[::1]:" + port + "/x")) {
            oauth(token, "event.bind", Map.of("event", "ONCRMCONTACTADD", "handler", url)).then()
                    .statusCode(400).body("error", equalTo("ERROR_WRONG_HANDLER_URL"));
            oauth(token, "placement.bindEvent", Map.of("PLACEMENT", "CallCard::CallStateChanged", "HANDLER", url))
                    .then().statusCode(400).body("error", equalTo("ERROR_WRONG_HANDLER_URL"));
        }
        given().contentType("application/json").body(Map.of("events", List.of("ONCRMCONTACTADD"), "handlerUrl",
                        base() + "/rest/1/demo-token/crm.contact.add"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/outgoing-webhooks").then().statusCode(400)
                .body("error_description", org.hamcrest.Matchers.containsString("outside the emulator itself"));
        int before = call("crm.contact.list", Map.of()).then().extract().path("total");
        call("crm.contact.add", Map.of("fields", Map.of("NAME", "One"))).then().statusCode(200);
        assertEquals(before + 1, (int) call("crm.contact.list", Map.of()).then().extract().path("total"),
                "one contact, no loop");
    }

    /** A handler sends its headers and part of its body, then stalls: the delivery still ends within its deadline. */
    @Test
    void stalledAndEndlessAnswersEndAtTheDeadlineAndDoNotStarveLaterDeliveries() throws Exception {
        String token = telephonyApp("local.stall").getString("access_token");
        AtomicBoolean behave = new AtomicBoolean(false);
        try (ServerSocket stalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> serve(stalling, behave), "stalling-handler");
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + stalling.getLocalPort() + "/h";
            bind(token, "OnVoximplantCallStart", url);
            for (int i = 0; i < 6; i++) {
                call("telephony.externalcall.register", Map.of("USER_ID", 2, "TYPE", 2, "PHONE_NUMBER", "+7999444000" + i))
                        .then().statusCode(200);
            }
            List<JsonPath> failed = awaitDeliveries(6);
            for (JsonPath attempt : failed) {
                assertEquals(0, attempt.getInt("status"), attempt.prettify());
                assertTrue(attempt.getInt("latencyMillis") < 8000, attempt.prettify());
            }
            behave.set(true);
            call("telephony.externalcall.register", Map.of("USER_ID", 2, "TYPE", 2, "PHONE_NUMBER", "+79994440099"))
                    .then().statusCode(200);
            JsonPath last = awaitDeliveries(7).get(6);
            assertEquals(200, last.getInt("status"), "the stalls took no connection from later deliveries: " + last.prettify());
        }
    }

    @Test
    void eventsBeyondAnAppsScopesCanNeitherBeBoundNorListed() {
        String userOnly = install("local.useronly", List.of("user"), null).getString("access_token");
        oauth(userOnly, "event.bind", Map.of("event", "OnVoximplantCallInit", "handler", handler.url("/h"))).then()
                .statusCode(400).body("error", equalTo("ERROR_EVENT_NOT_FOUND"));
        oauth(userOnly, "events", Map.of()).then().statusCode(200)
                .body("result", not(hasItem("ONVOXIMPLANTCALLINIT"))).body("result", not(hasItem("ONEXTERNALCALLSTART")));
        String telephony = telephonyApp("local.tel").getString("access_token");
        oauth(telephony, "events", Map.of()).then().body("result", hasItem("ONVOXIMPLANTCALLINIT"));
    }

    /** Answers every request with headers and 3 of 100 promised bytes, then holds the connection; or answers 200. */
    private static void serve(ServerSocket server, AtomicBoolean behave) {
        List<Socket> held = new ArrayList<>();
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                InputStream in = socket.getInputStream();
                byte[] head = new byte[4096];
                int read = in.read(head);
                if (read <= 0) {
                    socket.close();
                    continue;
                }
                OutputStream out = socket.getOutputStream();
                if (behave.get()) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    socket.close();
                } else {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    held.add(socket);
                }
            } catch (IOException closed) {
                break;
            }
        }
        held.forEach(socket -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the test is over
            }
        });
    }

    private List<JsonPath> awaitDeliveries(int count) {
        for (int i = 0; i < 200; i++) {
            JsonPath all = given().get(base() + "/_emulator/portals/" + portal.id() + "/events").then().extract().jsonPath();
            List<?> list = all.getList("$");
            if (list.size() >= count) {
                List<JsonPath> attempts = new ArrayList<>();
                for (int j = 0; j < list.size(); j++) {
                    attempts.add(new JsonPath(all.prettify()).setRootPath("[" + j + "]"));
                }
                return attempts;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("fewer than " + count + " deliveries journaled within 20 s");
    }
}
