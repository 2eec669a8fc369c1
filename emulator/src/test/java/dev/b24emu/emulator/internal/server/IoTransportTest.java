package dev.b24emu.emulator.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.support.Servers;
import dev.b24emu.emulator.testing.EmulatorProcess;
import io.netty.channel.uring.IoUring;
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
 * The command line runs on Netty's io_uring transport where the kernel allows it (less CPU a request than Java NIO),
 * in-process servers on NIO (a faster first start), and the health check says which, so a figure measured on one
 * machine can be read on another; {@code -Db24emu.transport=io_uring} or {@code nio} decides for both. This module's
 * surefire configuration asks for io_uring, so its in-process tests run on it where the machine allows it (this
 * project's CI machines do); the features module's run on NIO.
 */
class IoTransportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IO_URING_OR_NIO = IoUring.isAvailable() ? "io_uring" : "nio";

    @Test
    void theCommandLineRunsOnIoUringWhereAllowedAndOnNioWhenAsked() throws Exception {
        try (EmulatorProcess own = EmulatorProcess.start()) {
            assertEquals(IO_URING_OR_NIO, transport(own.base()), "io_uring "
                    + (IoUring.isAvailable() ? "available" : "unavailable: " + IoUring.unavailabilityCause()));
        }
        try (EmulatorProcess nio = EmulatorProcess.start(List.of("-D" + VertxLease.TRANSPORT_PROPERTY + "=nio"))) {
            assertEquals("nio", transport(nio.base()));
        }
    }

    @Test
    void anInProcessServerRunsOnWhatTheJvmAsksFor() throws Exception {
        assertEquals("io_uring", System.getProperty(VertxLease.TRANSPORT_PROPERTY), "set by this module's surefire");
        try (EmulatorServer server = EmulatorServer.start(Servers.config().build())) {
            assertEquals(IO_URING_OR_NIO, transport(server.baseUrl()));
        }
    }

    @Test
    void unaskedTheSharedInstanceKeepsNioAndAnOwnInstanceTriesIoUring() {
        String asked = System.clearProperty(VertxLease.TRANSPORT_PROPERTY);
        try {
            assertFalse(VertxLease.options(false).getPreferNativeTransport(), "in-process: NIO");
            assertTrue(VertxLease.options(true).getPreferNativeTransport(), "the command line's: io_uring if it can");
            System.setProperty(VertxLease.TRANSPORT_PROPERTY, "nio");
            assertFalse(VertxLease.options(true).getPreferNativeTransport());
            System.setProperty(VertxLease.TRANSPORT_PROPERTY, "io_uring");
            assertTrue(VertxLease.options(false).getPreferNativeTransport());
        } finally {
            if (asked == null) {
                System.clearProperty(VertxLease.TRANSPORT_PROPERTY);
            } else {
                System.setProperty(VertxLease.TRANSPORT_PROPERTY, asked);
            }
        }
    }

    private static String transport(String base) throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/_emulator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        JsonNode body = JSON.readTree(health.body());
        return body.path("connections").path("transport").asText();
    }
}
