package dev.b24emu.emulator.junit;

import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.TestPortal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JUnit 5 extension and embedding API as a user's test would use them. */
class ExtensionTest {
    @RegisterExtension
    static Bitrix24EmulatorExtension b24 = new Bitrix24EmulatorExtension();

    private static String register(TestPortal portal) {
        return given().contentType("application/json")
                .body(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2))
                .post(portal.webhookUrl() + "telephony.externalcall.register").then().statusCode(200)
                .extract().path("result.CALL_ID");
    }

    @Test
    void eachTestGetsAFreshPortalAndItsJournal(TestPortal portal, Bitrix24Emulator emulator) {
        assertTrue(emulator.port() > 0);
        assertEquals(portal.id(), b24.portal().id());
        String callId = register(portal);
        assertEquals("telephony.externalcall.register", portal.assertCalled("telephony.externalcall.register").method());
        portal.advanceClock(Duration.ofMinutes(31));
        assertNotEquals(callId, register(portal));
        AssertionError missing = assertThrows(AssertionError.class, () -> portal.assertCalled("telephony.externalcall.finish"));
        assertTrue(missing.getMessage().contains("telephony.externalcall.register 200"), missing.getMessage());
        // a call the portal refused is no call made: the assertion names the refusal
        given().contentType("application/json").body(Map.of("CALL_ID", "nope", "USER_ID", 2))
                .post(portal.webhookUrl() + "telephony.externalcall.finish").then().statusCode(400);
        AssertionError refused = assertThrows(AssertionError.class, () -> portal.assertCalled("telephony.externalcall.finish"));
        assertTrue(refused.getMessage().contains("telephony.externalcall.finish 400 ERROR_CORE"), refused.getMessage());
        assertEquals(400, portal.requests("telephony.externalcall.finish").get(0).status());
    }

    @Test
    void portalsOfDifferentTestsAreIsolated(TestPortal portal, Bitrix24Emulator emulator) {
        TestPortal other = emulator.controls().newPortal();
        register(other);
        assertEquals(List.of(), portal.requests());
        assertEquals(1, other.requests().size());
        given().contentType("application/json").body(Map.of("USER_ID", 2, "MESSAGE", "Missed call"))
                .post(other.webhookUrl() + "im.notify.system.add").then().statusCode(200);
        assertEquals(List.of(), portal.notifications());
        assertEquals(List.of(new dev.b24emu.emulator.SentNotification(1, 2, 0, true, "Missed call", "", null)),
                other.notifications());
        String callId = register(other);
        given().contentType("application/json").body(Map.of("CALL_ID", callId, "USER_ID", 2, "ADD_TO_CHAT", 1))
                .post(other.webhookUrl() + "telephony.externalcall.finish").then().statusCode(200);
        assertEquals(List.of(), portal.chatMessages());
        var message = other.chatMessages().get(0);
        assertEquals(List.of(2L, 0L, "Ivan Petrov", callId), List.of(message.userId(), message.fromUserId(),
                message.chatTitle(), message.callId()));
        assertTrue(message.message().startsWith("Skipped incoming call from [CALL=+7 999 000-00-01]"), message.message());
    }

    @Test
    void appsAndDeliveriesAreReachableFromJava(TestPortal portal) throws Exception {
        var tokens = portal.installApp("local.x", "s", List.of("telephony"), null);
        assertTrue(tokens.get("access_token").asText().matches("[0-9a-f]{32}"));
        portal.settings("{\"crmMode\":\"SIMPLE\"}");
        given().post(portal.webhookUrl() + "crm.settings.mode.get").then().body("result", org.hamcrest.Matchers.equalTo(2));
        AssertionError none = assertThrows(AssertionError.class,
                () -> portal.assertDelivered("ONVOXIMPLANTCALLSTART", Duration.ofMillis(100)));
        assertTrue(none.getMessage().contains("within 100 ms; there were: []"), none.getMessage());
        // deliveries are asynchronous: asserted right after the install that sends it, the event is waited for
        com.sun.net.httpserver.HttpServer handler = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        handler.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        handler.start();
        try {
            portal.installApp("local.live", "s", List.of("telephony"),
                    "http://127.0.0.1:" + handler.getAddress().getPort() + "/install");
            assertEquals(200, portal.assertDelivered("ONAPPINSTALL").status());
        } finally {
            handler.stop(0);
        }
        // an attempt nobody answered is no delivery: the assertion names the attempt and why it failed
        portal.installApp("local.dead", "s", List.of("telephony"), "http://127.0.0.1:1/dead");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (portal.deliveries().stream().noneMatch(d -> d.url().endsWith("/dead")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, portal.deliveries().stream().filter(d -> d.url().endsWith("/dead")).findFirst().orElseThrow()
                .status(), "the attempt is recorded with no answer");
        AssertionError dead = assertThrows(AssertionError.class, () -> portal.assertDelivered("ONVOXIMPLANTCALLSTART",
                Duration.ZERO));
        assertTrue(dead.getMessage().contains("ONAPPINSTALL -> 0 "), dead.getMessage());
    }

    /** A test's own portal over HTTPS: the official JS SDK refuses a webhook that is not https (audit 49c). */
    @Test
    void aTestsPortalHasAnHttpsWebhookWhenTheEmulatorListensOnHttps(TestPortal portal,
                                                                   @org.junit.jupiter.api.io.TempDir java.nio.file.Path tls)
            throws Exception {
        assertEquals(null, portal.httpsWebhookUrl(), "no HTTPS listener, no HTTPS webhook");
        try (Bitrix24Emulator secure = Bitrix24Emulator.start(dev.b24emu.emulator.EmulatorOptions.builder().port(0)
                .httpsPort(0).tlsDir(tls).build())) {
            TestPortal own = secure.controls().newPortal();
            String url = own.httpsWebhookUrl();
            assertTrue(url.startsWith(secure.httpsBaseUrl() + "/rest/") && url.endsWith(
                    own.webhookUrl().substring(own.webhookUrl().indexOf("/rest/"))), url);
            var answer = java.net.http.HttpClient.newBuilder()
                    .sslContext(dev.b24emu.emulator.support.TrustedTls.trusting(secure.trustedCertificate())).build().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "user.current")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
        }
    }

    /**
     * A portal used after it is gone says so: a deleted portal's journal answered [] and its webhook 401, and a test went
     * looking in its own integration (audit 49c); the public API throws no type of the emulator's internals.
     */
    @Test
    void aPortalUsedAfterItIsGoneSaysSo() {
        try (Bitrix24Emulator own = Bitrix24Emulator.start(dev.b24emu.emulator.EmulatorOptions.builder().port(0).build())) {
            TestPortal deleted = own.controls().newPortal();
            deleted.delete();
            IllegalStateException gone = assertThrows(IllegalStateException.class, deleted::requests);
            assertTrue(gone.getMessage().contains("Portal " + deleted.id() + " was deleted"), gone.getMessage());
            assertThrows(IllegalStateException.class, deleted::delete);
            assertThrows(IllegalStateException.class, () -> deleted.settings("{\"crmMode\":\"SIMPLE\"}"));
            TestPortal reset = own.controls().newPortal();
            own.controls().reset();
            assertThrows(IllegalStateException.class, () -> reset.addCrm("contact", Map.of("NAME", "X")));
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> own.controls().portal("nope"));
            assertEquals("No portal with id nope", unknown.getMessage());
            TestPortal live = own.controls().newPortal();
            assertEquals(List.of(), live.requests());
            own.close();
            assertTrue(assertThrows(IllegalStateException.class, live::webhookUrl).getMessage().contains("closed"));
            assertThrows(IllegalStateException.class, () -> own.controls().newPortal());
        }
    }

    /** Faults from Java, as the control clients inject them (audit 49c: a JVM test had to POST the control API). */
    @Test
    void aTestInjectsFaultsFromJava(TestPortal portal) {
        portal.fault("{\"method\":\"telephony.externalcall.register\",\"error\":\"QUERY_LIMIT_EXCEEDED\",\"count\":1}");
        Map<String, Object> call = Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2);
        given().contentType("application/json").body(call).post(portal.webhookUrl() + "telephony.externalcall.register")
                .then().statusCode(503).body("error", org.hamcrest.Matchers.equalTo("QUERY_LIMIT_EXCEEDED"));
        given().contentType("application/json").body(call).post(portal.webhookUrl() + "telephony.externalcall.register")
                .then().statusCode(200);
        portal.fault("{\"method\":\"*\",\"error\":\"INTERNAL_SERVER_ERROR\"}");
        given().post(portal.webhookUrl() + "user.current").then().statusCode(500);
        portal.clearFaults();
        given().post(portal.webhookUrl() + "user.current").then().statusCode(200);
        assertThrows(IllegalArgumentException.class, () -> portal.fault("{\"method\":\"*\"}"));
    }
}
