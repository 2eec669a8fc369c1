package dev.b24emu.emulator.internal.server;

import dev.b24emu.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answers are flushed when the event loop has done the reads at hand, not each at the end of its own read
 * (HttpVerticle): none may be held back meanwhile. Many connections whose requests are ready at once, and one connection
 * pipelining many requests, each get every answer, whole and in order.
 */
class AnswersSentTogetherTest extends EmulatorHarness {
    private static final Pattern CALL_ID = Pattern.compile("\"CALL_ID\":\"([^\"]+)\"");

    @Test
    void connectionsWhoseRequestsAreReadyTogetherAreEachAnswered() throws Exception {
        URI hook = URI.create(webhook);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                Socket socket = new Socket(hook.getHost(), hook.getPort());
                socket.setSoTimeout(10_000);
                sockets.add(socket);
            }
            for (int round = 0; round < 20; round++) {
                for (Socket socket : sockets) { // all sent before any answer is read: ready together on the server
                    socket.getOutputStream().write(request(hook, "user.current"));
                }
                for (Socket socket : sockets) {
                    String answer = readAnswer(socket.getInputStream());
                    assertTrue(answer.startsWith("HTTP/1.1 200") && answer.contains("\"ID\""), "round " + round + ": " + answer);
                }
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void pipelinedRequestsAreAllAnsweredInTheirOrder() throws Exception {
        URI hook = URI.create(webhook);
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            numbers.add("+7900555" + String.format("%04d", i));
            requests.write(register(hook, numbers.get(i)));
        }
        List<String> callIds = new ArrayList<>();
        try (Socket socket = new Socket(hook.getHost(), hook.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(requests.toByteArray()); // one write: the server reads them together
            for (int i = 0; i < 100; i++) {
                String answer = readAnswer(socket.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 200"), "answer " + i + ": " + answer);
                Matcher callId = CALL_ID.matcher(answer);
                assertTrue(callId.find(), answer);
                callIds.add(callId.group(1));
            }
        }
        // each answer registered the number of the request sent in its place
        Map<String, String> numberOfCall = new HashMap<>();
        JSON.readTree(io.restassured.RestAssured.get(base() + "/_emulator/portals/" + portal.id() + "/calls").asString())
                .path("active").forEach(call -> numberOfCall.put(call.path("callId").asText(), call.path("phoneNumber").asText()));
        assertEquals(numbers, callIds.stream().map(numberOfCall::get).toList());
    }

    private static byte[] request(URI hook, String method) {
        return ("GET " + hook.getPath() + method + " HTTP/1.1\r\nHost: " + hook.getAuthority() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] register(URI hook, String number) {
        String body = "{\"USER_ID\":1,\"PHONE_NUMBER\":\"" + number + "\",\"TYPE\":2,\"SHOW\":0}";
        return ("POST " + hook.getPath() + "telephony.externalcall.register HTTP/1.1\r\nHost: " + hook.getAuthority()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** One answer: its head, then as many body bytes as its Content-Length says. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        assertTrue(length.find(), head.toString());
        byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
        return head + new String(body, StandardCharsets.UTF_8);
    }
}
