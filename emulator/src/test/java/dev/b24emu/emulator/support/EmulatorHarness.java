package dev.b24emu.emulator.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.server.EmulatorServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Base of the HTTP tests: one emulator per test class on a free port, and a fresh demo portal per test,
 * so tests never see each other's calls or CRM objects.
 */
public abstract class EmulatorHarness {
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static EmulatorServer emulator;
    protected Portal portal;
    protected String webhook;

    @BeforeAll
    static void startEmulator() {
        start(Servers.config());
    }

    /**
     * Starts the class's emulator with {@code config}: a class that needs other options hides
     * {@link #startEmulator()} with its own {@code @BeforeAll static void startEmulator()} calling this.
     */
    protected static void start(Servers.Config config) {
        emulator = EmulatorServer.start(config.build());
        if (RestAssured.filters().stream().noneMatch(ContractFilter.class::isInstance)) {
            RestAssured.filters(new ContractFilter());
        }
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void freshPortal() {
        portal = newPortal();
        webhook = emulator.webhookUrl(portal);
    }

    protected static Portal newPortal() {
        return emulator.portals().create(new PortalRegistry.PortalSpec(null, null, null, null,
                emulator.portals().seeds().demo()));
    }

    /** Calls a method on this test's portal with a JSON body, as the official SDKs do. */
    protected Response call(String method, Map<String, ?> params) {
        return callOn(webhook, method, params);
    }

    protected static Response callOn(String webhookUrl, String method, Map<String, ?> params) {
        return given().contentType(ContentType.JSON).body(params).post(webhookUrl + method);
    }

    protected static String base() {
        return emulator.baseUrl();
    }
}
