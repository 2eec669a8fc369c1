package dev.b24emu.emulator.internal.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What calendar.section.add, calendar.event.add and calendar.event.delete do to a portal's calendars
 * (specs/DECISIONS.md D178), step by step as CCalendarRestService and CCalendar::SaveEvent take them: the required
 * parameters in the server's order, a calendar named by ID checked against the type and owner, a user's calendar
 * made when an event names none, an attendee's copy of a meeting in the attendee's calendar.
 */
public final class Calendars {
    static final String DEFAULT_SECTION_COLOR = "#9DCF00";
    private static final String EVENT_COLOR_FALLBACK = "#9dcf00";
    private static final List<String> ACCESSIBILITY = List.of("busy", "quest", "free", "absent");
    private static final List<String> IMPORTANCE = List.of("high", "normal", "low");
    private static final long DAY = 86_400;

    private Calendars() {
    }

    /** Who calls: the user, and whether they are an administrator (who may use every calendar). */
    public record Caller(long userId, boolean admin) {
        boolean mayEdit(CalendarSection section) {
            return admin || "user".equals(section.calType()) && section.ownerId() == userId;
        }
    }

    private static CalendarStore store(Portal portal) {
        return portal.store(CalendarStore.class);
    }

    /** calendar.section.add: the new calendar's ID. */
    public static long addSection(Portal portal, Caller caller, Params p) {
        String method = "calendar.section.add";
        if (!p.has("type")) {
            throw CalendarFaults.required("type", method);
        }
        String type = p.textOrEmpty("type");
        long owner = owner(p, type, caller, method);
        JsonNode name = p.node("name").orElse(null);
        if (name == null || !name.isTextual()) { // a missing name fails is_string too
            throw CalendarFaults.invalid("name");
        }
        requireTexts(p);
        if (!caller.admin() && !"user".equals(type)) {
            throw CalendarFaults.accessDenied();
        }
        JsonNode export = p.node("export").orElse(null);
        boolean exportAllow = export != null && export.isContainerNode() && export.has("ALLOW") && export.has("SET")
                ? Params.phpTruthy(export.get("ALLOW")) : true;
        CalendarSection section = new CalendarSection(store(portal).nextSectionId(), type, owner, name.asText().trim(),
                p.text("description").map(String::trim).orElse(""), color(p.text("color").orElse(null), "#E6A469"),
                color(p.text("text_color").orElse(null), "#000000"), exportAllow, caller.userId(), portal.now());
        store(portal).put(section);
        return section.id();
    }

    /** The type, owner and ID that calendar.section.update and .delete check first. */
    private record SectionTarget(String type, long owner, long id) {
    }

    private static SectionTarget sectionTarget(Params p, Caller caller, String method) {
        if (!p.has("type")) {
            throw CalendarFaults.required("type", method);
        }
        String type = p.textOrEmpty("type");
        long owner = owner(p, type, caller, method);
        long id = p.phpInt("id");
        if (id <= 0) {
            throw CalendarFaults.of("Section ID is not set");
        }
        return new SectionTarget(type, owner, id);
    }

    /**
     * calendar.section.update: the calendar's ID. The type and owner sent are written to it; a name or description
     * is changed only to a text that is not empty; a colour the server cannot read is #9dcf00; export is not read.
     */
    public static long updateSection(Portal portal, Caller caller, Params p) {
        SectionTarget target = sectionTarget(p, caller, "calendar.section.update");
        requireTexts(p);
        CalendarSection current = store(portal).section(target.id()).orElse(null);
        CalendarSection asked = current == null ? null : new CalendarSection(current.id(), target.type(),
                target.owner(), current.name(), current.description(), current.color(), current.textColor(),
                current.exportAllow(), current.createdBy(), current.created());
        if (current == null || !caller.mayEdit(current) || !caller.mayEdit(asked)) {
            throw CalendarFaults.accessDenied();
        }
        String name = p.text("name").map(String::trim).filter(n -> !n.isEmpty()).orElse(current.name());
        String description = p.text("description").map(String::trim).filter(d -> !d.isEmpty())
                .orElse(current.description());
        store(portal).put(new CalendarSection(current.id(), target.type(), target.owner(), name, description,
                p.has("color") ? color(p.textOrEmpty("color"), EVENT_COLOR_FALLBACK) : current.color(),
                p.has("text_color") ? color(p.textOrEmpty("text_color"), EVENT_COLOR_FALLBACK) : current.textColor(),
                current.exportAllow(), current.createdBy(), current.created()));
        return current.id();
    }

