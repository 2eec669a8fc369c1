package dev.b24emu.emulator.internal.clock;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/** Dates on the wire: PHP's 'c' format out (2026-03-10T11:19:38+03:00), ISO-8601 in. */
public final class IsoTime {
    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter IN = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart()
            .appendValue(ChronoField.HOUR_OF_DAY, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private IsoTime() {
    }

    /** The last second formatted on this thread: every answer's time block names the current second twice. */
    private record Formatted(long second, ZoneId zone, String text) {
    }

    private static final ThreadLocal<Formatted> LAST = new ThreadLocal<>();

    public static String format(Instant instant, ZoneId zone) {
        Formatted last = LAST.get();
        if (last != null && last.second() == instant.getEpochSecond() && last.zone().equals(zone)) {
            return last.text();
        }
        String text = OUT.format(instant.atZone(zone));
        LAST.set(new Formatted(instant.getEpochSecond(), zone, text));
        return text;
    }

    /**
     * Parses an ISO-8601 date or date-time (a space for the T, an hour of one digit, as PHP's strtotime reads them);
     * without an offset the portal's zone applies.
     */
    public static Optional<Instant> parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            TemporalAccessor parsed = IN.parse(text.trim());
            int hour = parsed.isSupported(ChronoField.HOUR_OF_DAY) ? parsed.get(ChronoField.HOUR_OF_DAY) : 0;
            int minute = parsed.isSupported(ChronoField.MINUTE_OF_HOUR) ? parsed.get(ChronoField.MINUTE_OF_HOUR) : 0;
            int second = parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0;
            int nano = parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0;
            var local = java.time.LocalDate.from(parsed).atTime(hour, minute, second, nano);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Optional.of(OffsetDateTime.of(local,
                        java.time.ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))).toInstant());
            }
            return Optional.of(local.atZone(zone).toInstant());
        } catch (java.time.DateTimeException invalid) {
            return Optional.empty();
        }
    }
}
