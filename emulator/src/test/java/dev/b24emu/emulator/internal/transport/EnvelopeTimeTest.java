package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time block's seconds with microseconds, as PHP's microtime(true) prints them: exact to the microsecond (a double
 * of 1.7e9 seconds holds only about 0.2 µs), rounded half up, in plain notation; and the answer's bytes as Jackson
 * writes them, whatever their length.
 */
class EnvelopeTimeTest {
    private final Envelope envelope = new Envelope(new ObjectMapper());

    private String time(Instant start, long nanos) {
        byte[] body = envelope.buffer(envelope.success(JsonNodeFactory.instance.booleanNode(true), start, nanos,
                ZoneOffset.UTC).get("time")).getBytes();
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void finishAndDurationAreMicrosecondsRoundedHalfUp() {
        // 08:19:39.999999700 + 1.234567891 s = 08:19:41.234567591: 567.591 µs rounds up
        String time = time(Instant.parse("2026-03-10T08:19:39.999999700Z"), 1_234_567_891L);
        assertTrue(time.contains("\"start\":1773130779,"), time);
        assertTrue(time.contains("\"finish\":1773130781.234568,"), time);
        assertTrue(time.contains("\"duration\":1.234568,"), time);
        assertTrue(time.contains("\"processing\":1,"), time);
        assertTrue(time.contains("\"date_start\":\"2026-03-10T08:19:39+00:00\""), time);
    }

    @Test
    void aFinishRoundedUpToTheNextSecondCarriesAndTinyDurationsStayPlain() {
        String time = time(Instant.parse("2026-03-10T08:19:39.999999400Z"), 200);
        assertTrue(time.contains("\"finish\":1773130780.000000,"), time);
        assertTrue(time.contains("\"duration\":0.000000,"), time);
        assertTrue(time.contains("\"processing\":0,"), time);
        assertTrue(time(Instant.parse("2026-03-10T08:19:39Z"), 5_000).contains("\"duration\":0.000005,"));
    }

    @Test
    void anAnswerBeyondTheBuffersFirstRoomIsWrittenWholeAsJacksonWritesIt() throws Exception {
        var result = JsonNodeFactory.instance.objectNode().put("TITLE", "Звонок ☎ ".repeat(2_000))
                .put("ID", 7).put("SMALL", "x");
        var body = envelope.success(result, Instant.parse("2026-03-10T08:19:39Z"), 5_000, ZoneOffset.UTC);
        byte[] expected = new ObjectMapper().writeValueAsBytes(body);
        assertTrue(expected.length > 20_000);
        assertArrayEquals(expected, envelope.buffer(body).getBytes());
        assertArrayEquals(new ObjectMapper().writeValueAsBytes(result.get("SMALL")),
                envelope.buffer(result.get("SMALL")).getBytes());
    }
}
