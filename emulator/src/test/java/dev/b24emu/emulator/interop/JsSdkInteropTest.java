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
 * HTTPS with a webhook URL: register, repeat, finish, search. Skipped when node or the SDK is not installed.
 */
class JsSdkInteropTest {
    private static final Path INTEROP = Path.of("..", "interop", "js");

    @Test
    void theOfficialJsSdkWorksUnchangedOverHttps(@TempDir Path tls) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(INTEROP.resolve("node_modules/@bitrix24/b24jssdk")),
                "the JS SDK is not installed (.ci/run runs npm install in interop/js)");
        try (Bitrix24Emulator emulator = Bitrix24Emulator.start(EmulatorOptions.builder().httpsPort(0).tlsDir(tls).build())) {
            assertTrue(Files.readString(emulator.trustedCertificate()).startsWith("-----BEGIN CERTIFICATE-----"));
            ProcessBuilder node = new ProcessBuilder("node", "sdk-interop.mjs", emulator.httpsWebhookUrl())
                    .directory(INTEROP.toFile()).redirectErrorStream(true);
            node.environment().put("NODE_EXTRA_CA_CERTS", emulator.trustedCertificate().toAbsolutePath().toString());
            Process process;
            try {
                process = node.start();
            } catch (java.io.IOException noNode) {
                Assumptions.abort("node is not installed");
                return;
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the SDK run did not end");
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("\"ok\":true"), output);
            emulator.controls().defaultPortal().requests().stream()
                    .filter(e -> e.method().equalsIgnoreCase("telephony.externalCall.register")).findFirst()
                    .orElseThrow(() -> new AssertionError("the SDK's register call is not in the journal"));
        }
    }
}
