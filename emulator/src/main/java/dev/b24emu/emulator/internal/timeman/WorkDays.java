package dev.b24emu.emulator.internal.timeman;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.WorkDayStatus;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The users' work days: timeman.open, .pause and .close as the timeman module runs them on a user's latest day
 * (CTimeManUser and its worktime record), the status searchCrmEntities shows, and the day a seed or the control
 * API's TIMEMAN_STATUS leaves. Every change runs in the portal's exclusive section.
 */
public final class WorkDays implements WorkDayStatus {
    /**
     * UF_TM_ALLOWED_DELTA of every user (timeman-settings.md's example; no user has a flexible schedule): a TIME
     * further than this from now makes a day that awaits its supervisor's confirmation (ACTIVE false).
     */
    static final Duration ALLOWED_DELTA = Duration.ofMinutes(15);

    /** DateTime::ATOM, as the server parses TIME (createFromFormat: no fraction, an offset with a colon or Z). */
    private static final DateTimeFormatter ATOM = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * What timeman.open or .close was given.
     *
     * @param time   TIME as sent, or null
     * @param report whether REPORT (the reason for a changed time) was sent
     */
    public record Entry(String time, boolean report, double lat, double lon) {
    }

    @Override
    public User.TimemanStatus of(Portal portal, User user) {
        return statusOf(portal, user);
    }

    /** The TIMEMAN_STATUS searchCrmEntities shows: UNAVAILABLE and NOT_INSTALLED as set, else the day's status. */
    public static User.TimemanStatus statusOf(Portal portal, User user) {
        if (!tracked(user)) {
            return user.timemanStatus();
        }
        return day(portal, user).map(day -> day.status(portal.now())).orElse(User.TimemanStatus.CLOSED);
    }

    @Override
    public void set(Portal portal, User user) {
        portal.exclusive(() -> {
            WorkDayStore store = portal.store(WorkDayStore.class);
            store.put(user.id(), following(store.get(user.id()).orElse(null), user, portal));
            return null;
        });
    }

    /** Whether time tracking is on for the user (UF_TIMEMAN): not for UNAVAILABLE and NOT_INSTALLED. */
    public static boolean tracked(User user) {
        return user.timemanStatus() != User.TimemanStatus.UNAVAILABLE
                && user.timemanStatus() != User.TimemanStatus.NOT_INSTALLED;
    }

    /**
     * The user's latest day, if they have one (timeman.status: CLOSED without one). Seeds and the control API give
     * every user whose TIMEMAN_STATUS stands for a day one; a user restored from a state file written before work
     * days were kept gets that day when it is first asked for.
     */
    public static Optional<WorkDay> day(Portal portal, User user) {
        WorkDayStore store = portal.store(WorkDayStore.class);
        Optional<WorkDay> day = store.get(user.id());
        WorkDay missing = day.isPresent() ? null : following(null, user, portal);
        if (missing == null) {
            return day;
        }
        return Optional.of(portal.exclusive(() -> store.get(user.id()).orElseGet(() -> {
            store.put(user.id(), missing);
            return missing;
        })));
    }

    /**
     * timeman.open: a day with no day or one closed on an earlier date starts a day (at TIME, whose offset becomes the
     * day's; its date must be today's there); a paused day, or one closed today, is continued (TIME is refused: the
     * server's "Unable to set time, work day is paused"); an open or expired day stays as it is.
     */
    public static Optional<WorkDay> open(Portal portal, User user, Entry entry, Consumer<String> deviation) {
        return change(portal, user, (day, now) -> {
            User.TimemanStatus status = day == null ? User.TimemanStatus.CLOSED : day.status(now);
            if (status == User.TimemanStatus.OPENED || status == User.TimemanStatus.EXPIRED) {
                return day;
            }
            if (status == User.TimemanStatus.PAUSED || day != null && day.closedToday(now)) {
                if (entry.time() != null) {
                    throw TimemanErrors.timeWhilePaused();
                }
                return day.continued(now);
            }
            if (entry.time() == null) {
                return WorkDay.opened(user.id(), now, offsetOf(portal, user, now), true, entry.lat(), entry.lon());
            }
            OffsetDateTime time = parse(entry.time());
            if (!time.toLocalDate().equals(now.atOffset(time.getOffset()).toLocalDate())) {
                throw TimemanErrors.openDateNotToday();
            }
            boolean approved = approved(time.toInstant(), now, entry, deviation);
            return WorkDay.opened(user.id(), time.toInstant(), time.getOffset(), approved, entry.lat(), entry.lon());
        });
    }

