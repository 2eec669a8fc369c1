package dev.b24emu.emulator.internal.server;

import dev.b24emu.emulator.support.Servers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * A port 0 was resolved by each listener on its own: a server of three event loops listened on three random
     * intercept ports and knew one, so a handler URL naming another got past the check for the emulator's own ports.
     */
    @Test
    void everyPortAServerListensOnIsOneItKnows(@TempDir Path tls) throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "reads the listening sockets from /proc");
        Servers.Config config = Servers.config();
        config.port = 0;
        config.httpsPort = 0;
        config.proxyPort = 0;
        config.eventLoops = 3;
        config.tlsDir = tls;
        Set<Integer> before = listening();
        EmulatorServer server = EmulatorServer.start(config.build());
        try {
            Set<Integer> opened = new TreeSet<>(listening());
            opened.removeAll(before);
            assertEquals(new TreeSet<>(server.ports()), opened);
            assertEquals(4, opened.size(), "HTTP, HTTPS, the proxy and its local TLS listener");
        } finally {
            server.close();
        }
    }

    /** The ports this process listens on, from the sockets it holds and the kernel's table of TCP sockets. */
    private static Set<Integer> listening() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closed) {
                    // closed while listed
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                if (columns[3].equals("0A") && inodes.contains(columns[9])) { // 0A: LISTEN
                    ports.add(Integer.parseInt(columns[1].substring(columns[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
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
