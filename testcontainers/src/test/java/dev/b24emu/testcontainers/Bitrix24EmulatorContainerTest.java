package dev.b24emu.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container module against the image container/build.sh builds (-Db24.emulator.image; container/test.sh sets it,
 * with -Db24.emulator.network=host for its engine without a bridge). Skipped when no image is named.
 */
class Bitrix24EmulatorContainerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Bitrix24EmulatorContainer b24;

    @BeforeAll
    static void start() {
        String image = System.getProperty("b24.emulator.image", "");
        Assumptions.assumeFalse(image.isBlank(),
                "no emulator image named: container/test.sh builds one and runs these tests with -Db24.emulator.image");
        b24 = new Bitrix24EmulatorContainer(image);
        if ("host".equals(System.getProperty("b24.emulator.network"))) {
            b24.withHostNetwork();
        }
        b24.start();
    }

    @AfterAll
    static void stop() {
        if (b24 != null) {
            b24.stop();
        }
    }

    private static JsonNode call(String url, Map<String, ?> params) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(params)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("result");
    }

    @Test
    void theDefaultPortalAnswersOnItsOwnWebhookToken() throws Exception {
        assertTrue(b24.webhookUrl().matches("http://.+/rest/1/[0-9a-f]{32}/"), b24.webhookUrl());
        String callId = call(b24.webhookUrl() + "telephony.externalcall.register", Map.of("USER_ID", 2,
                "PHONE_NUMBER", "+79990000001", "TYPE", 2)).path("CALL_ID").asText();
        assertTrue(callId.startsWith("externalCall."), callId);
        assertEquals("CONTACT", call(b24.webhookUrl() + "telephony.externalCall.searchCrmEntities",
                Map.of("PHONE_NUMBER", "8 (999) 000-00-01")).path(0).path("CRM_ENTITY_TYPE").asText());
        b24.controls().defaultPortal().assertCalled("telephony.externalCall.searchCrmEntities");
        HttpResponse<String> demo = HTTP.send(HttpRequest.newBuilder(URI.create(b24.baseUrl() + "/rest/1/demo-token/user.current"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, demo.statusCode(), "the well-known demo token does not open the container's portal");
    }

    @Test
    void portalsAreIsolatedAndSayWhatWasCalled() throws Exception {
        TestPortal first = b24.newPortal();
        TestPortal second = b24.controls().newPortal();
        call(first.webhookUrl() + "telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                "TYPE", 2, "LINE_NUMBER", "74950000000"));
        RecordedRequest register = first.assertCalled("TELEPHONY.EXTERNALCALL.REGISTER");
        assertEquals("webhook", register.auth());
        assertTrue(register.result().path("CALL_ID").asText().startsWith("externalCall."));
        AssertionError nothing = assertThrows(AssertionError.class, () -> second.assertCalled("telephony.externalcall.register"));
        assertTrue(nothing.getMessage().contains("it served: []"), nothing.getMessage());
        call(first.webhookUrl() + "im.notify.personal.add", Map.of("USER_ID", 2, "MESSAGE", "Call the client back"));
        assertEquals(List.of(new SentNotification(1, 2, 1, false, "Call the client back", "", null)), first.notifications());
        assertEquals(List.of(), second.notifications());
        assertTrue(b24.controls().portals().stream().anyMatch(p -> p.id().equals(second.id())));
        second.delete();
        assertThrows(IllegalStateException.class, () -> b24.controls().portal(second.id()));
    }

    @Test
    void thePortalsClockSettingsAndCrmAreTheTestsToSet() throws Exception {
        TestPortal portal = b24.newPortal();
        Map<String, Object> incoming = Map.of("USER_ID", 2, "PHONE_NUMBER", "+79995550101", "TYPE", 2);
        long contact = portal.addCrm("contact", Map.of("NAME", "Olga", "PHONE", List.of(Map.of("VALUE", "+79995550101", "VALUE_TYPE", "WORK"))));
        JsonNode first = call(portal.webhookUrl() + "telephony.externalcall.register", incoming);
        assertEquals(contact, first.path("CRM_ENTITY_ID").asLong());
        var before = portal.now();
        portal.advanceClock(Duration.ofMinutes(31));
        assertTrue(Duration.between(before, portal.now()).toMinutes() >= 31);
        assertNotEquals(first.path("CALL_ID").asText(),
                call(portal.webhookUrl() + "telephony.externalcall.register", incoming).path("CALL_ID").asText());
        portal.settings("{\"crmMode\":\"SIMPLE\"}");
        assertEquals("SIMPLE", portal.settings().path("crmMode").asText());
        portal.exclude("+79995550999");
        assertTrue(call(portal.webhookUrl() + "telephony.externalcall.register", Map.of("USER_ID", 2,
                "PHONE_NUMBER", "+79995550999", "TYPE", 2, "CRM_CREATE", 1)).path("CRM_CREATED_LEAD").isNull());
    }

    @Test
    void anInstalledApplicationGetsItsTokensAndItsEvents() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer handler = HttpServer.create(new InetSocketAddress(b24.hostUrl(0, "").contains("127.0.0.1")
                ? "127.0.0.1" : "0.0.0.0", 0), 0);
        handler.createContext("/", exchange -> {
            received.add(URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        handler.start();
        try {
            TestPortal portal = b24.newPortal();
            String url = b24.hostUrl(handler.getAddress().getPort(), "/b24");
            JsonNode tokens = portal.installApp("local.pbx", "s3cret", List.of("telephony", "crm", "user"), url);
            RecordedDelivery install = portal.assertDelivered("ONAPPINSTALL");
            assertEquals(200, install.status(), String.valueOf(install));
            assertTrue(received.get(0).contains("auth[application_token]=" + tokens.path("application_token").asText()), received.toString());
            assertEquals("1", call(b24.baseUrl() + "/rest/user.current?auth=" + tokens.path("access_token").asText(), Map.of())
                    .path("ID").asText());

            RecordedDelivery end = portal.trigger("OnVoximplantCallEnd", url, Map.of("CALL_DURATION", "35"));
            assertEquals(200, end.status());
            assertTrue(received.get(received.size() - 1).contains("data[CALL_DURATION]=35"), received.toString());
            AssertionError none = assertThrows(AssertionError.class, () -> portal.assertDelivered("ONVOXIMPLANTCALLINIT"));
            assertTrue(none.getMessage().contains("ONAPPINSTALL -> 200"), none.getMessage());
        } finally {
            handler.stop(0);
        }
    }

    @Test
    void theControlApiWantsTheContainersToken() throws IOException, InterruptedException {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(b24.baseUrl() + "/_emulator/portals")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertEquals(32, b24.controlToken().length());
    }
}
