package dev.b24emu.emulator.internal.clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Days as the real server's CRestUtil writes and reads them: a `date` field (a user's birthday, a deal's start date) is
 * answered by ConvertDate and written through unConvertDate, whatever area it belongs to.
 */
public final class PhpDates {
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
     * date a client writes (register's CALL_START_DATE, a CRM filter's or field's date): a date as ISO-8601
     * (YYYY-MM-DD), the portal's own DD.MM.YYYY, YYYY/MM/DD, American MM/DD/YYYY, DD-MM-YYYY or YYYYMMDD, then optionally a
     * time after a T or spaces (an hour of one digit, seconds and a fraction optional, AM or PM; an hour alone with AM
     * or PM; ISO 8601's basic 225000 or 2250, after a T, spaces or nothing) and an offset (Z,
     * UTC, GMT, ±HH:MM, ±HHMM, ±HH, after a space too). As PHP, a day past its month's end runs into the next month
     * (2026-02-30 is March 2) and day 0 is the last of the month before. A time without an offset is the portal's; a
     * relative phrase ("next monday") is no date here, nor is a year outside 1000–9999 (what MySQL's DATETIME holds).
     */
    public static Optional<Instant> strtotime(String given, ZoneId zone) {
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        Matcher m = NUMERIC.matcher(given.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        // the form that matched: its groups are named by its letter, then y, m and d
        String form = FORMS.stream().filter(f -> m.group(f + "y") != null).findFirst().orElseThrow();
        int year = Integer.parseInt(m.group(form + "y"));
        int month = Integer.parseInt(m.group(form + "m"));
        int day = Integer.parseInt(m.group(form + "d"));
        if (month > 12 || day > 31) {
            return Optional.empty();
        }
        int hour = number(m, "h", "hh", "ch", "th");
        int minute = number(m, "min", "cmin");
        int second = number(m, "s", "cs");
        String meridiem = m.group("ampm") != null ? m.group("ampm") : m.group("hampm");
        if (meridiem != null) {
            if (hour < 1 || hour > 12) {
                return Optional.empty();
            }
            boolean pm = Character.toLowerCase(meridiem.charAt(0)) == 'p';
            hour = hour % 12 + (pm ? 12 : 0);
        }
        if (hour > 24 || minute > 59 || second > 60) { // as PHP: 24:00 and a leap second run into what follows
            return Optional.empty();
        }
        // PHP's overflow: months and days run on from January 1 (day 0 is the last of the month before)
        java.time.LocalDateTime local = LocalDate.of(year, 1, 1).plusMonths(month - 1L).plusDays(day - 1L)
                .atStartOfDay().plusHours(hour).plusMinutes(minute).plusSeconds(second);
        if (local.getYear() < 1000 || local.getYear() > 9999) {
            return Optional.empty();
        }
        String offset = m.group("offset");
        if (offset == null) {
            return Optional.of(local.atZone(zone).toInstant());
        }
        String upper = offset.toUpperCase(java.util.Locale.ROOT);
        ZoneOffset at = upper.equals("Z") || upper.equals("UTC") || upper.equals("GMT") ? ZoneOffset.UTC
                : ZoneOffset.of(upper);
        return Optional.of(local.toInstant(at));
    }

    /** The first of the groups that matched, as a number; 0 when none did. */
    private static int number(Matcher m, String... groups) {
        for (String group : groups) {
            if (m.group(group) != null) {
                return Integer.parseInt(m.group(group));
            }
        }
        return 0;
    }

    /**
     * the numeric date forms below by the letter their groups start with: ISO, dotted, slashed, American, hyphened,
     * compact (20261202, PHP's datenocolon)
     */
    private static final java.util.List<String> FORMS = java.util.List.of("i", "d", "s", "a", "h", "c");
    /** strtotime's numeric dates, an optional time of day and an optional offset */
    private static final Pattern NUMERIC = Pattern.compile("(?:"
            + "(?<iy>\\d{4})-(?<im>\\d{1,2})-(?<id>\\d{1,2})"
            + "|(?<dd>\\d{1,2})\\.(?<dm>\\d{1,2})\\.(?<dy>\\d{4})"
            + "|(?<sy>\\d{4})/(?<sm>\\d{1,2})/(?<sd>\\d{1,2})"
            + "|(?<am>\\d{1,2})/(?<ad>\\d{1,2})/(?<ay>\\d{4})"
            + "|(?<hd>\\d{1,2})-(?<hm>\\d{1,2})-(?<hy>\\d{4})"
            + "|(?<cy>\\d{4})(?<cm>\\d{2})(?<cd>\\d{2}))"
            + "(?:(?:[Tt]|\\s+)(?<h>\\d{1,2}):(?<min>\\d{2})(?::(?<s>\\d{2})(?:[.,]\\d+)?)?"
            + "(?:\\s*(?<ampm>[AaPp]\\.?[Mm]\\.?))?"
            // an hour alone with its meridiem (10pm), and ISO 8601's basic time (T225000, T2250, a space or nothing)
            + "|(?:[Tt]|\\s+)(?<hh>\\d{1,2})\\s*(?<hampm>[AaPp]\\.?[Mm]\\.?)"
            + "|(?:[Tt]|\\s+)?(?<ch>\\d{2})(?<cmin>\\d{2})(?<cs>\\d{2})?"
            + "|[Tt](?<th>\\d{1,2}))?" // an hour alone after a T (2026-12-07T22), not after a space
            + "(?:\\s*(?<offset>[Zz]|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?))?");
}
