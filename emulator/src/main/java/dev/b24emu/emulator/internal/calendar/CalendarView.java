package dev.b24emu.emulator.internal.calendar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Calendars and events as calendar.section.get and calendar.event.get answer them (specs/DECISIONS.md D178): the keys
 * in the order of the docs' examples, IDs as strings, an event's dates its wall-clock time in an English portal's
 * site format, a calendar's in the database's.
 */
public final class CalendarView {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CalendarView() {
    }

    /** A row of calendar.section.get, the caller's rights in PERM. */
    public static ObjectNode section(Portal portal, CalendarSection s, Calendars.Caller caller) {
        ZoneId zone = portal.settings().timeZone();
        ObjectNode json = NODES.objectNode();
        json.put("ID", Long.toString(s.id()));
        json.put("NAME", s.name());
        json.putNull("GAPI_CALENDAR_ID");
        json.put("DESCRIPTION", s.description());
        json.put("COLOR", s.color());
        json.put("TEXT_COLOR", s.textColor());
        json.putObject("EXPORT").put("ALLOW", s.exportAllow());
        json.put("CAL_TYPE", s.calType());
        json.put("OWNER_ID", Long.toString(s.ownerId()));
        json.put("CREATED_BY", Long.toString(s.createdBy()));
        json.put("DATE_CREATE", CalendarDates.database(s.created(), zone));
        json.put("TIMESTAMP_X", CalendarDates.database(s.created(), zone));
        if ("user".equals(s.calType())) {
            json.putNull("CAL_DAV_CON");
        } else {
            json.put("CAL_DAV_CON", false);
        }
        json.putNull("SYNC_TOKEN");
        json.putNull("PAGE_TOKEN");
        json.put("EXTERNAL_TYPE", "local");
        json.putObject("ACCESS");
        json.put("IS_COLLAB", false);
        boolean edit = caller.mayEdit(s);
        json.putObject("PERM").put("view_time", true).put("view_title", true).put("view_full", true)
                .put("add", edit).put("edit", edit).put("edit_section", edit).put("access", edit);
        return json;
    }

    static Instant startUtc(CalendarEvent e, ZoneId portalZone) {
        return e.from().atZone(e.tzFrom() == null ? portalZone : ZoneId.of(e.tzFrom())).toInstant();
    }

    static Instant endUtc(CalendarEvent e, ZoneId portalZone) {
        return e.to().atZone(e.tzTo() == null ? portalZone : ZoneId.of(e.tzTo())).toInstant();
    }

