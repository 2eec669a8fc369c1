package dev.b24emu.emulator.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Requests as bytes on a socket, for what HTTP clients refuse to send (OPTIONS *, no Host, raw paths, h2c upgrades). */
public final class RawHttp {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    private RawHttp() {
    }

    /**
     * Sends the bytes as they are and reads one answer: up to its Content-Length, or until the server closes. An
     * answer that is not complete within 10 s fails the test: the server must never leave a client waiting.
     */
    public static String exchange(String base, String request) throws IOException {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /** A GET of a raw request target (nothing normalised or encoded), with Connection: close. */
    public static String get(String base, String rawTarget) throws IOException {
        URI uri = URI.create(base);
        return exchange(base, "GET " + rawTarget + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nConnection: close\r\n\r\n");
    }

    /** The status code of a raw answer ("HTTP/1.1 404 Not Found" → 404), or -1 when there was none. */
    public static int status(String answer) {
        return answer.startsWith("HTTP/1.") && answer.length() >= 12 ? Integer.parseInt(answer.substring(9, 12)) : -1;
    }

    private static String read(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (complete(answer)) {
                    break;
                }
            }
        } catch (SocketTimeoutException timeout) {
            throw new AssertionError("No complete answer within 10 s; got: " + answer, timeout);
        }
        return answer.toString();
    }

    private static boolean complete(StringBuilder answer) {
        int headersEnd = answer.indexOf("\r\n\r\n");
        if (headersEnd < 0) {
            return false;
        }
        Matcher length = CONTENT_LENGTH.matcher(answer.substring(0, headersEnd));
        return length.find() && answer.length() - headersEnd - 4 >= Integer.parseInt(length.group(1));
    }
}
