package dev.b24emu.emulator.internal.server;

import dev.b24emu.emulator.support.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scripts, container health checks and the clients for other languages wait until the plain HTTP port answers, then
 * use whichever URL they were given. The HTTPS listener's certificate takes a few hundred milliseconds to make on a
 * first start, so when the HTTP port was bound first, an HTTPS webhook URL called at once was refused; the proxy
 * (HTTPS_PROXY for apps with Bitrix24's hosts written in) listened a bind's time after the HTTP port.
 */
class ListenersReadyTogetherTest {
    @Test
    void onceThePlainPortAnswersTheHttpsPortAndTheProxyDoToo(@TempDir Path tls) throws Exception {
        Servers.Config config = Servers.config();
        config.port = freePort();
        config.httpsPort = freePort();
        config.proxyPort = freePort();
        config.tlsDir = tls; // empty: the certificates are made during this start
        CompletableFuture<EmulatorServer> starting = CompletableFuture.supplyAsync(() -> EmulatorServer.start(config.build()));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!accepts(config.port)) {
                assertTrue(System.nanoTime() < deadline, "the HTTP port never answered");
                Thread.sleep(1);
            }
            assertTrue(accepts(config.httpsPort), "HTTP answered while HTTPS still refused connections");
            assertTrue(accepts(config.proxyPort), "HTTP answered while the proxy still refused connections");
        } finally {
            EmulatorServer server = starting.get(30, TimeUnit.SECONDS);
            assertEquals(config.httpsPort, server.httpsPort());
            assertEquals(config.proxyPort, server.proxyPort());
            server.close();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
