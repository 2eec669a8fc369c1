package dev.b24emu.emulator.internal.outbound.api;

import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.control.ControlRequest;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.outbound.Delivery;
import dev.b24emu.emulator.internal.outbound.DeliveryJournal;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.StoreType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** What the portal sends integrations: the delivery journal of every portal, and its control endpoints. */
public final class OutboundArea implements Area {
    private final PortalRegistry portals;

    public OutboundArea(PortalRegistry portals) {
        this.portals = portals;
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("deliveries", DeliveryJournal.class,
                portal -> new DeliveryJournal(portal.bounds().journalEntries())));
    }

    @Override
    public void control(ControlRoutes routes) {
        routes.get("/events", request -> deliveries(portals.all(), request));
        routes.portal().get("/events", request -> deliveries(List.of(request.portal()), request));
    }

    /**
     * Every delivery attempt, oldest first; ?event= filters by event name, ?failed=true keeps the failed attempts (a
     * developer looking for why a handler got nothing read through every delivery: audit 60a).
     */
    private static List<Delivery> deliveries(Collection<Portal> from, ControlRequest request) {
        String event = request.query("event").orElse(null);
        boolean failed = request.query("failed").map(Boolean::parseBoolean).orElse(false);
        List<Delivery> all = new ArrayList<>();
        from.forEach(p -> all.addAll(p.store(DeliveryJournal.class).deliveries()));
        all.sort(Comparator.comparingLong(Delivery::seq));
        return all.stream().filter(d -> event == null || d.event().equalsIgnoreCase(event))
                .filter(d -> !failed || d.error() != null).toList();
    }
}
