package dev.b24emu.emulator.internal.calendar;

import dev.b24emu.emulator.internal.clock.PhpDates;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dates of the calendar methods: what calendar.event.add reads (CRestUtil::unConvertDateTime, with the offset a
 * written date carries or the wall-clock time of its zone) and how the events and calendars are written back (an
 * English portal's site format; the calendars' database format).
 */
public final class CalendarDates {
    /** an English portal's FORMAT_DATETIME, MM/DD/YYYY H:MI:SS T: "12/11/2024 05:59:00 pm" */
    private static final DateTimeFormatter SITE = DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.ENGLISH);
    /** CCalendarRestService's formatOld of a calendar's DATE_CREATE and TIMESTAMP_X */
    private static final DateTimeFormatter DATABASE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** getDateInJsFormat: "Wed Dec 11 2024 17:59:00" */
    private static final DateTimeFormatter JS = DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter JS_DAY = DateTimeFormatter.ofPattern("EEE MMM dd yyyy", Locale.ENGLISH);
    /** a written date that names its own offset or zone: its own zone is dropped for the user's */
    private static final Pattern OWN_ZONE = Pattern.compile(".*([+-]\\d{2}:?\\d{2}|Z|[A-Za-z]+/[A-Za-z_]+)\\s*$");
    /**
     * How much of a date's end is read for its zone: more than any offset or zone name; the pattern over a whole
     * text of 100 KB backtracked for 75 s
     */
    private static final int ZONE_TAIL = 100;

    private CalendarDates() {
    }

    /** Whether a written date carries its own offset or zone name. */
    static boolean hasOwnZone(String text) {
        String trimmed = text.trim();
        return OWN_ZONE.matcher(trimmed.substring(Math.max(0, trimmed.length() - ZONE_TAIL))).matches();
    }

    /** A zone a client names (timezone_from), or empty when it names none the JDK knows. */
    static Optional<ZoneId> zone(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(name.trim()));
        } catch (DateTimeException unknown) {
            return Optional.empty();
        }
    }

    /** The moment strtotime reads in a written date, a time without an offset being the zone's; empty when none. */
    static Optional<Instant> read(String text, ZoneId zone) {
        return PhpDates.strtotime(text, zone);
    }

    static String site(LocalDateTime wallClock) {
        return SITE.format(wallClock).replace("AM", "am").replace("PM", "pm");
    }

    static String site(Instant instant, ZoneId zone) {
        return site(LocalDateTime.ofInstant(instant, zone));
    }

    static String database(Instant instant, ZoneId zone) {
        return DATABASE.format(LocalDateTime.ofInstant(instant, zone));
    }

    static String js(LocalDateTime wallClock, boolean day) {
        return (day ? JS_DAY : JS).format(wallClock);
    }
}
