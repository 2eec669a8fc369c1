package dev.b24emu.emulator.internal.clock;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Days as the real server's CRestUtil writes and reads them: a `date` field (a user's birthday, a deal's start date) is
 * answered by ConvertDate and written through unConvertDate, whatever area it belongs to.
 */
public final class PhpDates {
    /** the portal's own date format, which unConvertDate reads too */
    private static final DateTimeFormatter PORTAL_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu");

    private PhpDates() {
    }

    /**
     * A day as ConvertDate writes it: {@code date('c', midnight + date("Z"))}, the day's midnight moved on by the
     * zone's offset now, so a UTC portal shows {@code 2026-12-05T00:00:00+00:00} and a Moscow one
     * {@code 2026-12-05T03:00:00+03:00}; a day under another offset (summer time, an old one) shows its own offset
     * after the shift.
     */
    public static String convertDate(LocalDate day, ZoneId zone, Instant now) {
        Instant midnight = day.atStartOfDay(zone).toInstant();
        return IsoTime.format(midnight.plusSeconds(zone.getRules().getOffset(now).getTotalSeconds()), zone);
    }

    /**
     * The day unConvertDate reads in a written value: an ISO-8601 date, a date and time (its day in the portal's
     * zone), or the portal's own DD.MM.YYYY; anything else is no day.
     */
    public static Optional<LocalDate> unConvertDate(String given, ZoneId zone) {
        String text = given.trim();
        List<Function<String, LocalDate>> forms = List.of(LocalDate::parse,
                t -> OffsetDateTime.parse(t).atZoneSameInstant(zone).toLocalDate(),
                t -> LocalDate.parse(t, PORTAL_DATE));
        for (Function<String, LocalDate> form : forms) {
            try {
                return Optional.of(form.apply(text));
            } catch (DateTimeException notThisForm) {
                // the next form
            }
        }
        return Optional.empty();
    }
}
