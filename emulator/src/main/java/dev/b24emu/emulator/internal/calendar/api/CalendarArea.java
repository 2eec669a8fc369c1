package dev.b24emu.emulator.internal.calendar.api;

import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.calendar.CalendarStore;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;

import java.util.List;

/**
 * Calendars: a click-to-call app books the meeting a call agreed on (calendar.event.add) in a user's calendar
 * (calendar.section.add, .get), reads it back (calendar.event.get) and cancels it (calendar.event.delete).
 */
public final class CalendarArea implements Area {
    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("calendar", CalendarStore.class,
                portal -> new CalendarStore(portal.bounds().crmObjects())));
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("calendar.");
    }

    @Override
    public void methods(MethodTable methods) {
        new CalendarMethods().register(methods);
    }
}
