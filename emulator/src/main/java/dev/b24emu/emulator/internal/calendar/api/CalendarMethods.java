package dev.b24emu.emulator.internal.calendar.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.b24emu.emulator.internal.calendar.CalendarView;
import dev.b24emu.emulator.internal.calendar.Calendars;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.Access;

import java.util.ArrayList;
import java.util.List;

/**
 * calendar.section.add, .get, .update and .delete, calendar.event.add, .get, .update and .delete
 * (specs/DECISIONS.md D178), as
 * CCalendarRestService runs them; the refusals RestExceptions without a code.
 */
final class CalendarMethods {
    void register(MethodTable methods) {
        methods.add("calendar.section.add", CalendarMethods::addSection)
                .add("calendar.section.get", CalendarMethods::sections)
                .add("calendar.event.add", CalendarMethods::addEvent)
                .add("calendar.event.get", CalendarMethods::events)
                .add("calendar.event.delete", CalendarMethods::deleteEvent)
                .add("calendar.section.update", CalendarMethods::updateSection)
                .add("calendar.section.delete", CalendarMethods::deleteSection)
                .add("calendar.event.update", CalendarMethods::updateEvent);
    }

    private static Calendars.Caller caller(RestCall call) {
        return new Calendars.Caller(call.userId(), Access.isAdmin(call.caller()));
    }

    private static JsonNode addSection(RestCall call) {
        Portal portal = call.portal();
        return LongNode.valueOf(portal.exclusive(() -> Calendars.addSection(portal, caller(call), call.params())));
    }

    private static JsonNode sections(RestCall call) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        Calendars.sections(call.portal(), caller(call), call.params())
                .forEach(s -> rows.add(CalendarView.section(call.portal(), s, caller(call))));
        return rows;
    }

    private static JsonNode addEvent(RestCall call) {
        return reported(call, ignored -> Calendars.addEvent(call.portal(), caller(call), call.params(), ignored),
                "the emulator keeps no recurrence or CRM links of an event");
    }

    /**
     * An event written under the portal's lock, what the server accepts but the emulator does not keep told as a
     * notice (D197: the request is not at fault, so no mode refuses it, and it is told after the write); its ID.
     */
    private static JsonNode reported(RestCall call, java.util.function.Function<java.util.function.Consumer<String>,
            Long> write, String why) {
        List<String> ignored = new ArrayList<>();
        long id = call.portal().exclusive(() -> write.apply(ignored::add));
        if (!ignored.isEmpty()) {
            // host is read by no current server (D178): said only when it was sent
            call.limitation(String.join(", ", ignored) + ": accepted as the server accepts them; "
                    + (ignored.contains("host") ? "the meeting's host is the caller, and " : "") + why);
        }
        return LongNode.valueOf(id);
    }

    private static JsonNode updateSection(RestCall call) {
        Portal portal = call.portal();
        return LongNode.valueOf(portal.exclusive(() -> Calendars.updateSection(portal, caller(call), call.params())));
    }

    private static JsonNode deleteSection(RestCall call) {
        Portal portal = call.portal();
        return portal.exclusive(() -> {
            Calendars.deleteSection(portal, caller(call), call.params());
            return BooleanNode.TRUE;
        });
    }

    private static JsonNode updateEvent(RestCall call) {
        return reported(call, ignored -> Calendars.updateEvent(call.portal(), caller(call), call.params(), ignored),
                "the emulator keeps no recurrence or CRM links of an event");
    }

    private static JsonNode events(RestCall call) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        Calendars.events(call.portal(), call.params()).forEach(e -> rows.add(CalendarView.event(call.portal(), e)));
        return rows;
    }

    private static JsonNode deleteEvent(RestCall call) {
        long id = call.params().phpInt("id");
        if (id <= 0) {
            throw RestError.of("ERROR_CORE", "Event id not specified");
        }
        Portal portal = call.portal();
        if (!portal.exclusive(() -> Calendars.deleteEvent(portal, caller(call), id))) {
            throw RestError.of("ERROR_CORE", "An error occurred while deleting the event");
        }
        return BooleanNode.TRUE;
    }
}
