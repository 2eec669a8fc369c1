package dev.b24emu.emulator.security;

import dev.b24emu.emulator.testing.EmulatorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that does not trust the emulator's certificate sees only its own TLS error; the emulator's log says which
 * file it should trust (it said nothing: audit 50c), and that a client spoke plain HTTP to its HTTPS port.
 */
class TlsRefusalLogTest {
    @Test
    void aClientThatDoesNotTrustTheCertificateIsToldInTheLogWhatToTrust(@TempDir Path tls) throws Exception {
        try (EmulatorProcess emulator = EmulatorProcess.start("--https-port", "0", "--proxy-port", "0", "--tls-dir",
                tls.toString())) {
            String https = await(emulator, "HTTPS webhook URL: ")
                    .replaceAll("^HTTPS webhook URL: (https://[^/]+)/.*$", "$1"); // printed after the webhook URL
            // plain HTTP to the HTTPS port
            int port = URI.create(https).getPort();
            try (java.net.Socket plain = new java.net.Socket("127.0.0.1", port)) {
                plain.getOutputStream().write("GET /_emulator/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                plain.setSoTimeout(10_000);
                plain.getInputStream().read(); // the emulator closes it
            } catch (IOException closed) {
                // what a TLS listener does with plain HTTP
            }
            assertTrue(await(emulator, "A client spoke plain HTTP to the HTTPS port 127.0.0.1:" + port) != null,
                    String.join("\n", emulator.output()));
            // an OpenSSL client (curl, as PHP's, Python's and Node's TLS) that does not trust the local CA, through the
            // proxy: where curl is installed
            org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/curl").canExecute(), "no curl");
            String proxy = await(emulator, "Proxy for Bitrix24's hosts: ").replaceAll(".*HTTPS_PROXY=(\\S+).*", "$1");
            Process curl = new ProcessBuilder("/usr/bin/curl", "-s", "-x", proxy,
                    "https://default.bitrix24.test/rest/1/demo-token/profile").start();
            assertTrue(curl.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) && curl.exitValue() != 0);
            String line = await(emulator, "A client broke off its TLS handshake with the proxy's TLS listener");
            assertTrue(line != null && line.contains(tls.resolve("emulator-ca.pem").toString()),
                    String.join("\n", emulator.output()));
        }
    }

    /** The first line the process printed that contains the text, waited for up to 10 s; null if none came. */
    private static String await(EmulatorProcess emulator, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            java.util.Optional<String> line = emulator.output().stream().filter(l -> l.contains(text)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(50);
        }
        return null;
    }
}
