package dev.b24emu.emulator.internal.transport;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The emulator's public addresses, as the portal announces them to applications (event auth blocks, tokens,
 * placement calls). Portals share one host and are told apart by their tokens and member_id.
 */
public final class Endpoints {
    private final Supplier<String> baseUrl;

    public Endpoints(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** http://127.0.0.1:8080 */
    public String baseUrl() {
        return baseUrl.get();
    }

    /** 127.0.0.1:8080: what "domain" carries, so https://{domain}/rest/ style clients reach this server. */
    public String domain() {
        URI uri = URI.create(baseUrl.get());
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    /** Where an application's REST calls go (client_endpoint). */
    public String clientEndpoint() {
        return baseUrl.get() + "/rest/";
    }

    /**
     * The authorization server's REST address (server_endpoint), of the real one's shape
     * ({@code https://oauth.bitrix.info/rest/}): SDKs derive the token URL from it by dropping {@code /rest/} and
     * adding {@code /oauth/token/}, which here reaches the emulator's own token endpoint.
     */
    public String serverEndpoint() {
        return baseUrl.get() + "/rest/";
    }
}
