package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.conformance.Traffic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The backoff rule judges the backoff: a retry refused for another mistake is another rule's finding. */
class RateLimitBackoffTest {
    private static Traffic.Request request(long seq, long uptime, int status, String error) {
        return new Traffic.Request(seq, "", "telephony.externalcall.register", "webhook", null, null,
                JsonNodeFactory.instance.objectNode().put("TYPE", "incoming"), status, error, null, List.of(), 100, uptime);
    }

    @Test
    void aRetryAfterThePauseKeepsTheRuleWhateverItIsAnswered() {
        Traffic retriedBadly = new Traffic(List.of(request(1, 0, 503, "QUERY_LIMIT_EXCEEDED"),
                request(2, 700, 400, "ERROR_CORE")), List.of());
        assertEquals(List.of(), new RateLimitBackoff().check(retriedBadly));
        Traffic dropped = new Traffic(List.of(request(1, 0, 503, "QUERY_LIMIT_EXCEEDED")), List.of());
        assertEquals(List.of("telephony.externalcall.register refused with QUERY_LIMIT_EXCEEDED was never retried"),
                new RateLimitBackoff().check(dropped).stream().map(Violation::message).toList());
        Traffic hammered = new Traffic(List.of(request(1, 0, 503, "QUERY_LIMIT_EXCEEDED"),
                request(2, 100, 503, "QUERY_LIMIT_EXCEEDED")), List.of());
        assertEquals(3, new RateLimitBackoff().check(hammered).size(), "too soon, and neither refused call retried");
    }
}
