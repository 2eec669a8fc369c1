package dev.b24emu.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One attempt to deliver an event (or a widget opening, a CallCard::* post) to a handler (the embedded API's record
 * of the same name).
 *
 * @param payload the body as the handler decodes it
 * @param status  the handler's HTTP status, or 0 when there was no answer
 * @param error   why the attempt failed, or null
 */
public record RecordedDelivery(String time, String event, long handlerId, String url, JsonNode payload, int attempt,
                               int status, String error, long latencyMillis) {
    /** Whether the handler answered it 2xx (0 is no answer: refused, timed out): what {@code assertDelivered} looks for. */
    public boolean delivered() {
        return status >= 200 && status < 300;
    }

    static RecordedDelivery of(JsonNode d) {
        return new RecordedDelivery(d.path("time").asText(), d.path("event").asText(), d.path("handlerId").asLong(),
                d.path("url").asText(), d.path("payload"), d.path("attempt").asInt(), d.path("status").asInt(),
                RecordedRequest.text(d.path("error")), d.path("latencyMillis").asLong());
    }
}
