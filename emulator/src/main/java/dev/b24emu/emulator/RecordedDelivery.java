package dev.b24emu.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One attempt to deliver an event (or a widget opening, a CallCard::* post) to a handler.
 *
 * @param event   the event name, or the placement code
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

}
