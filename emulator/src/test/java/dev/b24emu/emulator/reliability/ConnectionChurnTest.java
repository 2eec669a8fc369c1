package dev.b24emu.emulator.reliability;

import dev.b24emu.emulator.testing.EmulatorProcess;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that opens a connection per request, as PHP's curl does unless told to reuse one, is served however many
 * connections it has opened: each connection's header timer held the connection (about 8 KB) for the whole 60 s
 * header timeout after it closed, and at 2,000 connections a second the launcher's 256 MiB heap was full in 15 s.
 * Here 12,000 connections in a 48 MiB heap, which the held connections filled within the first 6,000.
 */
class ConnectionChurnTest {
    @Test
    void aConnectionPerRequestLeavesNothingBehind() throws Exception {
        try (EmulatorProcess emulator = EmulatorProcess.start(List.of("-Xmx48m", "-XX:+UseParallelGC"))) {
            URI webhook = URI.create(emulator.webhookUrl());
            byte[] request = ("GET " + webhook.getPath() + "profile HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 12_000; i++) {
                try (Socket socket = new Socket(webhook.getHost(), webhook.getPort())) {
                    socket.setSoTimeout(30_000);
                    socket.getOutputStream().write(request);
                    String answer = read(socket.getInputStream());
                    assertTrue(answer.startsWith("HTTP/1.1 200"), "connection " + i + ": " + answer);
                }
            }
        }
    }

    private static String read(InputStream in) throws java.io.IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
