package dev.b24emu.emulator.internal.events.api;

import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.events.EventStore;
import dev.b24emu.emulator.internal.outbound.SelfGuard;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;

import java.util.List;

/** Events: event.bind / unbind / get, events, the offline queue methods; the handlers and queue of each portal. */
public final class EventsArea implements Area {
    private final SelfGuard self;

    public EventsArea(SelfGuard self) {
        this.self = self;
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("events", EventStore.class,
                portal -> new EventStore(portal.bounds().finishedCalls())));
    }

    @Override
    public void methods(MethodTable methods) {
        new EventMethods(self).register(methods);
    }
}
