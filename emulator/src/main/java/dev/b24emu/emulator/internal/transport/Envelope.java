package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.IsoTime;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * The Bitrix24 response envelope: {"result", ["next"], ["total"], "time"} on success and
 * {"error", "error_description"} (no time block) on failure; on a REST 3.0 path {"result", "time"} and
 * {"error": {"code", "message", ["validation"]}}.
 */
public final class Envelope {
    private final ObjectMapper json;

    public Envelope(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The success answer of an exchange as the buffer it is written from: its result, and the time block on its
     * portal's clock and zone, with the time fields other stages added (the limits' "operating"). Streamed: the same
     * bytes as {@link #buffer(JsonNode)} of {@link #success(Object, Instant, long, ZoneId)}'s tree (EnvelopeTimeTest),
     * without the two objects, their maps and the dozen value nodes the tree was built from for each answer.
     */
    public Buffer success(RestExchange exchange) {
        RestExchange.Style style = exchange.style();
        Instant start = style.start() == null ? Instant.now() : style.start();
        return success(exchange.result(), start, System.nanoTime() - exchange.startedNanos(), style.zone(),
                exchange.timeExtras());
    }

    /** The streamed success answer of a result, started at {@code start} on the portal clock and taking {@code nanos}. */
    Buffer success(Object result, Instant start, long nanos, ZoneId zone, Map<String, JsonNode> timeExtras) {
        Time time = Time.of(start, nanos, zone);
        BufferOutput out = new BufferOutput();
        try (JsonGenerator answer = json.createGenerator(out)) {
            // one provider for the answer's trees, as writeValue makes for a whole tree: the generator's writeTree
            // made one per tree written
            SerializerProvider trees = json.getSerializerProviderInstance();
            answer.writeStartObject();
            answer.writeFieldName("result");
            if (result instanceof ListResult page) {
                page.items().serialize(answer, trees);
                if (page.next() != null) {
                    answer.writeNumberField("next", page.next());
                }
                if (page.total() >= 0) {
                    answer.writeNumberField("total", page.total());
                }
            } else {
                JsonNode node = result instanceof JsonNode tree ? tree : json.valueToTree(result);
                if (node == null) {
                    answer.writeNull(); // as a tree's null member is written
                } else {
                    node.serialize(answer, trees);
                }
            }
            answer.writeObjectFieldStart("time");
            answer.writeNumberField("start", time.start());
            answer.writeFieldName("finish");
            answer.writeNumber(plainSeconds(time.finishMicros()));
            answer.writeFieldName("duration");
            answer.writeNumber(plainSeconds(time.durationMicros()));
            answer.writeNumberField("processing", time.processing());
            answer.writeStringField("date_start", time.dateStart());
            answer.writeStringField("date_finish", time.dateFinish());
            for (Map.Entry<String, JsonNode> extra : timeExtras.entrySet()) {
                answer.writeFieldName(extra.getKey()); // never one of the names above (Limits adds "operating*")
                extra.getValue().serialize(answer, trees);
            }
            answer.writeEndObject();
            answer.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("A JSON answer always serialises into memory", e);
        }
        return out.buffer();
    }

    /** The error envelope of an exchange; ERROR_CORE is written "" where the portal sends the on-premise code. */
    public ObjectNode error(RestExchange exchange) {
        RestError error = exchange.error();
        if (exchange.path().v3()) {
            return errorV3(error);
        }
        String code = exchange.style().emptyErrorCode() && "ERROR_CORE".equals(error.code()) ? "" : error.code();
        ObjectNode answer = error(code, error.description());
        if (error.argument() != null) {
            answer.put("argument", error.argument());
        }
        return answer;
    }

    /**
     * @param start  the request's start on the portal clock
     * @param nanos  how long the request took
     */
    public ObjectNode success(Object result, Instant start, long nanos, ZoneId zone) {
        ObjectNode body = json.createObjectNode();
        if (result instanceof ListResult page) {
            body.set("result", page.items());
            if (page.next() != null) {
                body.put("next", page.next());
            }
            if (page.total() >= 0) {
                body.put("total", page.total());
            }
        } else {
            body.set("result", result instanceof JsonNode node ? node : json.valueToTree(result));
        }
        Time time = Time.of(start, nanos, zone);
        ObjectNode block = body.putObject("time");
        block.put("start", time.start());
        block.put("finish", BigDecimal.valueOf(time.finishMicros(), 6));
        block.put("duration", BigDecimal.valueOf(time.durationMicros(), 6));
        block.put("processing", time.processing());
        block.put("date_start", time.dateStart());
        block.put("date_finish", time.dateFinish());
        return body;
    }

    /**
     * The time block of an answer that started at {@code start} (portal clock) and took {@code nanos}: seconds with
     * microseconds as integers, so that both the tree and the streamed answer print them exactly. {@code duration} is
     * {@code finish - start} with {@code start} the whole second, as in every answer the docs show (url.get's start
     * 1773323182, finish 1773323182.857974, duration 0.857974) and as the real server computes it: a client checking
     * that the block adds up finds it does.
     */
    private record Time(long start, long finishMicros, long durationMicros, long processing, String dateStart,
                        String dateFinish) {
        static Time of(Instant start, long nanos, ZoneId zone) {
            Instant finish = start.plusNanos(nanos);
            long finishMicros = finish.getEpochSecond() * 1_000_000L + micros(finish.getNano());
            return new Time(start.getEpochSecond(), finishMicros, finishMicros - start.getEpochSecond() * 1_000_000L,
                    nanos / 1_000_000_000L, IsoTime.format(start, zone), IsoTime.format(finish, zone));
        }
    }

    /**
     * Seconds with microsecond precision in plain notation, as PHP's microtime(true) prints (never 1.7E9): the text
     * BigDecimal.valueOf(micros, 6) prints, without the BigDecimal and its builder.
     */
    static String plainSeconds(long micros) {
        if (micros < 0) {
            return BigDecimal.valueOf(micros, 6).toString();
        }
        String fraction = Long.toString(micros % 1_000_000L);
        return new StringBuilder(24).append(micros / 1_000_000L).append('.')
                .append("000000", fraction.length(), 6).append(fraction).toString();
    }

    /** Nanoseconds to microseconds, half up; integer arithmetic, where a double of 1.7e9 s holds only 0.2 µs. */
    private static long micros(long nanos) {
        return (nanos + 500) / 1000;
    }

    /** A REST 3.0 error: the code and message in one object, with the fields of a validation error. */
    public ObjectNode errorV3(RestError error) {
        ObjectNode body = json.createObjectNode();
        ObjectNode detail = body.putObject("error");
        detail.put("code", error.code());
        detail.put("message", error.description());
        if (!error.validation().isEmpty()) {
            var fields = detail.putArray("validation");
            error.validation().forEach(f -> fields.addObject().put("field", f.field()).put("message", f.message()));
        }
        return body;
    }

    public ObjectNode error(String code, String description) {
        ObjectNode body = json.createObjectNode();
        body.put("error", code);
        body.put("error_description", description);
        return body;
    }

    /**
     * The body as the Vert.x buffer an answer is written from. Written straight into it: by way of a byte array,
     * each answer was copied twice more (out of Jackson's builder, then into the buffer). Jackson hands over an answer
     * shorter than its own buffer (8,000 bytes) in one write, so the buffer is made then, at the answer's length: one
     * made beforehand at a guessed size was either too large or grown by copying.
     */
    public Buffer buffer(JsonNode body) {
        BufferOutput out = new BufferOutput();
        try {
            json.writeValue(out, body);
        } catch (IOException e) {
            throw new IllegalStateException("A JSON tree always serialises into memory", e);
        }
        return out.buffer();
    }
}
