package dev.b24emu.emulator.internal.calendar;

import java.time.Instant;

/**
 * A calendar (b_calendar_section): whose it is (a user's, a group's, the company's), its name and colours.
 *
 * @param calType     user, group, company_calendar or any other type a client names
 * @param textColor   null when never set
 * @param exportAllow whether the calendar may be exported (EXPORT.ALLOW)
 */
public record CalendarSection(long id, String calType, long ownerId, String name, String description, String color,
                              String textColor, boolean exportAllow, long createdBy, Instant created) {
}
