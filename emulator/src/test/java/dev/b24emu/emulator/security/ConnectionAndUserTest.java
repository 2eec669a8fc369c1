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
        config.timeouts = new ServerConfig.Timeouts(1, 1);
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
