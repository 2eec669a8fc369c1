package dev.b24emu.emulator.internal.placements.api;

import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.outbound.SelfGuard;
import dev.b24emu.emulator.internal.placements.PlacementStore;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;

import java.util.List;

/** Widgets: placement.bind / unbind / get / list / bindEvent / unbindEvent and the placements of each portal. */
public final class PlacementsArea implements Area {
    private final SelfGuard self;

    public PlacementsArea(SelfGuard self) {
        this.self = self;
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("placements", PlacementStore.class, portal -> new PlacementStore()));
    }

    @Override
    public void methods(MethodTable methods) {
        new PlacementMethods(self).register(methods);
    }
}
