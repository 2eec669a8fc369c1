package dev.b24emu.emulator.internal.timeman;

import dev.b24emu.emulator.internal.users.User;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A user's latest work day, as the timeman module's worktime record keeps it: timeman.status reads only the latest.
 * Every change makes a new value (WorktimeRecord's startWork, pauseWork, continueWork, stopWork).
 *
 * @param start    when the day started: TIME, or the moment of timeman.open
 * @param offset   the UTC offset the day started in, in seconds; every time of the day is written in it (TZ_OFFSET)
 * @param phase    where the day stands; an OPENED or PAUSED day that began before today reads EXPIRED ({@link #status})
 * @param worked   seconds worked up to the current pause or the close (the record's recorded duration)
 * @param leaks    seconds of breaks before the current pause (TIME_LEAKS)
 * @param stop     when the current pause began or the day closed; null while it is open
 * @param active   false while a day moved by TIME past the allowed delta awaits its supervisor's confirmation
 * @param ipClose  the address the day was closed from; "" until then (a day opened over REST has no IP_OPEN)
 */
public record WorkDay(long userId, Instant start, int offset, Phase phase, long worked, long leaks, Instant stop,
                      boolean active, String ipClose, double latOpen, double lonOpen, double latClose,
                      double lonClose) {

    public enum Phase { OPENED, PAUSED, CLOSED }

    public WorkDay {
        ipClose = ipClose == null ? "" : ipClose;
    }

    /** A day started at that moment (startWork): open, approved unless its start was moved past the allowed delta. */
    public static WorkDay opened(long userId, Instant start, ZoneOffset offset, boolean active, double lat, double lon) {
        return new WorkDay(userId, start, offset.getTotalSeconds(), Phase.OPENED, 0, 0, null, active, "", lat, lon,
                0, 0);
    }

    /**
     * What timeman.status says: EXPIRED for a day left open or paused past the end of the calendar day it began on
     * (in its own offset), otherwise its phase.
     */
    public User.TimemanStatus status(Instant now) {
        if (phase != Phase.CLOSED && date().isBefore(now.atOffset(zoneOffset()).toLocalDate())) {
            return User.TimemanStatus.EXPIRED;
        }
        return User.TimemanStatus.valueOf(phase.name());
    }

    /** The calendar day the day began on, in its offset. */
    public LocalDate date() {
        return start.atOffset(zoneOffset()).toLocalDate();
    }

    public ZoneOffset zoneOffset() {
        return ZoneOffset.ofTotalSeconds(offset);
    }

    /** Whether a closed day can be continued: it began today. */
    public boolean closedToday(Instant now) {
        return phase == Phase.CLOSED && date().equals(now.atOffset(zoneOffset()).toLocalDate());
    }

    /** DURATION: the time between start and close less the breaks; 0 until the day is closed. */
    public long duration() {
        return phase == Phase.CLOSED ? Math.max(0, seconds(start, stop) - leaks) : 0;
    }

    /**
     * A pause from now (pauseWork): what was worked since the start less the breaks is recorded. Pausing a day
     * closed today counts the time since its close as work (timeman-pause.md).
     */
    public WorkDay paused(Instant now) {
        return new WorkDay(userId, start, offset, Phase.PAUSED, Math.max(0, seconds(start, now) - leaks), leaks, now,
                active, "", latOpen, lonOpen, 0, 0);
    }

    /** Work again from now (continueWork): the time since the pause or the close is a break. */
    public WorkDay continued(Instant now) {
        long gap = Math.max(0, seconds(start, now) - worked - leaks);
        return new WorkDay(userId, start, offset, Phase.OPENED, worked, leaks + gap, null, active, ipClose, latOpen,
                lonOpen, latClose, lonClose);
    }

    /**
     * Closed at that moment (stopWork): an open day records what was worked until then; a paused one counts the
     * time since its pause as a break.
     */
    public WorkDay closed(Instant at, String ip, double lat, double lon, boolean approved) {
        long total = Math.max(0, seconds(start, at) - leaks);
        long breaks = phase == Phase.PAUSED ? leaks + Math.max(0, total - worked) : leaks;
        long recorded = phase == Phase.PAUSED ? worked : total;
        return new WorkDay(userId, start, offset, Phase.CLOSED, recorded, breaks, at, approved, ip, latOpen, lonOpen,
                lat, lon);
    }

    private static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).getSeconds();
    }
}
