package dev.b24emu.emulator.internal.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the journal keeps of a value reads back as the value, but for cut strings, cut containers and secrets. */
class BoundedJsonTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static JsonNode kept(JsonNode value) {
        String kept = BoundedJson.of(value, value).json();
        assertEquals(BoundedJson.params(kept), BoundedJson.result(kept), "each value is bounded on its own");
        return BoundedJson.params(kept);
    }

    @Test
    void everyKindOfValueReadsBackUnchanged() throws Exception {
        ObjectNode value = NODES.objectNode();
        value.putNull("NULL");
        value.put("TRUE", true).put("INT", 7).put("LONG", 9_000_000_000L).put("SHORT", (short) 3)
                .put("DOUBLE", 1.25).put("FLOAT", 1.1f).put("TEXT", "Привет \"quoted\"\n");
        value.put("BIG_INTEGER", new BigInteger("123456789012345678901234567890"));
        value.put("BIG_DECIMAL", new BigDecimal("1764581238.123456"));
        value.putArray("LIST").add(1).add("two").addObject().putArray("DEEP").add(false);
        value.putObject("EMPTY");
        JsonNode back = kept(value);
        assertEquals(new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(value)), back);
        assertEquals("1.1", back.get("FLOAT").asText(), "a float is written as written, not widened");
        assertEquals("3", back.get("SHORT").asText());
        String none = BoundedJson.of(null, null).json();
        assertNull(BoundedJson.params(none));
        assertNull(BoundedJson.result(none));
        assertEquals(NODES.nullNode(), BoundedJson.result(BoundedJson.of(value, NODES.nullNode()).json()),
                "a null result is kept apart from none");
    }

    @Test
    void secretsAtTheTopAreHiddenLongStringsAndLargeContainersCut() {
        ObjectNode value = NODES.objectNode();
        value.put("ACCESS_TOKEN", "t0p-secret").put("Password", "pw").put("auth_connector", "kept")
                .put("FILE_CONTENT", "x".repeat(5000));
        value.putObject("FIELDS").put("password", "a nested field of that name is data");
        var many = value.putArray("MANY");
        for (int i = 0; i < 5000; i++) {
            many.add("item " + i);
        }
        JsonNode back = kept(value);
        assertEquals(BoundedJson.HIDDEN, back.get("ACCESS_TOKEN").asText());
        assertEquals(BoundedJson.HIDDEN, back.get("Password").asText());
        assertEquals("kept", back.get("auth_connector").asText());
        assertEquals("a nested field of that name is data", back.get("FIELDS").get("password").asText());
        String content = back.get("FILE_CONTENT").asText();
        assertTrue(content.startsWith("x".repeat(BoundedJson.MAX_STRING) + "…(5000 characters, cut by the journal)"),
                content.substring(BoundedJson.MAX_STRING));
        JsonNode last = back.get("MANY").get(back.get("MANY").size() - 1);
        assertTrue(last.asText().endsWith(" more items, cut by the journal"), last.asText());
        assertTrue(back.get("MANY").size() < 5000);
    }
}
