package dev.b24emu.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.restassured.RestAssured;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steps for Bitrix24's own host names (D101-D103): portals at a domain, and an integration that reaches them and
 * oauth.bitrix.info through the emulator's proxy, trusting its local CA, as an unmodified integration would.
 */
public class ProxySteps {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ScenarioContext ctx;
    private String domain;
    private String portalId;
    private JsonNode tokens;
    private HttpResponse<String> proxied;

    public ProxySteps(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @Given("a portal at a Bitrix24 domain of its own")
    public void portalAtDomain() {
        domain = "p" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4)) + ".bitrix24.ru";
        portalId = RestAssured.given().contentType("application/json").body(Map.of("demo", true, "domain", domain))
                .post(ctx.emulatorBase + "/_emulator/portals").then().statusCode(201).extract().path("id");
    }

    @When("an application is installed on that portal")
    public void install() throws IOException {
        String answer = RestAssured.given().contentType("application/json")
                .body(Map.of("clientId", "local." + portalId, "clientSecret", "secret", "scopes", List.of("user", "telephony")))
                .post(ctx.emulatorBase + "/_emulator/portals/" + portalId + "/apps").then().statusCode(201)
                .extract().asString();
        tokens = JSON.readTree(answer);
    }

    @Then("the token answer's {string} is {string}")
    public void tokenField(String field, String expected) {
        assertEquals(expected.replace("{domain}", domain), tokens.path(field).asText(), tokens.toString());
    }

    @When("the application renews its token at {string} through the proxy")
    public void renew(String tokenUrl) throws Exception {
        proxied = get(tokenUrl + "?grant_type=refresh_token&client_id=local." + portalId + "&client_secret=secret"
                + "&refresh_token=" + tokens.path("refresh_token").asText());
        assertEquals(200, proxied.statusCode(), proxied.body());
        tokens = JSON.readTree(proxied.body());
    }

    @When("the application calls {string} at its client_endpoint through the proxy")
    public void callAsApplication(String method) throws Exception {
        proxied = get(tokens.path("client_endpoint").asText() + method + "?auth=" + tokens.path("access_token").asText());
    }

    @When("the scenario's webhook calls {string} at that portal's domain through the proxy")
    public void callAtOtherDomain(String method) throws Exception {
        proxied = get(ctx.webhook.replaceFirst("^https?://[^/]+", "https://" + domain) + method);
    }

    @Then("the proxied call answers {int}")
    public void answers(int status) {
        assertEquals(status, proxied.statusCode(), proxied.body());
    }

    @Then("the proxied call answers {int} {string}")
    public void answersError(int status, String error) throws IOException {
        answers(status);
        assertEquals(error, JSON.readTree(proxied.body()).path("error").asText(), proxied.body());
    }

    @Then("through the proxy {string} is answered by the emulator")
    public void answeredByEmulator(String url) throws Exception {
        HttpResponse<String> answer = get(url.replace("{domain}", domain));
        assertTrue(answer.statusCode() < 500 && answer.body().trim().startsWith("{"),
                "a Bitrix24 JSON answer over TLS with the local CA's certificate: " + answer.statusCode() + " " + answer.body());
    }

    @Then("through the proxy {string} is refused")
    public void refused(String url) {
        IOException refused = assertThrows(IOException.class, () -> get(url));
        assertTrue(String.valueOf(refused.getMessage()).contains("403"), "the CONNECT is answered 403: " + refused);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An HTTP client with HTTPS_PROXY pointing at the emulator's proxy and its local CA trusted. */
    private static HttpClient client() throws Exception {
        var emulator = Target.emulator();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream pem = Files.newInputStream(emulator.caCertificate())) {
            trust.setCertificateEntry("emulator-ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10))
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", emulator.proxyPort()))).build();
    }
}