    /** calendar.section.delete: the calendar with its events and the copies of the meetings it held. */
    public static void deleteSection(Portal portal, Caller caller, Params p) {
        SectionTarget target = sectionTarget(p, caller, "calendar.section.delete");
        if (!caller.admin() && !"user".equals(target.type())) {
            throw CalendarFaults.accessDenied();
        }
        CalendarSection section = store(portal).section(target.id()).filter(caller::mayEdit)
                .orElseThrow(() -> CalendarFaults.of("An error occurred while deleting the section."));
        store(portal).deleteSection(section.id());
    }

    /** The calendars of a type and owner, by ID (calendar.section.get: ownerId, or the caller's for type user). */
    public static List<CalendarSection> sections(Portal portal, Caller caller, Params p) {
        String method = "calendar.section.get";
        if (!p.has("type")) {
            throw CalendarFaults.required("type", method);
        }
        String type = p.textOrEmpty("type");
        long owner = owner(p, type, caller, method);
        return sectionsOf(portal, type, owner);
    }

    private static List<CalendarSection> sectionsOf(Portal portal, String type, long owner) {
        return store(portal).sections().stream().filter(s -> s.calType().equals(type) && s.ownerId() == owner)
                .toList();
    }

    private static long owner(Params p, String type, Caller caller, String method) {
        if (p.has("ownerId")) {
            return p.phpInt("ownerId");
        }
        if ("user".equals(type)) {
            return caller.userId();
        }
        throw CalendarFaults.required("ownerId", method);
    }

    /**
     * calendar.event.add: the new event's ID. What the server accepts and leaves aside (host, meeting.text and .open,
     * an rrule and crm_fields the emulator does not keep) is told to {@code ignored}.
     */
    public static long addEvent(Portal portal, Caller caller, Params p, Consumer<String> ignored) {
        String method = "calendar.event.add";
        ZoneId userZone = portal.settings().timeZone();
        Timing timing = Timing.of(p);
        boolean skipTime = timing.skipTime();
        Moment from = timing.from(p, userZone);
        Moment to = timing.to(p, userZone);
        String name = p.text("name").orElse(null);
        if (from == null) {
            throw CalendarFaults.required("from", method);
        }
        if (to == null) {
            throw CalendarFaults.required("to", method);
        }
        required(p, "name", method);
        required(p, "ownerId", method);
        required(p, "type", method);
        String type = p.textOrEmpty("type");
        requireTexts(p);
        if (p.has("crm_fields") && !p.node("crm_fields").orElseThrow().isContainerNode()) {
            throw CalendarFaults.of("The list of event connections to CRM must be an array");
        }
        long owner = p.phpInt("ownerId");
        CalendarSection section = section(portal, caller, type, owner, p.phpInt("section"),
                "Y".equals(p.textOrEmpty("auto_detect_section")));
        for (String aside : List.of("host", "rrule", "crm_fields")) {
            if (p.has(aside)) {
                ignored.accept(aside);
            }
        }
        boolean meeting = "Y".equals(p.textOrEmpty("is_meeting"));
        long host = caller.userId() > 0 ? caller.userId() : owner;
        List<Long> attendees = attendees(p, meeting, owner > 0 ? owner : caller.userId());
        JsonNode options = p.node("meeting").orElse(null);
        if (options != null && (options.has("text") || options.has("open"))) {
            ignored.accept("meeting.text, meeting.open");
        }
        LocalDateTime start = from.wallClock;
        LocalDateTime end = to.wallClock.isBefore(start) && !skipTime ? start : to.wallClock;
        long length = timing.length(start, from.zone, end, to.zone);
        long id = store(portal).nextEventId();
        CalendarEvent event = new CalendarEvent(id, id, type, owner, section.id(),
                name.trim(), p.text("description").map(String::trim).orElse(""), start, end,
                skipTime ? null : from.zone.getId(), skipTime ? null : to.zone.getId(), skipTime, length,
                meeting && "user".equals(type) ? owner : caller.userId(), portal.now(),
                listed(p.textOrEmpty("accessibility"), ACCESSIBILITY, "busy"),
                listed(p.textOrEmpty("importance"), IMPORTANCE, "normal"), "Y".equals(p.textOrEmpty("private_event")),
                meeting, "H", host, meetingOptions(meeting ? options : null), attendees, reminders(p),
                p.has("color") ? color(p.textOrEmpty("color"), EVENT_COLOR_FALLBACK) : "",
                p.has("text_color") ? color(p.textOrEmpty("text_color"), EVENT_COLOR_FALLBACK) : "",
                p.text("location").orElse(""));
        store(portal).put(event);
        copies(portal, caller, event);
        return event.id();
    }

