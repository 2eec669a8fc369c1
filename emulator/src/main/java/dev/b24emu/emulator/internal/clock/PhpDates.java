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
     * The day unConvertDate reads in a written value: the day of the moment {@link #strtotime} reads, in the portal's
     * zone; anything else is no day.
     */
    public static Optional<LocalDate> unConvertDate(String given, ZoneId zone) {
        return strtotime(given, zone).map(instant -> instant.atZone(zone).toLocalDate());
    }

    /**
     * The moment PHP's strtotime reads in a written date, as CRestUtil::unConvertDate and unConvertDateTime read every
     * date a client writes (register's CALL_START_DATE, a CRM filter's or field's date): ISO-8601 with a T or a space,
     * its time and offset optional and an hour of one digit allowed; the portal's own DD.MM.YYYY, and the other
     * numeric forms strtotime knows (YYYY/MM/DD, American MM/DD/YYYY, DD-MM-YYYY), each with an optional time. A time
     * without an offset is the portal's; a relative phrase ("next monday") is no date here.
     */
    public static Optional<Instant> strtotime(String given, ZoneId zone) {
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        String text = given.trim().replaceAll("\\s+", " ");
        Optional<Instant> iso = IsoTime.parse(text, zone);
        if (iso.isPresent()) {
            return iso;
        }
        for (DateTimeFormatter form : OTHER_FORMS) {
            try {
                java.time.temporal.TemporalAccessor parsed = form.parse(text);
                java.time.LocalTime time = parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)
                        ? java.time.LocalTime.from(parsed) : java.time.LocalTime.MIDNIGHT;
                return Optional.of(LocalDate.from(parsed).atTime(time).atZone(zone).toInstant());
            } catch (DateTimeException notThisForm) {
                // the next form
            }
        }
        return Optional.empty();
    }

    /** strtotime's numeric date forms beside ISO-8601, each with an optional time of day */
    private static final List<DateTimeFormatter> OTHER_FORMS = List.of(PORTAL_DATE, "uuuu/MM/dd", "MM/dd/uuuu",
            "dd-MM-uuuu").stream().map(PhpDates::withOptionalTime).toList();

    private static DateTimeFormatter withOptionalTime(Object date) {
        DateTimeFormatter day = date instanceof DateTimeFormatter given ? given
                : DateTimeFormatter.ofPattern((String) date);
        return new java.time.format.DateTimeFormatterBuilder().append(day)
                .optionalStart().appendLiteral(' ')
                .appendValue(java.time.temporal.ChronoField.HOUR_OF_DAY, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
                .appendLiteral(':').appendValue(java.time.temporal.ChronoField.MINUTE_OF_HOUR, 2)
                .optionalStart().appendLiteral(':').appendValue(java.time.temporal.ChronoField.SECOND_OF_MINUTE, 2)
                .optionalEnd().optionalEnd()
                .toFormatter().withResolverStyle(java.time.format.ResolverStyle.STRICT);
    }
}
