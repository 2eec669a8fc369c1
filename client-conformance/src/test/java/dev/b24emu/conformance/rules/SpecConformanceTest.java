package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.conformance.Traffic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One finding for each mistake: a parameter that misses every branch of its schema, or an alternative left out. */
class SpecConformanceTest {
    private static Traffic.Request request(long seq, String method, ObjectNode params) {
        return new Traffic.Request(seq, "", method, "webhook", null, null, params, 400, "ERROR_CORE", null, List.of(),
                100, seq);
    }

    @Test
    void aMissingAlternativeAndAWrongTypeAreOneFindingEach() {
        ObjectNode finish = JsonNodeFactory.instance.objectNode().put("CALL_ID", "externalCall.1").put("DURATION", 35);
        ObjectNode register = JsonNodeFactory.instance.objectNode().put("USER_ID", 2).put("PHONE_NUMBER", "+79990000001")
                .put("TYPE", "incoming");
        List<Violation> found = new SpecConformance().check(new Traffic(List.of(
                request(1, "telephony.externalcall.finish", finish),
                request(2, "telephony.externalcall.register", register)), List.of()));
        assertEquals(List.of(1L, 2L), found.stream().map(Violation::seq).toList(), found.toString());
        assertTrue(found.get(0).message().contains("USER_ID or USER_PHONE_INNER"), found.get(0).message());
        assertTrue(found.get(1).message().contains("TYPE") || found.get(1).message().contains("Unknown TYPE"),
                found.get(1).message());
        // the fix in words, not the schema's three branches
        assertEquals("one of 1, 2, 3, 4, 5 (a number may come as a string): 1 outgoing, 2 incoming, 3 incoming with"
                + " redirection, 4 callback, 5 informational call.", found.get(1).expected().get("TYPE").asText());
    }
}
