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
        // duration is finish - start, start being the whole second (as in every answer the docs show)
        assertTrue(time.contains("\"duration\":2.234568,"), time);
        assertTrue(time.contains("\"processing\":1,"), time);
        assertTrue(time.contains("\"date_start\":\"2026-03-10T08:19:39+00:00\""), time);
    }

    @Test
    void aFinishRoundedUpToTheNextSecondCarriesAndTinyDurationsStayPlain() {
        String time = time(Instant.parse("2026-03-10T08:19:39.999999400Z"), 200);
        assertTrue(time.contains("\"finish\":1773130780.000000,"), time);
        assertTrue(time.contains("\"duration\":1.000000,"), time);
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

    /** A result a method may return that is not a tree: serialised as the mapper serialises it. */
    record Pojo(String name, int id, java.util.List<String> tags) {
    }

    @Test
    void theStreamedAnswerHasTheBytesOfTheTreeForEveryKindOfResult() {
        var nodes = JsonNodeFactory.instance;
        var items = nodes.arrayNode().add(nodes.objectNode().put("ID", "1").put("TITLE", "Звонок ☎ \"q\""));
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> extras = new java.util.LinkedHashMap<>();
        extras.put("operating_reset_at", nodes.numberNode(1773131379L));
        extras.put("operating", nodes.numberNode(0.0125));
        Object[] results = {nodes.objectNode().put("CALL_ID", "externalCall.x").putNull("CRM_CREATED_LEAD"),
                nodes.booleanNode(true), nodes.nullNode(), new ListResult(items, 50, 120),
                new ListResult(items, null, ListResult.NOT_COUNTED), new Pojo("a", 7, java.util.List.of("x", "y")), null,
                nodes.objectNode().putPOJO("POJO", new Pojo("b", 8, java.util.List.of()))};
        Instant[] starts = {Instant.parse("2026-03-10T08:19:39.999999400Z"), Instant.parse("1969-12-31T23:59:58.5Z")};
        long[] durations = {200, 1_234_567_891L, 0};
        for (Object result : results) {
            for (Instant start : starts) {
                for (long nanos : durations) {
                    var tree = envelope.success(result, start, nanos, java.time.ZoneId.of("Europe/Moscow"));
                    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("time")).setAll(extras);
                    String expected = new String(envelope.buffer(tree).getBytes(), StandardCharsets.UTF_8);
                    String streamed = new String(envelope.success(result, start, nanos,
                            java.time.ZoneId.of("Europe/Moscow"), extras).getBytes(), StandardCharsets.UTF_8);
                    org.junit.jupiter.api.Assertions.assertEquals(expected, streamed, result + " at " + start);
                }
            }
        }
    }

    @Test
    void secondsArePrintedAsBigDecimalPrintsThem() {
        for (long micros : new long[]{0, 5, 999_999, 1_000_000, 1_773_130_781_234_568L, -1, -1_500_000, 123_456_789}) {
            org.junit.jupiter.api.Assertions.assertEquals(java.math.BigDecimal.valueOf(micros, 6).toString(),
                    Envelope.plainSeconds(micros));
        }
    }
}
