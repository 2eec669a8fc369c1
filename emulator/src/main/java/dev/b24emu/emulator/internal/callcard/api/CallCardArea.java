package dev.b24emu.emulator.internal.callcard.api;

import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.callcard.CallCardService;
import dev.b24emu.emulator.internal.callcard.CallCardStore;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.placements.WidgetPublisher;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.telephony.CallService;

import java.util.List;

/**
 * The call card and call lists: the card model (widgets, CallCard::* events, auto-close), crm.calllist.*, and the
 * control endpoints that drive cards and lists as a user would.
 */
public final class CallCardArea implements Area {
    private final CallCardService cards;
    private final CallService calls;
    private final WidgetPublisher widgets;

    public CallCardArea(CallCardService cards, CallService calls, WidgetPublisher widgets) {
        this.cards = cards;
        this.calls = calls;
        this.widgets = widgets;
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("callcard", CallCardStore.class, portal -> new CallCardStore(portal.bounds().crmObjects(),
                portal.bounds().callTextBytes(), portal.bounds().finishedCalls())));
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("crm.calllist.");
    }

    @Override
    public void methods(MethodTable methods) {
        CallListMethods.register(methods);
    }

    @Override
    public void control(ControlRoutes routes) {
        new CallCardControl(cards, calls, widgets).register(routes);
    }
}
