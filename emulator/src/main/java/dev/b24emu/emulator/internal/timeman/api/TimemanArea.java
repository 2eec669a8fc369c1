package dev.b24emu.emulator.internal.timeman.api;

import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.timeman.WorkDayStore;

import java.util.List;

/**
 * Work time (timeman.status, .open, .pause, .close, .settings): the users' work days, which searchCrmEntities'
 * TIMEMAN_STATUS reads. The days follow the users' TIMEMAN_STATUS in seeds and the control API's users.
 */
public final class TimemanArea implements Area {
    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("workdays", WorkDayStore.class, portal -> new WorkDayStore()));
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("timeman.");
    }

    @Override
    public void methods(MethodTable methods) {
        TimemanMethods.register(methods);
    }
}