    /**
     * calendar.event.update: the event's ID. Only what is sent changes, but as the server saves it: the event is
     * all-day only when skip_time (skipTime) says so now, and a timed event's zones are the ones sent or the user's;
     * a calendar sent must be of that type and owner and moves the event there. An event the caller may not change,
     * or none, is "Access denied".
     */
    public static long updateEvent(Portal portal, Caller caller, Params p, Consumer<String> ignored) {
        String method = "calendar.event.update";
        required(p, "id", method);
        required(p, "ownerId", method);
        required(p, "type", method);
        String type = p.textOrEmpty("type");
        requireTexts(p);
        CalendarSection moved = null;
        if (p.has("section")) {
            long sectionId = p.phpInt("section");
            moved = store(portal).section(sectionId).filter(s -> s.calType().equals(type)
                    && s.ownerId() == p.phpInt("ownerId")).orElseThrow(CalendarFaults::section);
            if (!caller.mayEdit(moved)) {
                throw CalendarFaults.accessDenied();
            }
        }
        if (p.has("crm_fields") && !p.node("crm_fields").orElseThrow().isContainerNode()) {
            throw CalendarFaults.of("The list of event connections to CRM must be an array");
        }
        CalendarEvent e = store(portal).event(p.phpInt("id")).filter(ev -> caller.admin()
                || ev.createdBy() == caller.userId() || store(portal).section(ev.sectionId()).map(caller::mayEdit)
                .orElse(false)).orElseThrow(CalendarFaults::accessDenied);
        for (String aside : List.of("rrule", "crm_fields", "recurrence_mode")) {
            if (p.has(aside)) {
                ignored.accept(aside);
            }
        }
        ZoneId userZone = portal.settings().timeZone();
        Timing timing = Timing.of(p);
        boolean skipTime = timing.skipTime();
        ZoneId zoneFrom = timing.fromZone().orElse(userZone);
        ZoneId zoneTo = timing.toZone().orElse(userZone);
        Moment from = p.has("from") || p.has("from_ts") ? timing.from(p, userZone) : null;
        Moment to = p.has("to") || p.has("to_ts") ? timing.to(p, userZone) : null;
        // a date not sent keeps its wall-clock time, read again in the zone the event now has
        LocalDateTime start = from != null ? from.wallClock : skipTime ? e.from().toLocalDate().atStartOfDay() : e.from();
        LocalDateTime end = to != null ? to.wallClock : skipTime ? e.to().toLocalDate().atStartOfDay() : e.to();
        ZoneId startZone = from != null ? from.zone : zoneFrom;
        ZoneId endZone = to != null ? to.zone : zoneTo;
        if (end.atZone(endZone).isBefore(start.atZone(startZone))) {
            end = start;
            endZone = startZone;
        }
        long length = timing.length(start, startZone, end, endZone);
        boolean meeting = p.has("is_meeting") ? "Y".equals(p.textOrEmpty("is_meeting")) : e.meeting();
        long host = e.meetingHost();
        List<Long> attendees = e.attendees();
        CalendarEvent.MeetingOptions options = e.options();
        if (meeting && p.has("is_meeting")) {
            host = p.has("host") && p.phpInt("host") > 0 ? p.phpInt("host") : caller.userId();
            if (p.node("attendees").filter(JsonNode::isContainerNode).isPresent()) {
                attendees = attendees(p, true, e.ownerId());
            }
            options = meetingOptions(p.node("meeting").orElse(null));
        }
        CalendarSection target = moved != null ? moved : store(portal).section(e.sectionId()).orElse(null);
        String name = p.has("name") ? p.textOrEmpty("name").trim() : e.name();
        CalendarEvent updated = new CalendarEvent(e.id(), e.parentId(), target == null ? e.calType() : target.calType(),
                target == null ? e.ownerId() : target.ownerId(), target == null ? e.sectionId() : target.id(),
                name.isEmpty() ? "New event" : name,
                p.has("description") ? p.textOrEmpty("description").trim() : e.description(), start, end,
                skipTime ? null : startZone.getId(), skipTime ? null : endZone.getId(), skipTime, length, e.createdBy(),
                e.created(), p.has("accessibility") ? listed(p.textOrEmpty("accessibility"), ACCESSIBILITY, "busy")
                : e.accessibility(), p.has("importance") ? listed(p.textOrEmpty("importance"), IMPORTANCE, "normal")
                : e.importance(), p.has("private_event") ? "Y".equals(p.textOrEmpty("private_event")) : e.privateEvent(),
                meeting, e.meetingStatus(), host, options, attendees,
                p.has("remind") ? reminders(p) : e.remind(),
                p.has("color") ? color(p.textOrEmpty("color"), EVENT_COLOR_FALLBACK) : e.color(),
                p.has("text_color") ? color(p.textOrEmpty("text_color"), EVENT_COLOR_FALLBACK) : e.textColor(),
                p.has("location") ? p.textOrEmpty("location") : e.location());
        store(portal).put(updated);
        if (updated.parentId() == updated.id()) { // the attendees' copies follow the host's event
            copies(portal, caller, updated);
        }
        return updated.id();
    }

