package dev.b24emu.emulator.reliability;

import dev.b24emu.emulator.testing.EmulatorProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.b24emu.emulator.reliability.StillServing.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request heads that never end are held whole by the HTTP decoder: 1,000 connections each 60 KB into theirs filled a
 * 64 MiB heap, and the event loops died of OutOfMemoryError, for good. The heads received at once are bounded (D126):
 * the connections with the largest unfinished ones are closed, and everyone else is answered. Half of the connections
 * here have had a request answered first, as a keep-alive connection has.
 */
class UnfinishedHeadsTest {
    @Test
    void headsThatNeverEndAreClosedLargestFirstAndLeaveTheHeapToEveryoneElse() throws Exception {
        try (EmulatorProcess emulator = EmulatorProcess.start(List.of("-Xmx64m", "-XX:+UseParallelGC"))) {
            URI webhook = URI.create(emulator.webhookUrl());
            byte[] head = unfinishedHead(webhook, 60_000);
            List<SocketChannel> clients = new ArrayList<>();
            try {
                long sendingEnds = System.currentTimeMillis() + 15_000;
                for (int i = 0; i < 1000; i++) {
                    SocketChannel client = SocketChannel.open(new InetSocketAddress(webhook.getHost(), webhook.getPort()));
                    clients.add(client);
                    if (i % 2 == 1) {
                        answered(client, webhook); // a keep-alive connection's next head counts as a first one does
                    }
                    send(client, head, sendingEnds);
                }
                int open = openConnections(emulator);
                for (long deadline = System.currentTimeMillis() + 10_000;
                     open > 100 && System.currentTimeMillis() < deadline; open = openConnections(emulator)) {
                    Thread.sleep(200);
                }
                assertTrue(open <= 100, open + " connections still open: a 4 MB budget holds about 60 such heads");
                assertTrue(emulator.output().stream().anyMatch(line -> line.contains(" WARN ")
                        && line.contains("a client may be sending headers that never end")), "one warning line");
                StillServing.check(emulator);
            } finally {
                for (SocketChannel client : clients) {
                    client.close();
                }
            }
            // a long request line, as GET-only clients send, still fits: the budget holds the largest head twice
            given().get(webhook + "user.current?pad=" + "a".repeat(900_000)).then()
                    .statusCode(200).body("result.ID", equalTo("1"));
        }
    }

    /** A whole GET on the connection, answered 200 (its head read; the rest of the answer may stay unread). */
    private static void answered(SocketChannel client, URI webhook) throws IOException {
        client.write(ByteBuffer.wrap(("GET " + webhook.getPath() + "user.current HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        client.socket().setSoTimeout(10_000); // an emulator that died answers nothing: fail, do not wait for ever
        java.io.InputStream in = client.socket().getInputStream();
        StringBuilder received = new StringBuilder();
        for (int b = in.read(); b >= 0 && received.indexOf("\r\n\r\n") < 0; b = in.read()) {
            received.append((char) b);
        }
        assertTrue(received.toString().startsWith("HTTP/1.1 200"), received.toString());
    }

    /** What the connection takes of the head by the deadline: a server that stopped reading takes no more. */
    private static void send(SocketChannel client, byte[] head, long deadline) throws IOException, InterruptedException {
        client.configureBlocking(false);
        ByteBuffer rest = ByteBuffer.wrap(head);
        try {
            while (rest.hasRemaining() && System.currentTimeMillis() < deadline) {
                if (client.write(rest) == 0) {
                    Thread.sleep(5);
                }
            }
        } catch (IOException closedMeanwhile) {
            // closed for room while it was sending: what the test looks for
        }
    }

    private static int openConnections(EmulatorProcess emulator) {
        return given().get(emulator.base() + "/_emulator/health").then().statusCode(200)
                .extract().path("connections.open");
    }

    /** A request line and headers of about this many bytes, without the blank line that would end them. */
    private static byte[] unfinishedHead(URI webhook, int bytes) {
        StringBuilder head = new StringBuilder("GET " + webhook.getPath() + "user.current HTTP/1.1\r\nHost: localhost\r\n");
        for (int line = 0; head.length() < bytes; line++) {
            head.append("X-Pad-").append(line).append(": ").append("a".repeat(990)).append("\r\n");
        }
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