    /** An event of calendar.event.get (one per event: the emulator keeps no recurrence). */
    public static ObjectNode event(Portal portal, CalendarEvent e) {
        ZoneId zone = portal.settings().timeZone();
        Instant start = startUtc(e, zone);
        Instant end = endUtc(e, zone);
        ObjectNode json = NODES.objectNode();
        json.put("ID", Long.toString(e.id()));
        json.put("PARENT_ID", Long.toString(e.parentId()));
        json.put("DELETED", "N");
        json.put("CAL_TYPE", e.calType());
        json.put("OWNER_ID", Long.toString(e.ownerId()));
        json.put("NAME", e.name());
        json.put("DATE_FROM", CalendarDates.site(e.from()));
        json.put("DATE_TO", CalendarDates.site(e.to()));
        json.putNull("ORIGINAL_DATE_FROM");
        json.put("TZ_FROM", e.tzFrom());
        json.put("TZ_TO", e.tzTo());
        json.put("TZ_OFFSET_FROM", offset(e.tzFrom(), start));
        json.put("TZ_OFFSET_TO", offset(e.tzTo(), end));
        json.put("DATE_FROM_TS_UTC", Long.toString(start.getEpochSecond()));
        json.put("DATE_TO_TS_UTC", Long.toString(end.getEpochSecond()));
        json.put("DT_SKIP_TIME", e.skipTime() ? "Y" : "N");
        json.put("DT_LENGTH", e.dtLength());
        json.putNull("EVENT_TYPE");
        json.put("CREATED_BY", Long.toString(e.createdBy()));
        json.put("DATE_CREATE", CalendarDates.site(e.created(), zone));
        json.put("TIMESTAMP_X", CalendarDates.site(e.created(), zone));
        json.put("DESCRIPTION", e.description());
        json.put("PRIVATE_EVENT", e.privateEvent() ? "1" : "");
        json.put("ACCESSIBILITY", e.accessibility());
        json.put("IMPORTANCE", e.importance());
        json.put("IS_MEETING", e.meeting());
        json.put("MEETING_STATUS", e.meetingStatus());
        json.put("MEETING_HOST", Long.toString(e.meetingHost()));
        ObjectNode meeting = json.putObject("MEETING");
        meeting.put("HOST_NAME", name(portal, e.meetingHost()));
        meeting.put("NOTIFY", e.options().notifies()).put("REINVITE", e.options().reinvite())
                .put("ALLOW_INVITE", e.options().allowInvite()).put("HIDE_GUESTS", e.options().hideGuests());
        meeting.put("MEETING_CREATOR", e.meetingHost());
        meeting.put("LANGUAGE_ID", "en").put("MAIL_FROM", ""); // no mail address the invitations came from
        json.put("LOCATION", e.location());
        ArrayNode remind = json.putArray("REMIND");
        e.remind().forEach(r -> remind.addObject().put("type", r.type()).put("count", r.count()));
        json.put("COLOR", e.color());
        json.put("RRULE", "");
        json.put("EXDATE", "");
        json.putNull("DAV_XML_ID");
        json.putNull("G_EVENT_ID");
        json.putNull("DAV_EXCH_LABEL");
        json.putNull("CAL_DAV_LABEL");
        json.put("VERSION", "1");
        ArrayNode codes = json.putArray("ATTENDEES_CODES");
        e.attendees().forEach(id -> codes.add("U" + id));
        json.putNull("RECURRENCE_ID");
        json.putNull("RELATIONS");
        json.put("SECTION_ID", Long.toString(e.sectionId()));
        json.putNull("SYNC_STATUS");
        json.put("UF_CRM_CAL_EVENT", "");
        json.put("UF_WEBDAV_CAL_EVENT", false);
        json.putNull("SECTION_DAV_XML_ID");
        json.put("DATE_FROM_FORMATTED", CalendarDates.js(e.from(), e.skipTime()));
        json.put("DATE_TO_FORMATTED", CalendarDates.js(e.to(), e.skipTime()));
        json.put("SECT_ID", Long.toString(e.sectionId()));
        ArrayNode list = json.putArray("ATTENDEE_LIST");
        list.addObject().put("id", e.meetingHost()).put("entryId", Long.toString(e.parentId())).put("status", "H");
        CalendarStore store = portal.store(CalendarStore.class);
        e.attendees().stream().filter(id -> id != e.meetingHost()).forEach(id -> list.addObject().put("id", id)
                .put("entryId", store.events().stream().filter(c -> c.parentId() == e.parentId() && c.ownerId() == id)
                        .map(c -> Long.toString(c.id())).findFirst().orElse(""))
                .put("status", "Q"));
        json.putNull("COLLAB_ID");
        ArrayNode entities = json.putArray("attendeesEntityList");
        e.attendees().forEach(id -> entities.addObject().put("entityId", "user").put("id", id));
        // PreHandleEvent adds the description as CCalendarEvent::ParseText renders it for a signed-in caller; the
        // emulator gives it as written (BB codes are not rendered to HTML)
        json.put("~DESCRIPTION", e.description());
        json.put("~USER_OFFSET_FROM", e.skipTime() ? 0 : offsetSeconds(e.tzFrom(), start));
        json.put("~USER_OFFSET_TO", e.skipTime() ? 0 : offsetSeconds(e.tzTo(), end));
        return json;
    }

    private static String offset(String zone, Instant at) {
        return zone == null ? "0" : Integer.toString(offsetSeconds(zone, at));
    }

    private static int offsetSeconds(String zone, Instant at) {
        return zone == null ? 0 : ZoneId.of(zone).getRules().getOffset(at).getTotalSeconds();
    }

    private static String name(Portal portal, long userId) {
        return portal.store(UserStore.class).get(userId).map(User::fullName).orElse("");
    }
}
