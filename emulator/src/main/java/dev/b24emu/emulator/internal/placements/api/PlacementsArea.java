package dev.b24emu.emulator.internal.placements.api;

import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.outbound.SelfGuard;
import dev.b24emu.emulator.internal.placements.PlacementStore;
import dev.b24emu.emulator.internal.placements.WidgetPublisher;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;

import java.util.List;

/**
 * Widgets: placement.bind / unbind / get / list / bindEvent / unbindEvent, the placements of each portal, and what a
 * portal page does with its background workers (the control API's /background-workers).
 */
public final class PlacementsArea implements Area {
    private final SelfGuard self;
    private final WidgetPublisher widgets;

    public PlacementsArea(SelfGuard self, WidgetPublisher widgets) {
        this.self = self;
        this.widgets = widgets;
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("placements", PlacementStore.class, portal -> new PlacementStore()));
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("placement.");
    }

    @Override
    public void methods(MethodTable methods) {
        new PlacementMethods(self).register(methods);
    }

    @Override
    public void control(ControlRoutes routes) {
        new PlacementControl(widgets).register(routes);
    }
}
