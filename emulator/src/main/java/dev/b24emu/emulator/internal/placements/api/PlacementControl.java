package dev.b24emu.emulator.internal.placements.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.control.ControlRequest;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.placements.BackgroundWorkers;
import dev.b24emu.emulator.internal.placements.WidgetPublisher;
import dev.b24emu.emulator.internal.placements.WidgetView;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.users.UserStore;

import java.util.List;

/** What a portal page does with its background workers (D191, D193): loads them, and reports the slow ones. */
final class PlacementControl {
    private final WidgetPublisher widgets;

    PlacementControl(WidgetPublisher widgets) {
        this.widgets = widgets;
    }

    void register(ControlRoutes routes) {
        routes.portal().get("/background-workers", this::backgroundWorkers);
        routes.portal().post("/background-workers/:placementId/slow-load", request -> request.portal().exclusive(() ->
                BackgroundWorkers.slowLoad(request.portal(), request.pathLong("placementId"), widgets)));
    }

    /**
     * Every PAGE_BACKGROUND_WORKER handler a page of the portal loads for the user (?user=N, an active user, the
     * webhook's without one; a personal one only for its user), each opened with the page's address (?uri=, "/"
     * without one) as the portal's placement component opens it: PLACEMENT_OPTIONS {"ID", "URI"}.
     */
    private List<WidgetView> backgroundWorkers(ControlRequest request) {
        Portal portal = request.portal();
        long userId = portal.store(UserStore.class).requireActive(request.queryLong("user", portal.webhook().userId()),
                "user").id();
        ObjectNode options = JsonNodeFactory.instance.objectNode().put("ID", BackgroundWorkers.CODE)
                .put("URI", request.query("uri").filter(u -> u.startsWith("/")).orElse("/"));
        return widgets.views(portal, BackgroundWorkers.CODE, userId, options, request.endpoints());
    }
}
