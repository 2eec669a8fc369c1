package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.IsoTime;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;

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

    /** The success envelope of an exchange: its result, and the time block on its portal's clock and zone. */
    public ObjectNode success(RestExchange exchange) {
        RestExchange.Style style = exchange.style();
        Instant start = style.start() == null ? Instant.now() : style.start();
        ObjectNode body = success(exchange.result(), start, System.nanoTime() - exchange.startedNanos(), style.zone());
        ObjectNode time = (ObjectNode) body.get("time");
        time.setAll(exchange.timeExtras());
        return body;
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
        Instant finish = start.plusNanos(nanos);
        ObjectNode time = body.putObject("time");
        time.put("start", start.getEpochSecond());
        time.put("finish", seconds(finish.getEpochSecond() * 1_000_000L + micros(finish.getNano())));
        time.put("duration", seconds(micros(nanos)));
        time.put("processing", nanos / 1_000_000_000L);
        time.put("date_start", IsoTime.format(start, zone));
        time.put("date_finish", IsoTime.format(finish, zone));
        return body;
    }

    /** Seconds with microsecond precision in plain notation, as PHP's microtime(true) prints (never 1.7E9). */
    private static BigDecimal seconds(long micros) {
        return BigDecimal.valueOf(micros, 6);
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
        AnswerStream out = new AnswerStream();
        try {
            json.writeValue(out, body);
        } catch (IOException e) {
            throw new IllegalStateException("A JSON tree always serialises into memory", e);
        }
        return out.buffer == null ? Buffer.buffer() : out.buffer;
    }

    /** Collects what Jackson writes into a buffer made at the size of its first write. */
    private static final class AnswerStream extends OutputStream {
        private Buffer buffer;

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (buffer == null) {
                buffer = Buffer.buffer(length);
            }
            buffer.appendBytes(bytes, offset, length);
        }
    }
}
