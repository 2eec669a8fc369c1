package dev.b24emu.emulator.interop;

import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official Bitrix24 JS SDK (@bitrix24/b24jssdk, installed into interop/js by .ci/run) against the emulator over
 * HTTPS, with a webhook URL (register, repeat, finish, search) and in OAuth mode (an installed application whose
 * token expires on the portal clock and is renewed by the SDK). Skipped when node or the SDK is not installed.
 */
class JsSdkInteropTest {
    private static final Path INTEROP = Path.of("..", "interop", "js");

    @Test
    void theOfficialJsSdkWorksUnchangedOverHttps(@TempDir Path tls) throws Exception {
        try (Bitrix24Emulator emulator = Bitrix24Emulator.start(EmulatorOptions.builder().httpsPort(0).tlsDir(tls).build())) {
            assertTrue(Files.readString(emulator.trustedCertificate()).startsWith("-----BEGIN CERTIFICATE-----"));
            String output = runNode(emulator, "sdk-interop.mjs", emulator.httpsWebhookUrl());
            assertTrue(output.contains("\"ok\":true"), output);
            emulator.controls().defaultPortal().requests().stream()
                    .filter(e -> e.method().equalsIgnoreCase("telephony.externalCall.register")).findFirst()
                    .orElseThrow(() -> new AssertionError("the SDK's register call is not in the journal"));
        }
    }

    /** B24OAuth with an installed app's tokens: expired on the portal clock, renewed by the SDK itself. */
    @Test
    void theOfficialJsSdkRenewsItsOAuthTokenByItself(@TempDir Path tls) throws Exception {
        try (Bitrix24Emulator emulator = Bitrix24Emulator.start(EmulatorOptions.builder().httpsPort(0).tlsDir(tls).build())) {
            String output = runNode(emulator, "oauth-interop.mjs", emulator.httpsBaseUrl());
            assertTrue(output.contains("\"ok\":true") && output.contains("\"renewed\":1"), output);
            String portal = output.replaceAll("(?s).*\"portal\":\"([^\"]+)\".*", "$1");
            var requests = emulator.controls().portal(portal).requests();
            assertTrue(requests.stream().anyMatch(r -> "expired_token".equals(r.error())),
                    "the SDK met expired_token first: " + requests);
            assertTrue(requests.stream().anyMatch(r -> r.method().equalsIgnoreCase("telephony.externalCall.finish")
                    && r.status() == 200), "and went on with the renewed token: " + requests);
        }
    }

    /** Runs a script of interop/js with the emulator's certificate trusted; skips when node or the SDK is missing. */
    private static String runNode(Bitrix24Emulator emulator, String script, String argument) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(INTEROP.resolve("node_modules/@bitrix24/b24jssdk")),
                "the JS SDK is not installed (.ci/run runs npm install in interop/js)");
        ProcessBuilder node = new ProcessBuilder("node", script, argument).directory(INTEROP.toFile()).redirectErrorStream(true);
        node.environment().put("NODE_EXTRA_CA_CERTS", emulator.trustedCertificate().toAbsolutePath().toString());
        Process process;
        try {
            process = node.start();
        } catch (java.io.IOException noNode) {
            Assumptions.abort("node is not installed");
            return "";
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the SDK run did not end");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
