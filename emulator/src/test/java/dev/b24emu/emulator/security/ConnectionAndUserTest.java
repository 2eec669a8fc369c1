package dev.b24emu.emulator.security;

import dev.b24emu.emulator.internal.control.HealthCheck;
import dev.b24emu.emulator.internal.server.EmulatorServer;
import dev.b24emu.emulator.internal.server.ServerConfig;
import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.support.Servers;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections that never finish their headers or never leave (item 15), a dismissed employee's credentials (16),
 * the HTTPS key on disk (14) and health when the server cannot serve (6).
 */
class ConnectionAndUserTest extends AppHarness {
    @Test
    void slowHeadersAndIdleConnectionsAreClosed() throws Exception {
        Servers.Config config = Servers.config();
        config.connections = new ServerConfig.Connections(1, 1, ServerConfig.Connections.DEFAULT_MAX);
        try (EmulatorServer server = EmulatorServer.start(config.build())) {
            URI base = URI.create(server.baseUrl());
            try (Socket slow = new Socket(base.getHost(), base.getPort())) {
                slow.setSoTimeout(10_000);
                slow.getOutputStream().write("GET /_emulator/health HTTP/1.1\r\nHost: 127".getBytes(StandardCharsets.US_ASCII));
                long started = System.nanoTime();
                assertEquals(-1, slow.getInputStream().read(), "a connection that never ends its headers is closed");
                assertTrue((System.nanoTime() - started) / 1_000_000 < 5_000);
            }
            try (Socket idle = new Socket(base.getHost(), base.getPort())) {
                idle.setSoTimeout(10_000);
                idle.getOutputStream().write(("GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort()
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                InputStream in = idle.getInputStream();
                byte[] buffer = new byte[4096];
                assertTrue(in.read(buffer) > 0, "the request is answered");
                long started = System.nanoTime();
                while (in.read(buffer) >= 0) {
                    assertTrue((System.nanoTime() - started) / 1_000_000 < 5_000, "an idle keep-alive connection is closed");
                }
            }
        }
    }

    @Test
    void pastTheConnectionLimitTheLongestIdleConnectionGoesOrWithNoneIdleTheNewOne() throws Exception {
        Servers.Config config = Servers.config();
        config.connections = new ServerConfig.Connections(75, 60, 3);
        config.eventLoops = 1; // the limit chooses among the connections of one event loop
        try (EmulatorServer server = EmulatorServer.start(config.build())) {
            URI base = URI.create(server.baseUrl());
            String health = "GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort() + "\r\n\r\n";
            try (Socket first = connect(base); Socket second = connect(base)) {
                assertTrue(exchange(first, health).startsWith("HTTP/1.1 200"));
                assertTrue(exchange(second, health).startsWith("HTTP/1.1 200"));
                assertTrue(exchange(first, health).startsWith("HTTP/1.1 200"), "first is now the latest to ask");
                try (Socket third = connect(base); Socket fourth = connect(base)) {
                    assertEquals(-1, second.getInputStream().read(), "the longest idle connection is closed");
                    assertTrue(exchange(fourth, health).startsWith("HTTP/1.1 200"), "the new one is served");
                    assertTrue(exchange(first, health).startsWith("HTTP/1.1 200"), "the others stay");
                    assertTrue(exchange(third, health).startsWith("HTTP/1.1 200"), "a connection yet to ask stays");
                }
            }
            // three requests still sending their bodies: none of their connections may go
            String unfinished = "POST /rest/1/demo-token/user.current HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{";
            try (Socket a = connect(base); Socket b = connect(base); Socket c = connect(base)) {
                for (Socket busy : List.of(a, b, c)) {
                    busy.getOutputStream().write(unfinished.getBytes(StandardCharsets.US_ASCII));
                }
                Thread.sleep(200); // the server has read the three heads
                try (Socket refused = connect(base)) {
                    assertEquals(-1, refused.getInputStream().read(), "with none idle the new connection is closed");
                }
                for (Socket busy : List.of(a, b, c)) {
                    busy.getOutputStream().write('}');
                    assertTrue(read(busy).startsWith("HTTP/1.1 200"), "every request in progress is answered");
                }
            }
            given().get(server.baseUrl() + "/_emulator/health").then().statusCode(200)
                    .body("connections.max", equalTo(3)).body("connections.open", org.hamcrest.Matchers.lessThanOrEqualTo(3));
        }
    }

    private static Socket connect(URI base) throws java.io.IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String exchange(Socket socket, String request) throws java.io.IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        return read(socket);
    }

    /** One answer: its head, and as many body bytes as its Content-Length says. */
    private static String read(Socket socket) throws java.io.IOException {
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        int length = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return text.toString();
            }
            text.append((char) b);
            if (length < 0 && text.toString().endsWith("\r\n\r\n")) {
                java.util.regex.Matcher declared = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)")
                        .matcher(text);
                length = declared.find() ? Integer.parseInt(declared.group(1)) : 0;
                for (int i = 0; i < length; i++) {
                    text.append((char) in.read());
                }
                return text.toString();
            }
        }
    }

    @Test
    void aDismissedEmployeesWebhookAndTokensAreRefused() {
        String token = install("local.user2", List.of("telephony", "user"), null, 2).getString("access_token");
        oauth(token, "user.current", Map.of()).then().statusCode(200);
        setActive(1, false);
        setActive(2, false);
        call("user.current", Map.of()).then().statusCode(401).body("error", equalTo("authorization_error"))
                .body("error_description", equalTo("Unable to authorize user"));
        oauth(token, "user.current", Map.of()).then().statusCode(401).body("error", equalTo("authorization_error"));
        given().contentType(ContentType.JSON).body(Map.of("refuseInactiveUsers", false))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("user.current", Map.of()).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("refuseInactiveUsers", true))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        setActive(1, true);
        call("user.current", Map.of()).then().statusCode(200);
    }

    /**
     * Credentials of a user the portal does not have are refused as a deactivated user's are: a portal cannot
     * authorize a user it has not. A webhook whose user is none of the portal's, and a token minted for an event bound
     * with auth_type 999, worked for CRM and telephony while user.current said "User is not found" (audit 60a).
     */
    @Test
    void credentialsOfAUserThePortalDoesNotHaveAreRefused() {
        String hook = given().contentType(ContentType.JSON).body(Map.of("webhookUserId", 99))
                .post(base() + "/_emulator/portals").then().statusCode(201).extract().path("webhookUrl");
        given().post(hook + "crm.contact.list").then().statusCode(401).body("error", equalTo("authorization_error"))
                .header("X-B24-Emulator-Warning", org.hamcrest.Matchers.startsWith(
                        "User 99, whose webhook this is, is not a user of portal"));
        try (dev.b24emu.emulator.testing.HandlerServer handler = new dev.b24emu.emulator.testing.HandlerServer()) {
            String token = install("local.nobody", List.of("crm", "user"), null, 1).getString("access_token");
            oauth(token, "event.bind", Map.of("event", "ONCRMCONTACTADD", "handler", handler.url("/events"),
                    "auth_type", 999)).then().statusCode(200);
            call("crm.contact.add", Map.of("fields", Map.of("NAME", "Anyone"))).then().statusCode(200);
            String stranger = handler.awaitEvent("ONCRMCONTACTADD").form().path("auth").path("access_token").asText();
            oauth(stranger, "crm.contact.list", Map.of()).then().statusCode(401)
                    .body("error", equalTo("authorization_error"));
            oauth(token, "crm.contact.list", Map.of()).then().statusCode(200);
        }
    }

    @Test
    void theHttpsKeyIsTheOwnersAloneWithARandomPassword(@TempDir Path dir) throws Exception {
        Servers.Config config = Servers.config();
        config.httpsPort = 0;
        config.tlsDir = dir.resolve("tls");
        try (EmulatorServer server = EmulatorServer.start(config.build())) {
            given().relaxedHTTPSValidation().get(server.httpsBaseUrl() + "/_emulator/health").then().statusCode(200);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.tlsDir.resolve("emulator.p12"))));
        Path password = config.tlsDir.resolve("emulator.p12.password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.tlsDir)));
        assertNotEquals("b24emulator", Files.readString(password).trim());
    }

    @Test
    void healthSaysDownOnceAFatalErrorHitARequest() {
        HealthCheck health = new HealthCheck();
        assertNull(health.trouble());
        health.failed(new IllegalStateException("a client error is not fatal"));
        assertNull(health.trouble());
        health.failed(new OutOfMemoryError("Java heap space"));
        assertNotNull(health.trouble());
        given().get(base() + "/_emulator/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    private void setActive(long id, boolean active) {
        Map<String, Object> user = given().get(base() + "/_emulator/portals/" + portal.id() + "/users").then()
                .extract().path("find { it.ID == '" + id + "' }");
        Map<String, Object> changed = new java.util.HashMap<>(user);
        changed.put("ACTIVE", active);
        given().contentType(ContentType.JSON).body(changed).post(base() + "/_emulator/portals/" + portal.id() + "/users")
                .then().statusCode(201);
    }
}
