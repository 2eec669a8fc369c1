package dev.b24emu.emulator.internal.clock;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dates as PHP's strtotime reads them (CRestUtil::unConvertDateTime), checked against what PHP 8 answers. */
class PhpDatesTest {
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private static Optional<Instant> read(String text) {
        return PhpDates.strtotime(text, MOSCOW);
    }

    @Test
    void theNumericFormsStrtotimeReadsAreReadAsItReadsThem() {
        assertEquals(Optional.of(Instant.parse("2026-12-06T01:41:00Z")), read("2026-12-06T04:41:00+03:00"));
        assertEquals(Optional.of(Instant.parse("2026-12-06T01:41:00Z")), read("2026-12-06 4:41:00"));
        assertEquals(Optional.of(Instant.parse("2026-12-06T01:41:00Z")), read("2026-12-06  04:41"));
        assertEquals(Optional.of(Instant.parse("2026-12-06T04:41:00Z")), read("2026-12-06 04:41:00 +0000"));
        assertEquals(Optional.of(Instant.parse("2026-12-06T04:41:00Z")), read("2026-12-06T04:41:00.123Z"));
        assertEquals(Optional.of(Instant.parse("2026-12-05T21:00:00Z")), read("06.12.2026"));
        assertEquals(Optional.of(Instant.parse("2026-12-06T08:00:00Z")), read("06.12.2026 11:00"));
        assertEquals(Optional.of(Instant.parse("2026-12-06T13:41:00Z")), read("12/06/2026 4:41 PM"), "American");
        assertEquals(Optional.of(Instant.parse("2026-12-05T21:00:00Z")), read("2026/12/06"));
        assertEquals(Optional.of(Instant.parse("2026-12-05T21:00:00Z")), read("06-12-2026"));
        assertEquals(Optional.of(Instant.parse("2026-12-05T21:00:00Z")), read("12/06/2026 12:00 AM"));
        assertEquals(Optional.of(Instant.parse("2026-12-05T21:00:00Z")), read("20261206"), "compact (php -r)");
        assertEquals(Optional.of(Instant.parse("2026-12-06T07:00:00Z")), read("20261206T10:00:00"));
        assertEquals(Optional.of(Instant.parse("2026-11-29T21:00:00Z")), read("20261200"));
        // ISO 8601's basic format and an hour alone with its meridiem, as php -r reads them in Europe/Moscow (audit 61d)
        var php = new java.util.LinkedHashMap<String, String>();
        php.put("20261207T225000Z", "2026-12-07T22:50:00Z");
        php.put("20261207T225000+0300", "2026-12-07T19:50:00Z");
        php.put("20261207T225000", "2026-12-07T19:50:00Z");
        php.put("20261207225000", "2026-12-07T19:50:00Z");
        php.put("20261207T2250", "2026-12-07T19:50:00Z");
        php.put("2026-12-07 10pm", "2026-12-07T19:00:00Z");
        php.put("20261207 10pm", "2026-12-07T19:00:00Z");
        php.put("2026-12-07 10 pm", "2026-12-07T19:00:00Z");
        php.put("2026-12-07 1030", "2026-12-07T07:30:00Z");
        php.put("06.12.2026 1030", "2026-12-06T07:30:00Z");
        // an hour alone after a T, hour 24 and a leap second, which run into what follows (audit 61e)
        php.put("2026-12-07T22", "2026-12-07T19:00:00Z");
        php.put("20261207T22Z", "2026-12-07T22:00:00Z");
        php.put("2026-12-07 24:00", "2026-12-07T21:00:00Z");
        php.put("2026-12-07 23:59:60", "2026-12-07T21:00:00Z");
        php.put("2026-12-07T22+03:00", "2026-12-07T19:00:00Z");
        php.put("2026-12-07 24:30", "2026-12-07T21:30:00Z");
        php.forEach((text, moment) -> assertEquals(Optional.of(Instant.parse(moment)), read(text), text));
        // PHP runs a day past the month's end into the next month, and day 0 is the last of the month before
        assertEquals(Optional.of(Instant.parse("2026-03-01T21:00:00Z")), read("2026-02-30"));
        assertEquals(Optional.of(Instant.parse("2026-01-30T21:00:00Z")), read("2026-02-00"));
    }

    @Test
    void whatStrtotimeCannotReadIsNoDate() {
        for (String text : new String[] {"", "garbage", "2026-13-01", "2026-12-32", "2026-12-06 25:00",
                "12/06/2026 13:00 PM", "20261306", "20261232", "2026120710", "2026-12-07 25:00", "2026-12-07 22",
                "2026-12-07 23:60"}) {
            assertEquals(Optional.empty(), read(text), text);
        }
        // where the emulator reads less than PHP: a time alone (today at that time), a year before 1000
        // ("0000-00-00 00:00:00" is -0001-11-30 to PHP), relative phrases
        for (String text : new String[] {"10:00", "0000-00-00 00:00:00", "next monday"}) {
            assertEquals(Optional.empty(), read(text), text);
        }
    }
}
