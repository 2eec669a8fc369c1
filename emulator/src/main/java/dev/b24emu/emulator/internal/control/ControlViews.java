package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Endpoints;

import java.time.ZoneOffset;
import java.util.List;

/** The answers of the framework's control endpoints, as typed records (their JSON is the control OpenAPI's schemas). */
public final class ControlViews {
    private ControlViews() {
    }

    /**
     * @param connections the connections open across the listeners, and how many may be (D124)
     * @param reason      why the server is DOWN; absent when UP
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Health(String status, int portals, long uptimeSeconds, Connections connections, String reason) {
    }

    /**
     * Connections open now, the limit past which a new one closes the connection idle longest, and the I/O transport
     * the listeners run on (io_uring or nio: what a figure measured on one means for the other).
     */
    public record Connections(int open, int max, String transport) {
    }

    /** An answer with a status other than the route's own (health's 503). */
    public record Answer(int status, Object body) {
    }

    /**
     * A JSON answer as large as a portal (its state), written by {@code writer} on a worker thread straight into the
     * connection in chunks ({@link dev.b24emu.emulator.internal.transport.ChunkedOutput}).
     */
    public record Streamed(java.util.function.Consumer<java.io.OutputStream> writer) {
    }

    /**
     * A served method; restVersion 3 is served below /rest/api/ (REST 3.0), 2 below /rest/. applicationsOnly: refused
     * to webhooks whatever the settings; appContextOnly: only where the portal's settings say so (D2).
     */
    public record MethodView(String method, String scope, boolean appContextOnly, boolean applicationsOnly,
                             int restVersion) {
    }

    public record ClockView(String now, long offsetSeconds, boolean frozen) {
        public static ClockView of(EmulatorClock clock) {
            return new ClockView(IsoTime.format(clock.instant(), ZoneOffset.UTC), clock.offset().toSeconds(), clock.frozen());
        }
    }

    /**
     * @param webhookUrl       the webhook at the address the control request used (reachable directly)
     * @param domainWebhookUrl the webhook as Bitrix24 issues it, at the portal's domain (reachable through the proxy)
     */
    public record PortalView(String id, String memberId, String webhookUrl, String domain, String domainWebhookUrl,
                             List<String> scopes, JsonNode settings, ClockView clock) {
        public static PortalView of(Portal portal, Endpoints endpoints) {
            return new PortalView(portal.id(), portal.memberId(), ControlViews.webhookUrl(portal, endpoints),
                    portal.domain(), ControlViews.webhookUrl(portal, Endpoints.atDomain(portal.domain())),
                    portal.webhook().scopes().stream().sorted().toList(), portal.settings().toJson(),
                    ClockView.of(portal.clock()));
        }
    }

    public record Deleted(String deleted) {
    }

    public record Done(boolean reset) {
    }

    /** The portal's incoming webhook at the given address, ending in a slash. */
    public static String webhookUrl(Portal portal, Endpoints endpoints) {
        return endpoints.baseUrl() + "/rest/" + portal.webhook().userId() + "/" + portal.webhook().token() + "/";
    }
}