    /**
     * How an event's dates are read: all day when skipTime (over skip_time) is Y, the zones of a timed event's
     * wall-clock times those sent (timezone_to defaulting to timezone_from), else the user's.
     */
    private record Timing(boolean skipTime, Optional<ZoneId> fromZone, Optional<ZoneId> toZone) {
        static Timing of(Params p) {
            boolean skipTime = p.has("skipTime") ? "Y".equals(p.textOrEmpty("skipTime"))
                    : "Y".equals(p.textOrEmpty("skip_time"));
            Optional<ZoneId> from = skipTime ? Optional.empty() : CalendarDates.zone(p.textOrEmpty("timezone_from"));
            Optional<ZoneId> to = skipTime ? Optional.empty() : CalendarDates.zone(p.textOrEmpty("timezone_to"));
            return new Timing(skipTime, from, to.or(() -> from));
        }

        Moment from(Params p, ZoneId userZone) {
            return moment(p, "from", skipTime, fromZone, userZone);
        }

        Moment to(Params p, ZoneId userZone) {
            return moment(p, "to", skipTime, toZone, userZone);
        }

        /** The length DT_LENGTH keeps: whole days for an all-day event, a day added; seconds otherwise. */
        long length(LocalDateTime start, ZoneId startZone, LocalDateTime end, ZoneId endZone) {
            return skipTime ? Math.max(0, ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate())) * DAY + DAY
                    : Duration.between(start.atZone(startZone), end.atZone(endZone)).getSeconds();
        }
    }

    /**
     * CAL_REST_PARAM_EXCEPTION for a required parameter PHP's empty() finds empty ("", "0", 0, null, []); ownerId
     * needs only to be sent (isset), so an owner of 0 passes.
     */
    private static void required(Params p, String key, String method) {
        if (key.equals("ownerId") ? !p.has(key) : !p.phpTruthy(key)) {
            throw CalendarFaults.required(key, method);
        }
    }

    /** CAL_REST_PARAM_ERROR for a name or description sent as anything but a string. */
    private static void requireTexts(Params p) {
        for (String text : List.of("name", "description")) {
            if (p.has(text) && !p.node(text).orElseThrow().isTextual()) {
                throw CalendarFaults.invalid(text);
            }
        }
    }

    /** A written date read as unConvertDateTime reads it; null when it is absent, empty or unreadable. */
    private record Moment(LocalDateTime wallClock, ZoneId zone) {
    }

    private static Moment moment(Params p, String key, boolean skipTime, Optional<ZoneId> given, ZoneId userZone) {
        String text = p.text(key).orElse(null);
        if (text == null && !p.has(key) && p.has(key + "_ts")) {
            long ts = p.phpInt(key + "_ts");
            Instant at = Instant.ofEpochSecond(ts).truncatedTo(ChronoUnit.MINUTES);
            return new Moment(LocalDateTime.ofInstant(at, userZone), userZone);
        }
        if (text == null || text.isBlank()) {
            return null;
        }
        if (skipTime) {
            return CalendarDates.read(text, userZone)
                    .map(at -> new Moment(LocalDate.ofInstant(at, userZone).atStartOfDay(), userZone)).orElse(null);
        }
        // a date with its own offset is that moment in the user's zone; one without is the wall-clock time of its zone
        ZoneId zone = CalendarDates.hasOwnZone(text) ? userZone : given.orElse(userZone);
        return CalendarDates.read(text, zone).map(at -> new Moment(LocalDateTime.ofInstant(at, zone), zone))
                .orElse(null);
    }

    /**
     * The calendar an event goes to: the one named, of that type and owner and the caller's to edit; without one, a
     * user's first calendar (made when there is none), another type's first, or none for an owner of 0.
     */
    private static CalendarSection section(Portal portal, Caller caller, String type, long owner, long sectionId,
                                           boolean autoDetect) {
        if (sectionId > 0 && !autoDetect) {
            CalendarSection named = store(portal).section(sectionId)
                    .filter(s -> s.calType().equals(type) && s.ownerId() == owner)
                    .orElseThrow(CalendarFaults::section);
            if (!caller.mayEdit(named)) {
                throw CalendarFaults.accessDenied();
            }
            return named;
        }
        if ("user".equals(type)) {
            return userSection(portal, caller, owner, false);
        }
        if (owner == 0) {
            throw CalendarFaults.eventNotCreated();
        }
        return sectionsOf(portal, type, owner).stream().findFirst().orElseGet(() -> {
            if (!caller.admin()) {
                throw CalendarFaults.accessDenied();
            }
            return created(portal, type, owner, "Calendar", caller.userId());
        });
    }

    /** A user's first calendar, made (CCalendarSect::CreateDefault: the user's name, #9DCF00) when they have none. */
    private static CalendarSection userSection(Portal portal, Caller caller, long owner, boolean forMeeting) {
        return sectionsOf(portal, "user", owner).stream().findFirst().orElseGet(() -> {
            if (!forMeeting && !caller.admin() && owner != caller.userId()) {
                throw CalendarFaults.accessDenied();
            }
            String name = portal.store(UserStore.class).get(owner).map(User::fullName).orElse("");
            return created(portal, "user", owner, name, caller.userId());
        });
    }

    private static CalendarSection created(Portal portal, String type, long owner, String name, long createdBy) {
        CalendarSection section = new CalendarSection(store(portal).nextSectionId(), type, owner, name, "",
                DEFAULT_SECTION_COLOR, null, true, createdBy, portal.now());
        store(portal).put(section);
        return section;
    }

    private static List<Long> attendees(Params p, boolean meeting, long fallback) {
        Set<Long> ids = new LinkedHashSet<>();
        if (meeting) {
            p.node("attendees").filter(JsonNode::isContainerNode).ifPresent(list -> list.forEach(id ->
                    ids.add(Params.phpInt(id))));
        }
        if (ids.isEmpty()) {
            ids.add(fallback);
        }
        return new ArrayList<>(ids);
    }

    private static CalendarEvent.MeetingOptions meetingOptions(JsonNode options) {
        if (options == null || !options.isContainerNode()) {
            return new CalendarEvent.MeetingOptions(false, false, false, false);
        }
        return new CalendarEvent.MeetingOptions(truthy(options, "notify"), truthy(options, "reinvite"),
                truthy(options, "allow_invite"), truthy(options, "hide_guests"));
    }

    private static boolean truthy(JsonNode node, String key) {
        return node.has(key) && Params.phpTruthy(node.get(key));
    }

    /** remind: [{type: min|hour|day, count}], the others dropped. */
    private static List<CalendarEvent.Reminder> reminders(Params p) {
        List<CalendarEvent.Reminder> reminders = new ArrayList<>();
        p.node("remind").filter(JsonNode::isContainerNode).ifPresent(list -> list.forEach(item -> {
            String type = item.path("type").asText("");
            if (List.of("min", "hour", "day").contains(type)) {
                reminders.add(new CalendarEvent.Reminder(type, Params.phpInt(item.path("count"))));
            }
        }));
        return reminders;
    }

    private static String listed(String given, List<String> allowed, String otherwise) {
        String value = given.toLowerCase(Locale.ROOT);
        return allowed.contains(value) ? value : otherwise;
    }

    /** CCalendar::Color: the word characters, six of them, after a #; anything else the default. */
    static String color(String given, String otherwise) {
        String hex = given == null ? "" : given.replaceAll("\\W", "");
        return hex.length() < 6 ? otherwise : "#" + hex.substring(0, 6);
    }

    /**
     * A meeting's copies, one in each attendee's calendar (made for them if they have none) but the owner's: invited
     * (Q), their parent the host's event; made again whole when the event changes. No meeting, no copies.
     */
    private static void copies(Portal portal, Caller caller, CalendarEvent e) {
        store(portal).deleteCopies(e.id());
        if (!e.meeting()) {
            return;
        }
        for (long attendee : e.attendees()) {
            if (attendee != e.ownerId() || !"user".equals(e.calType())) {
                CalendarSection theirs = userSection(portal, caller, attendee, true);
                store(portal).put(new CalendarEvent(store(portal).nextEventId(), e.id(), "user", attendee, theirs.id(),
                        e.name(), e.description(), e.from(), e.to(), e.tzFrom(), e.tzTo(), e.skipTime(), e.dtLength(),
                        e.createdBy(), e.created(), e.accessibility(), e.importance(), e.privateEvent(), true, "Q",
                        e.meetingHost(), e.options(), e.attendees(), e.remind(), e.color(), e.textColor(),
                        e.location()));
            }
        }
    }

    /**
     * calendar.event.get: the events of a type and owner's calendars (those named in section, if any) overlapping
     * from to the end of to's day; without either, thirty days back to ninety ahead; by start, then ID.
     */
    public static List<CalendarEvent> events(Portal portal, Params p) {
        required(p, "type", "calendar.event.get");
        String type = p.textOrEmpty("type");
        long owner = p.phpInt("ownerId");
        ZoneId zone = portal.settings().timeZone();
        Optional<Instant> from = p.text("from").flatMap(t -> CalendarDates.read(t, zone));
        Optional<Instant> to = p.text("to").flatMap(t -> CalendarDates.read(t, zone));
        Instant today = LocalDate.ofInstant(portal.now(), zone).atStartOfDay(zone).toInstant();
        Instant lower = from.orElse(to.isPresent() ? Instant.MIN : today.minus(30, ChronoUnit.DAYS));
        Instant upper = to.orElse(from.isPresent() ? Instant.parse("2038-01-01T00:00:00Z")
                : today.plus(90, ChronoUnit.DAYS)).plusSeconds(DAY - 1);
        Set<Long> named = new LinkedHashSet<>();
        p.node("section").ifPresent(s -> Params.scalars(s).forEach(id ->
                named.add(Params.phpInt(com.fasterxml.jackson.databind.node.TextNode.valueOf(id)))));
        named.removeIf(id -> id <= 0);
        Set<Long> sections = new LinkedHashSet<>();
        sectionsOf(portal, type, owner).forEach(s -> sections.add(s.id()));
        if (!named.isEmpty()) {
            sections.retainAll(named);
        }
        return store(portal).events().stream().filter(e -> sections.contains(e.sectionId()))
                .filter(e -> !CalendarView.endUtc(e, zone).isBefore(lower) && !CalendarView.startUtc(e, zone).isAfter(upper))
                .sorted(Comparator.comparing((CalendarEvent e) -> CalendarView.startUtc(e, zone))
                        .thenComparingLong(CalendarEvent::id))
                .toList();
    }

    /**
     * calendar.event.delete: the event and its attendees' copies; false when there is none or the caller may not
     * delete it (its calendar is not theirs to edit and they did not make it).
     */
    public static boolean deleteEvent(Portal portal, Caller caller, long id) {
        Optional<CalendarEvent> event = store(portal).event(id);
        if (event.isEmpty()) {
            return false;
        }
        boolean allowed = caller.admin() || event.get().createdBy() == caller.userId()
                || store(portal).section(event.get().sectionId()).map(caller::mayEdit).orElse(false);
        if (allowed) {
            store(portal).delete(id);
        }
        return allowed;
    }
}
