package dev.b24emu.emulator;

import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.server.EmulatorServer;

import java.nio.file.Path;

/**
 * The emulator as a library: {@code try (var b24 = Bitrix24Emulator.start(EmulatorOptions.defaults())) {...}}
 * gives a running server with the demo portal, its port and its webhook URL; {@link #controls()} makes isolated
 * portals for tests and moves the clock.
 */
public final class Bitrix24Emulator implements AutoCloseable {
    private final EmulatorServer server;

    private Bitrix24Emulator(EmulatorServer server) {
        this.server = server;
    }

    /**
     * Optional: begins, on another thread, the part of the next {@link #start} that no option changes (Vert.x and
     * Jackson), so a caller that has other work first (reading its configuration) overlaps the two. Call it only
     * when a start will follow: the prepared Vert.x instance keeps the JVM alive until that server is closed.
     */
    public static void prepare() {
        EmulatorServer.prepare();
    }

    /** Starts an emulator and waits until it accepts requests. */
    public static Bitrix24Emulator start(EmulatorOptions options) {
        return new Bitrix24Emulator(EmulatorServer.start(options.config()));
    }

    public int port() {
        return server.port();
    }

    /** http://127.0.0.1:port */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The HTTPS port, or -1 when HTTPS is off. */
    public int httpsPort() {
        return server.httpsPort();
    }

    /** https://localhost:port, or null when HTTPS is off. */
    public String httpsBaseUrl() {
        return server.httpsBaseUrl();
    }

    /** The PEM certificate HTTPS clients should trust (NODE_EXTRA_CA_CERTS, curl --cacert), or null. */
    public Path trustedCertificate() {
        return server.trustedCertificate();
    }

    /** The port of the proxy answering for Bitrix24's hosts (HTTPS_PROXY=http://127.0.0.1:port), or -1 when off. */
    public int proxyPort() {
        return server.proxyPort();
    }

    /** The local CA's PEM certificate, which signs the proxy's certificates for Bitrix24's hosts; null when it is off. */
    public Path caCertificate() {
        return server.caCertificate();
    }

    /** The default portal's incoming webhook URL, ending in a slash, ready for {@code + "telephony.externalcall.register"}. */
    public String webhookUrl() {
        return server.webhookUrl(server.portals().require(PortalRegistry.DEFAULT_ID));
    }

    /** The default portal's webhook over HTTPS, or null when HTTPS is off. */
    public String httpsWebhookUrl() {
        return server.httpsWebhookUrl(server.portals().require(PortalRegistry.DEFAULT_ID));
    }

    /** The control API from Java: new portals for tests, the clock, reset. */
    public Controls controls() {
        return new Controls(server);
    }

    /** The token the control API and dashboard require (header X-Emulator-Token or ?token=), or null (loopback, none given). */
    public String controlToken() {
        return server.controlToken();
    }

    /** Saves the state file now (it is also saved periodically and at close). */
    public void saveState() {
        server.saveState();
    }

    @Override
    public void close() {
        server.close();
    }
}