    /**
     * timeman.pause: an open day, or one closed today (whose time since the close then counts as work), is paused
     * now; any other day stays as it is, and the answer is its status.
     */
    public static Optional<WorkDay> pause(Portal portal, User user) {
        return change(portal, user, (day, now) -> day != null
                && (day.status(now) == User.TimemanStatus.OPENED || day.closedToday(now)) ? day.paused(now) : day);
    }

    /**
     * timeman.close: closes an open or paused day now, or at TIME (read in the day's offset; its date must be the
     * day's); an expired day is closed only at a TIME (WD_EXPIRED). A day that is closed already, or a TIME before
     * the day's start, leaves the day as it is, as the server's failed stop does without an error: the latter is
     * reported as a deviation.
     */
    public static Optional<WorkDay> close(Portal portal, User user, Entry entry, String ip,
                                          Consumer<String> deviation) {
        return change(portal, user, (day, now) -> {
            Instant at = now;
            boolean approved = day == null || day.active();
            if (entry.time() != null) {
                ZoneOffset offset = day == null ? offsetOf(portal, user, now) : day.zoneOffset();
                OffsetDateTime time = parse(entry.time()).withOffsetSameInstant(offset);
                LocalDate date = day == null ? now.atOffset(offset).toLocalDate() : day.date();
                if (!time.toLocalDate().equals(date)) {
                    throw TimemanErrors.closeDateNotOpenDate();
                }
                at = time.toInstant();
                approved = approved(at, now, entry, deviation) && approved;
            } else if (day != null && day.status(now) == User.TimemanStatus.EXPIRED) {
                throw TimemanErrors.expired();
            }
            if (day == null || day.phase() == WorkDay.Phase.CLOSED) {
                return day;
            }
            if (at.isBefore(day.start())) {
                deviation.accept("TIME " + entry.time() + " is before the work day's start: the server's stop fails"
                        + " and the day stays " + day.status(now));
                return day;
            }
            return day.closed(at, ip, entry.lat(), entry.lon(), approved);
        });
    }

    /** The day a TIMEMAN_STATUS set by a seed or the control API leaves: the user's day if it stands there already. */
    static WorkDay following(WorkDay day, User user, Portal portal) {
        Instant now = portal.now();
        User.TimemanStatus current = day == null ? User.TimemanStatus.CLOSED : day.status(now);
        if (!tracked(user) || current == user.timemanStatus()) {
            return day;
        }
        ZoneOffset offset = offsetOf(portal, user, now);
        return switch (user.timemanStatus()) {
            case OPENED -> WorkDay.opened(user.id(), now, offset, true, 0, 0);
            case PAUSED -> WorkDay.opened(user.id(), now, offset, true, 0, 0).paused(now);
            // opened a day earlier and never closed
            case EXPIRED -> WorkDay.opened(user.id(), now.minus(Duration.ofDays(1)), offset, true, 0, 0);
            default -> day.closed(now, "", 0, 0, day.active()); // CLOSED, and the day is not: it is closed now
        };
    }

    private interface Change {
        WorkDay apply(WorkDay day, Instant now);
    }

    private static Optional<WorkDay> change(Portal portal, User user, Change change) {
        return Optional.ofNullable(portal.exclusive(() -> {
            WorkDayStore store = portal.store(WorkDayStore.class);
            WorkDay changed = change.apply(day(portal, user).orElse(null), portal.now());
            store.put(user.id(), changed);
            return changed;
        }));
    }

    /**
     * Whether a day moved to TIME stands approved: within the allowed delta of now; past it the change awaits its
     * supervisor's confirmation. A TIME without a REPORT is reported: the pages require the reason of a user without
     * a flexible schedule, and the server's refusal text is not public.
     */
    private static boolean approved(Instant time, Instant now, Entry entry, Consumer<String> deviation) {
        if (!entry.report()) {
            deviation.accept("TIME without a REPORT: the docs require the reason for a changed work day time of a user"
                    + " without a flexible schedule");
        }
        return Duration.between(time, now).abs().compareTo(ALLOWED_DELTA) <= 0;
    }

    private static OffsetDateTime parse(String time) {
        try {
            return OffsetDateTime.parse(time.trim(), ATOM);
        } catch (DateTimeParseException e) {
            throw TimemanErrors.wrongFormat();
        }
    }

    /** The offset of the user's time zone (TIME_ZONE, else the portal's) at that moment. */
    static ZoneOffset offsetOf(Portal portal, User user, Instant at) {
        ZoneId zone = portal.settings().timeZone();
        String own = user.profileField("TIME_ZONE");
        if (!own.isBlank()) {
            try {
                zone = ZoneId.of(own);
            } catch (DateTimeException notAZone) {
                // the portal's zone, as for a user without one
            }
        }
        return zone.getRules().getOffset(at);
    }
}
