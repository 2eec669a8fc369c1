package dev.b24emu.emulator.internal.calendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An event of a calendar (b_calendar_event) as calendar.event.add writes it: its wall-clock start and end in its
 * zones (the day alone for an all-day event), and the meeting it is when it has attendees.
 *
 * @param parentId    the host's event for an attendee's copy of a meeting, the event's own ID otherwise
 * @param from        the start, wall-clock in {@code tzFrom} (midnight of the day for an all-day event)
 * @param tzFrom      the start's zone, null for an all-day event
 * @param dtLength    the length in seconds (a day's 86,400 added for an all-day event)
 * @param meetingStatus H the host's, Q an invited attendee's, or null for no meeting
 * @param attendees   the users invited (the host among them), in order
 * @param remind      the reminders, each {type: min|hour|day, count}
 */
public record CalendarEvent(long id, long parentId, String calType, long ownerId, long sectionId, String name,
                            String description, LocalDateTime from, LocalDateTime to, String tzFrom, String tzTo,
                            boolean skipTime, long dtLength, long createdBy, Instant created, String accessibility,
                            String importance, boolean privateEvent, boolean meeting, String meetingStatus,
                            long meetingHost, MeetingOptions options, List<Long> attendees, List<Reminder> remind,
                            String color, String textColor, String location) {

    public CalendarEvent {
        attendees = List.copyOf(attendees);
        remind = List.copyOf(remind);
    }

    /** MEETING's flags (the host's name is the host's at the time of reading). */
    public record MeetingOptions(boolean notifies, boolean reinvite, boolean allowInvite, boolean hideGuests) {
    }

    public record Reminder(String type, long count) {
    }
}
