package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard at /_emulator/ui/: one page over the control API, with a server-sent event stream that says when a
 * portal served a request or sent a delivery, so the page refreshes its panels live.
 */
public final class DashboardControl {
    private final PortalRegistry portals;
    private final ObjectMapper json;
    private final ControlResponses responses;
    private final Vertx vertx;

    public DashboardControl(Vertx vertx, PortalRegistry portals, ObjectMapper json) {
        this.vertx = vertx;
        this.portals = portals;
        this.json = json;
        this.responses = new ControlResponses(json);
    }

    public void mount(Router router) {
        // Vert.x matches /_emulator/ui and /_emulator/ui/ alike: both serve the page.
        router.get("/_emulator/ui/").handler(DashboardControl::page);
        responses.get(router, "/_emulator/portals/:id/crm", ctx -> crm(portals.require(ctx.pathParam("id"))));
        router.get("/_emulator/ui/stream").handler(this::stream);
    }

    private JsonNode crm(Portal portal) {
        ObjectNode view = json.createObjectNode();
        for (CrmEntityType type : CrmEntityType.values()) {
            ArrayNode list = view.putArray(type == CrmEntityType.COMPANY ? "companies" : type.name().toLowerCase(Locale.ROOT) + "s");
            for (CrmItem item : portal.crm().all(type)) {
                ObjectNode row = list.addObject();
                row.put("ID", item.id());
                row.put("NAME", item.displayName());
                row.put("ASSIGNED_BY_ID", item.assignedById());
                ArrayNode phones = row.putArray("PHONES");
                item.fields().path("PHONE").forEach(p -> phones.add(p.path("VALUE").asText()));
                row.put("STATUS", item.fields().path(type == CrmEntityType.DEAL ? "STAGE_ID" : "STATUS_ID").asText(""));
            }
        }
        return view;
    }

    /** text/event-stream: an "update" event whenever the portal's journals grow, a comment every 15 s to keep it open. */
    private void stream(RoutingContext ctx) {
        String portalId = ctx.queryParams().get("portal");
        Portal portal = portals.get(portalId == null ? PortalRegistry.DEFAULT_ID : portalId).orElse(null);
        HttpServerResponse response = ctx.response();
        if (portal == null) {
            response.setStatusCode(404).end();
            return;
        }
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        response.write(": connected\n\n");
        long[] seen = {-1, -1};
        long[] ticks = {0};
        long timer = vertx.setPeriodic(300, id -> {
            List<RequestJournal.Entry> requests = portal.journal().entries();
            long lastRequest = requests.isEmpty() ? 0 : requests.get(requests.size() - 1).seq();
            var deliveries = portal.events().deliveries();
            long lastDelivery = deliveries.isEmpty() ? 0 : deliveries.get(deliveries.size() - 1).seq();
            if (lastRequest != seen[0] || lastDelivery != seen[1]) {
                seen[0] = lastRequest;
                seen[1] = lastDelivery;
                response.write("event: update\ndata: {\"request\":" + lastRequest + ",\"delivery\":" + lastDelivery + "}\n\n");
            } else if (++ticks[0] % 50 == 0) {
                response.write(": keep-alive\n\n");
            }
        });
        response.closeHandler(v -> vertx.cancelTimer(timer));
        ctx.request().connection().closeHandler(v -> vertx.cancelTimer(timer));
    }

    private static void page(RoutingContext ctx) {
        try (InputStream in = DashboardControl.class.getResourceAsStream("/ui/dashboard.html")) {
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(io.vertx.core.buffer.Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
