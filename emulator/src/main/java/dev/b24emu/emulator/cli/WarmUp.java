package dev.b24emu.emulator.cli;

import dev.b24emu.emulator.Bitrix24Emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code --exit-after-warm-up}: sends a started emulator the requests a user's first minute sends (the calls SDKs make
 * first, a register → finish cycle in JSON and in a PHP form, a search, a batch, an error, the control API and the
 * dashboard), then lets it stop. Run under {@code -XX:ArchiveClassesAtExit} at package time, it records every class
 * those requests load into the application class-data sharing archive the launcher (bin/b24-emulator) maps: a later
 * start then neither reads nor verifies them. Plain sockets, so the archive holds the server's classes, not a client's.
 */
final class WarmUp {
    private record Call(String method, String path, String contentType, String body) { }

    private WarmUp() {
    }

    /** @return how many requests were answered with a 2xx */
    static int run(Bitrix24Emulator emulator) throws IOException {
        String hook = URI.create(emulator.webhookUrl()).getPath();
        String json = "application/json";
        String form = "application/x-www-form-urlencoded";
        String callId = "";
        int answered = 0;
        for (Call call : List.of(
                new Call("GET", hook + "user.current", null, null),
                new Call("POST", hook + "profile.json", form, ""),
                new Call("POST", hook + "app.info", json, "{}"),
                new Call("POST", hook + "scope", json, "[]"),
                new Call("POST", hook + "telephony.externalcall.register", json,
                        "{\"USER_ID\":1,\"PHONE_NUMBER\":\"+79990000001\",\"TYPE\":2}"))) {
            String answer = send(emulator.port(), call);
            answered += answer.startsWith("HTTP/1.1 2") ? 1 : 0;
            int at = answer.indexOf("\"CALL_ID\":\"");
            if (at >= 0) {
                callId = answer.substring(at + 11, answer.indexOf('"', at + 11));
            }
        }
        for (Call call : List.of(
                new Call("POST", hook + "telephony.externalcall.show", form, "CALL_ID=" + callId + "&USER_ID[]=1"),
                new Call("POST", hook + "telephony.externalcall.finish", form,
                        "CALL_ID=" + callId + "&USER_ID=1&DURATION=42&STATUS_CODE=200&ADD_TO_CHAT=0"),
                new Call("GET", hook + "telephony.externalcall.searchCrmEntities?PHONE_NUMBER=%2B79990000001", null, null),
                new Call("POST", hook + "voximplant.statistic.get", json, "{\"FILTER\":{\">CALL_DURATION\":1}}"),
                new Call("POST", hook + "batch", json, "{\"halt\":0,\"cmd\":{\"a\":\"user.get?ID=1\",\"b\":\"crm.contact.list\"}}"),
                new Call("POST", hook + "no.such.method", json, "{}"),
                new Call("GET", "/_emulator/health", null, null),
                new Call("GET", "/_emulator/portals/default/requests", null, null),
                new Call("GET", "/_emulator/ui/", null, null))) {
            answered += send(emulator.port(), call).startsWith("HTTP/1.1 2") ? 1 : 0;
        }
        return answered;
    }

    private static String send(int port, Call call) throws IOException {
        byte[] body = call.body() == null ? new byte[0] : call.body().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(call.method() + " " + call.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n");
            if (call.contentType() != null) {
                head.append("Content-Type: ").append(call.contentType()).append("\r\nContent-Length: ").append(body.length)
                        .append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
