package dev.b24emu.emulator.internal.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.server.EmulatorServer;
import dev.b24emu.emulator.support.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An integration that hard-codes Bitrix24's hosts reaches the emulator through its proxy, unchanged: it calls
 * https://acme.bitrix24.ru/rest/... and https://oauth.bitrix.info/oauth/token/ with HTTPS_PROXY set and the local CA
 * trusted, and is told the portal's domain and the real authorization server in every token. Nothing else is proxied.
 */
class HostProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tls;
    private static EmulatorServer server;
    private static HttpClient proxied;
    private static HttpClient direct;

    @BeforeAll
    static void start() throws Exception {
        Servers.Config config = Servers.config();
        config.proxyPort = 0;
        config.tlsDir = tls;
        server = EmulatorServer.start(config.build());
        proxied = HttpClient.newBuilder().sslContext(dev.b24emu.emulator.support.TrustedTls.trusting(server.caCertificate())).connectTimeout(Duration.ofSeconds(10))
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", server.proxyPort()))).build();
        direct = HttpClient.newHttpClient();
        control("POST", "/_emulator/portals", "{\"id\":\"acme\",\"domain\":\"ACME.bitrix24.ru\",\"webhookToken\":\"acme-secret\",\"demo\":true}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPortalIsReachedAtItsDomainOverHttpsWithACertificateForThatName() throws Exception {
        HttpResponse<String> answer = proxied.send(HttpRequest.newBuilder(URI.create(
                        "https://acme.bitrix24.ru/rest/1/acme-secret/telephony.externalcall.register.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("USER_ID=1&PHONE_NUMBER=%2B79990000001&TYPE=2")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(JSON.readTree(answer.body()).path("result").path("CALL_ID").asText().startsWith("externalCall."));
        X509Certificate leaf = (X509Certificate) answer.sslSession().orElseThrow().getPeerCertificates()[0];
        assertEquals("[[2, acme.bitrix24.ru]]", String.valueOf(leaf.getSubjectAlternativeNames()),
                "the certificate names the host asked for, and only it");

        HttpResponse<String> plain = proxied.send(HttpRequest.newBuilder(URI.create(
                "http://acme.bitrix24.ru/rest/1/acme-secret/profile")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, plain.statusCode(), "http:// requests for the portal are answered in place: " + plain.body());
    }

    @Test
    void tokensAnnounceThePortalsDomainAndTheRealAuthorizationServerWhereTheRefreshWorks() throws Exception {
        JsonNode installed = control("POST", "/_emulator/portals/acme/apps",
                "{\"clientId\":\"local.proxy-test\",\"clientSecret\":\"s3cret\",\"scopes\":[\"telephony\",\"user\"]}");
        assertEquals("acme.bitrix24.ru", installed.path("domain").asText());
        assertEquals("https://acme.bitrix24.ru/rest/", installed.path("client_endpoint").asText());
        assertEquals("https://oauth.bitrix.info/rest/", installed.path("server_endpoint").asText());

        // what CRest does: the token URL is hard-coded, the portal's address comes from client_endpoint
        HttpResponse<String> refreshed = proxied.send(HttpRequest.newBuilder(URI.create(
                "https://oauth.bitrix.info/oauth/token/?grant_type=refresh_token&client_id=local.proxy-test"
                        + "&client_secret=s3cret&refresh_token=" + installed.path("refresh_token").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        JsonNode tokens = JSON.readTree(refreshed.body());
        assertEquals("https://acme.bitrix24.ru/rest/", tokens.path("client_endpoint").asText());
        assertEquals("https://oauth.bitrix.info/rest/", tokens.path("server_endpoint").asText());
        // the authorization server's answer names its own domain (settings/oauth/index.md), not the portal's (D35)
        assertEquals("oauth.bitrix.info", tokens.path("domain").asText());
        // the name the current Russian pages give the authorization server, which clients hard-code too
        HttpResponse<String> again = proxied.send(HttpRequest.newBuilder(URI.create(
                "https://oauth.bitrix24.tech/oauth/token/?grant_type=refresh_token&client_id=local.proxy-test"
                        + "&client_secret=s3cret&refresh_token=" + tokens.path("refresh_token").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, again.statusCode(), again.body());
        tokens = JSON.readTree(again.body());

        HttpResponse<String> call = proxied.send(HttpRequest.newBuilder(URI.create(tokens.path("client_endpoint").asText()
                + "user.current?auth=" + tokens.path("access_token").asText())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, call.statusCode(), call.body());
        assertEquals("1", JSON.readTree(call.body()).path("result").path("ID").asText());
        // the authorization page is the portal's: asked of the authorization server, the answer says where it is
        HttpResponse<String> authorize = proxied.send(HttpRequest.newBuilder(URI.create(
                "https://oauth.bitrix.info/oauth/authorize/?client_id=local.proxy-test")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, authorize.statusCode(), authorize.body());
        assertTrue(authorize.body().contains("The authorization page is the portal's"), authorize.body());
        assertEquals(200, proxied.send(HttpRequest.newBuilder(URI.create(
                "https://acme.bitrix24.ru/oauth/authorize/?client_id=local.proxy-test")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void theDefaultPortalAnswersAtItsTestDomainAndAnnouncesItOnlyThere() throws Exception {
        JsonNode portal = control("GET", "/_emulator/portals/default", null);
        assertEquals("default.bitrix24.test", portal.path("domain").asText());
        assertEquals("https://default.bitrix24.test/rest/1/demo-token/", portal.path("domainWebhookUrl").asText());
        HttpResponse<String> answer = proxied.send(HttpRequest.newBuilder(URI.create(
                portal.path("domainWebhookUrl").asText() + "profile")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());

        JsonNode installed = control("POST", "/_emulator/portals/default/apps",
                "{\"clientId\":\"local.direct\",\"clientSecret\":\"s\",\"scopes\":[\"user\"]}");
        assertEquals(server.baseUrl() + "/rest/", installed.path("client_endpoint").asText(),
                "a portal without a domain of its own keeps the address the request used");
        // renewed at the authorization server's name, it is announced under its .test name, which the proxy serves:
        // not as https://oauth.bitrix.info/rest/, where a CRest-style client then sent its calls (audit 50c)
        HttpResponse<String> refreshed = proxied.send(HttpRequest.newBuilder(URI.create(
                "https://oauth.bitrix.info/oauth/token/?grant_type=refresh_token&client_id=local.direct&client_secret=s"
                        + "&refresh_token=" + installed.path("refresh_token").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertEquals("https://default.bitrix24.test/rest/", JSON.readTree(refreshed.body()).path("client_endpoint").asText());
    }

    /**
     * A client whose HTTPS_PROXY (and HTTP_PROXY) names the proxy still reaches the emulator's own addresses through
     * it, as if NO_PROXY named them: its control API answered 403 there (audit 50c). A portal's name on another port
     * is refused as that port, not as a host the proxy does not serve.
     */
    @Test
    void theEmulatorsOwnAddressesPassAndAServedHostIsRefusedOnlyForItsPort() throws Exception {
        HttpResponse<String> health = proxied.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/_emulator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", JSON.readTree(health.body()).path("status").asText());
        try (Socket socket = new Socket("127.0.0.1", server.proxyPort())) {
            socket.setSoTimeout(10_000);
            String target = "localhost:" + server.port();
            socket.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String status = in.readLine();
            assertTrue(status.startsWith("HTTP/1.1 200"), status);
            while (!in.readLine().isEmpty()) {
                // the tunnel's head
            }
            socket.getOutputStream().write(("GET /_emulator/health HTTP/1.1\r\nHost: " + target
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals("HTTP/1.1 200 OK", in.readLine(), "the emulator answers through the tunnel");
        }
        String port = raw("CONNECT acme.bitrix24.ru:8443 HTTP/1.1\r\nHost: acme.bitrix24.ru:8443\r\n\r\n");
        assertTrue(port.startsWith("HTTP/1.1 403") && port.contains("for acme.bitrix24.ru on ports 443 (https) and 80"
                + " (http) alone, as Bitrix24 does; not on 8443"), port);
    }

    @Test
    void anotherPortalsCredentialsAreUnknownAtThisPortalsDomain() throws Exception {
        HttpResponse<String> answer = proxied.send(HttpRequest.newBuilder(URI.create(
                "https://acme.bitrix24.ru/rest/1/demo-token/profile")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals("NO_AUTH_FOUND", JSON.readTree(answer.body()).path("error").asText());
    }

    @Test
    void everyOtherHostIsRefusedAndNothingIsForwarded() throws Exception {
        AtomicInteger reached = new AtomicInteger();
        try (ServerSocket bystander = new ServerSocket(0)) {
            Thread accept = new Thread(() -> {
                try (Socket ignored = bystander.accept()) {
                    reached.incrementAndGet();
                } catch (Exception closed) {
                    // the socket closes at the end of the test
                }
            });
            accept.start();
            for (String target : new String[]{"example.com:443", "127.0.0.1:" + bystander.getLocalPort(),
                    "localhost:" + bystander.getLocalPort(), "acme.bitrix24.ru:" + bystander.getLocalPort()}) {
                String answer = raw("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
                assertTrue(answer.startsWith("HTTP/1.1 403"), target + ": " + answer);
                assertTrue(answer.contains(target.startsWith("acme") ? "not on " + bystander.getLocalPort()
                        : "oauth.bitrix.info") && answer.contains("nothing is forwarded"), answer);
            }
            String absolute = raw("GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n");
            assertTrue(absolute.startsWith("HTTP/1.1 403"), absolute);
            String origin = raw("GET /rest/1/demo-token/profile HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertTrue(origin.startsWith("HTTP/1.1 400") && origin.contains("HTTPS_PROXY"), origin);
            Thread.sleep(200);
            assertEquals(0, reached.get(), "the proxy opened no connection to the host it refused");
        }
    }

    @Test
    void aPortalsDomainIsAHostNameOfItsOwn() throws Exception {
        for (String body : new String[]{"{\"domain\":\"acme.bitrix24.ru\"}", "{\"domain\":\"oauth.bitrix.info\"}",
                "{\"domain\":\"OAuth.Bitrix24.tech\"}",
                "{\"domain\":\"127.0.0.1\"}", "{\"domain\":\"no_dots\"}", "{\"domain\":\"a b.ru\"}"}) {
            HttpResponse<String> answer = direct.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_emulator/portals"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, answer.statusCode(), body + ": " + answer.body());
        }
        JsonNode state = control("GET", "/_emulator/portals/acme/state", null);
        assertEquals("acme.bitrix24.ru", state.path("domain").asText(), "a state file keeps the portal's domain");
        assertFalse(control("GET", "/_emulator/portals/default/state", null).has("domain"));
    }

    /**
     * The proxy port is guarded as the REST ports are: a connection that does not finish its request's head within
     * the header timeout is closed. It had a server of its own, with none of the guards, and a thousand connections
     * each sending a megabyte of an unfinished request line killed an event loop.
     */
    @Test
    void aConnectionThatNeverFinishesItsHeadIsClosedAtTheHeaderTimeout(@TempDir Path dir) throws Exception {
        Servers.Config config = Servers.config();
        config.proxyPort = 0;
        config.tlsDir = dir;
        config.connections = new dev.b24emu.emulator.internal.server.ServerConfig.Connections(75, 1, 10_000);
        EmulatorServer guarded = EmulatorServer.start(config.build());
        try (Socket socket = new Socket("127.0.0.1", guarded.proxyPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("CONNECT acme.bitrix24.ru:443 HTTP/1.1\r\nHost: acme".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            assertEquals(-1, socket.getInputStream().read(), "closed without an answer");
            assertTrue(System.nanoTime() - started < 8_000_000_000L, "closed at the header timeout, not the idle one");
        } finally {
            guarded.close();
        }
    }

    /** The proxy listens before the plain HTTP port it tunnels port 80 to; a CONNECT in between is told so. */
    @Test
    void aTunnelToPort80BeforeTheHttpPortIsBoundIsRefusedAsStarting() throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            HostProxy proxy = new HostProxy(vertx, host -> true, () -> "acme.bitrix24.ru", request -> { },
                    () -> 0, () -> 0, () -> -1);
            int port = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setHost("127.0.0.1"))
                    .requestHandler(proxy.handler()).listen(0).toCompletionStage().toCompletableFuture().get().actualPort();
            String answer = raw(port, "CONNECT acme.bitrix24.ru:80 HTTP/1.1\r\nHost: acme.bitrix24.ru:80\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 503") && answer.contains("still starting"), answer);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    private static String raw(String request) throws Exception {
        return raw(server.proxyPort(), request);
    }

    private static String raw(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode control(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = direct.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() / 100 == 2, path + ": " + answer.body());
        return JSON.readTree(answer.body());
    }
}
