package dev.b24emu.emulator.reliability;

import dev.b24emu.emulator.testing.EmulatorProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.b24emu.emulator.reliability.StillServing.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads that stall just short of their end hold their bodies in memory: twelve of 7 MB filled a 64 MiB heap, after
 * which the emulator answered nothing but errors. The bodies received at once are bounded (D125): the others wait
 * unread, small calls still pass, and the room of a client that goes comes back.
 */
class StalledUploadsTest {
    private static final int DECLARED = 7_500_000;

    @Test
    void stalledUploadsWaitUnreadAndLeaveTheHeapToEveryoneElse() throws Exception {
        try (EmulatorProcess emulator = EmulatorProcess.start(List.of("-Xmx64m", "-XX:+UseParallelGC"))) {
            URI webhook = URI.create(emulator.webhookUrl());
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 12; i++) {
                    Socket socket = new Socket(webhook.getHost(), webhook.getPort());
                    stalled.add(socket);
                    Thread writer = new Thread(() -> sendAllButTheEnd(socket, webhook), "stalled-upload-" + i);
                    writer.setDaemon(true); // blocked while its upload waits unread; ends when its socket closes
                    writer.start();
                }
                Thread.sleep(3000); // the bodies arrive, or wait in the sockets
                assertEquals(0, answered.get(), "an upload still being sent is not answered (before: 500 for want of heap)");
                StillServing.check(emulator);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
            // their room came back: a 2 MB upload, which would not fit beside a 7.5 MB one held, is read and answered
            byte[] whole = body(2_000_000);
            given().contentType("application/json").body(whole).post(webhook + "user.current").then()
                    .statusCode(200).body("result.ID", equalTo("1"));
            given().get(emulator.base() + "/_emulator/health").then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void aBodyThatMustWaitIsReadAndAnsweredOnceTheBodyBeforeItEnds() throws Exception {
        // a 96 MiB heap: a budget of 8 MB (one body at the limit), which a 6.5 MB and a 2 MB body do not fit together
        try (EmulatorProcess emulator = EmulatorProcess.start(List.of("-Xmx96m", "-XX:+UseParallelGC"));
             Socket first = new Socket(URI.create(emulator.webhookUrl()).getHost(), URI.create(emulator.webhookUrl()).getPort());
             Socket second = new Socket(URI.create(emulator.webhookUrl()).getHost(), URI.create(emulator.webhookUrl()).getPort())) {
            URI webhook = URI.create(emulator.webhookUrl());
            byte[] large = body(6_500_000);
            OutputStream out = first.getOutputStream();
            out.write(head(webhook, large.length));
            out.write(large, 0, large.length - 1);
            out.flush();
            Thread.sleep(500); // its room is held
            byte[] small = body(2_000_000);
            Thread sender = new Thread(() -> {
                try {
                    second.getOutputStream().write(head(webhook, small.length));
                    second.getOutputStream().write(small);
                } catch (IOException ignored) {
                    // the assertions below tell
                }
            });
            sender.setDaemon(true);
            sender.start();
            second.setSoTimeout(1500);
            assertThrows(java.net.SocketTimeoutException.class, () -> second.getInputStream().read(),
                    "the second body waits while the first holds the room");
            out.write(large, large.length - 1, 1);
            first.setSoTimeout(30_000);
            assertTrue(status(first).startsWith("HTTP/1.1 200"), "the first is answered");
            second.setSoTimeout(30_000);
            assertTrue(status(second).startsWith("HTTP/1.1 200"), "then the second is read and answered");
        }
    }

    private static byte[] head(URI webhook, int length) {
        return ("POST " + webhook.getPath() + "user.current HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + "application/json\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The status line of the answer on a socket (a timed-out read leaves the socket usable). */
    private static String status(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = socket.getInputStream().read(); b >= 0 && b != '\r'; b = socket.getInputStream().read()) {
            line.append((char) b);
        }
        return line.toString();
    }

    /** A JSON body of this length: {"x":"aaa…"}. */
    private static byte[] body(int length) {
        byte[] body = new byte[length];
        Arrays.fill(body, (byte) 'a');
        byte[] open = "{\"x\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(open, 0, body, 0, open.length);
        body[length - 2] = '"';
        body[length - 1] = '}';
        return body;
    }

    /** answers the stalled uploads got */
    private final AtomicInteger answered = new AtomicInteger();

    private void sendAllButTheEnd(Socket socket, URI webhook) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + webhook.getPath() + "user.current HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + DECLARED + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body(DECLARED), 0, DECLARED - 500_000);
            out.flush();
            if (socket.getInputStream().read() >= 0) { // never answered: the body never ends
                answered.incrementAndGet();
            }
        } catch (IOException closed) {
            // the test closed the socket
        }
    }
}
