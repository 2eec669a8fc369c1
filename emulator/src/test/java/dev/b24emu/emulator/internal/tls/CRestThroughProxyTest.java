package dev.b24emu.emulator.internal.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.server.EmulatorServer;
import dev.b24emu.emulator.support.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A PHP client that behaves as CRest does (test resource crest-like/client.php: installed by the authorization code,
 * URLs from the domain the portal sent, renewal at the hard-coded https://oauth.bitrix.info/oauth/token/) runs
 * unchanged against the emulator: only https_proxy
 * and curl.cainfo point it here. Needs Debian's php-cli and php-curl (.ci/run installs them).
 */
class CRestThroughProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUnmodifiedCRestStyleClientIsInstalledByCodeCallsRenewsAtOauthBitrixInfoAndCallsAgain(@TempDir Path dir) throws Exception {
        assumeTrue(phpWithCurl(), "php-cli with php-curl is not installed (apt-get install php-cli php-curl): skipped");
        Servers.Config config = Servers.config();
        config.proxyPort = 0;
        config.tlsDir = dir.resolve("tls");
        try (EmulatorServer server = EmulatorServer.start(config.build())) {
            Portal portal = server.portals().create(new PortalRegistry.PortalSpec("crest", null, null, null,
                    server.portals().seeds().demo(), "crest-test.bitrix24.ru"));
            ObjectNode app = JSON.createObjectNode().put("clientId", "local.crest").put("clientSecret", "crest-secret")
                    .put("redirectUri", "https://crest-app.example/oauth/");
            app.putArray("scopes").add("telephony").add("user");
            server.installApp(portal, app);
            Path settings = dir.resolve("settings.json");
            Files.writeString(settings, JSON.createObjectNode()
                    .put("client_id", "local.crest").put("client_secret", "crest-secret").toString());
            Path client = dir.resolve("client.php");
            try (var in = getClass().getResourceAsStream("/crest-like/client.php")) {
                Files.copy(in, client);
            }

            // a user allows the application (the consent page's button, here through the control API); the portal
            // redirects to the application with the code and its domain, and the application exchanges the code
            String location = control(server, "/_emulator/portals/crest/oauth/authorize",
                    "{\"clientId\":\"local.crest\",\"userId\":1,\"state\":\"s1\"}").path("location").asText();
            assertTrue(location.startsWith("https://crest-app.example/oauth/?code=")
                    && location.contains("&domain=crest-test.bitrix24.ru") && location.contains("&server_domain=oauth.bitrix.info"),
                    location);
            Run installed = php(server, client, settings, "--redirect", location);
            assertEquals(0, installed.exit(), installed.toString());
            assertEquals("crest-test.bitrix24.ru", JSON.readTree(installed.out()).path("installed").asText());

            Run first = php(server, client, settings, "user.current");
            assertEquals(0, first.exit(), first.toString());
            assertEquals("1", JSON.readTree(first.out()).path("result").path("ID").asText(), first.toString());
            assertTrue(!first.err().contains("renewed"), "a fresh token is used as it is: " + first);

            portal.clock().advance(Duration.ofHours(2)); // the access token (an hour) runs out on the portal's clock
            String spent = JSON.readTree(Files.readString(settings)).path("access_token").asText();
            Run second = php(server, client, settings, "telephony.externalcall.register",
                    "USER_ID=1", "PHONE_NUMBER=+79990000123", "TYPE=2");
            assertEquals(0, second.exit(), second.toString());
            assertTrue(second.err().contains("renewed at https://oauth.bitrix.info/oauth/token/"), second.toString());
            assertTrue(JSON.readTree(second.out()).path("result").path("CALL_ID").asText().startsWith("externalCall."),
                    second.toString());
            JsonNode saved = JSON.readTree(Files.readString(settings));
            assertNotEquals(spent, saved.path("access_token").asText(), "the renewed token was saved");
            assertEquals("https://crest-test.bitrix24.ru/rest/", saved.path("client_endpoint").asText());
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static JsonNode control(EmulatorServer server, String path, String body) throws Exception {
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUrl() + path)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private static Run php(EmulatorServer server, Path client, Path settings, String... call)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("php", "-d", "curl.cainfo=" + server.caCertificate(),
                client.toString(), settings.toString()));
        command.addAll(List.of(call));
        ProcessBuilder builder = new ProcessBuilder(command);
        String proxy = "http://127.0.0.1:" + server.proxyPort();
        builder.environment().put("https_proxy", proxy);
        builder.environment().put("http_proxy", proxy);
        builder.environment().remove("no_proxy");
        builder.environment().remove("NO_PROXY");
        Path err = Files.createTempFile(settings.getParent(), "php", ".err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "php finished");
        return new Run(process.exitValue(), out, Files.readString(err));
    }

    private static boolean phpWithCurl() {
        try {
            Process process = new ProcessBuilder("php", "-r", "exit(function_exists('curl_init') ? 0 : 1);")
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
