package dev.b24emu.specs;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The copied tree is the tree networknt would have parsed from the text, node kind for node kind. */
class JacksonBridgeTest {
    private static final ObjectMapper JACKSON2 = new ObjectMapper();
    private static final tools.jackson.databind.ObjectMapper JACKSON3 = new tools.jackson.databind.ObjectMapper();

    @Test
    void integersStringsAndStructuresCopyAsTheTextWouldParse() throws Exception {
        String text = "{\"TYPE\":2,\"USER_ID\":\"2\",\"BIG\":12345678901,\"HUGE\":123456789012345678901234567890,"
                + "\"SHOW\":true,\"NONE\":null,\"LIST\":[1,\"x\",{\"é\":\"\\u0000\"}],\"EMPTY\":{}}";
        tools.jackson.databind.JsonNode copied = JacksonBridge.copy(JACKSON2.readTree(text));
        tools.jackson.databind.JsonNode parsed = JACKSON3.readTree(text);
        assertEquals(parsed, copied);
        assertEquals(parsed.get("BIG").getClass(), copied.get("BIG").getClass());
        assertEquals(parsed.get("HUGE").getClass(), copied.get("HUGE").getClass());
    }

    @Test
    void floatingPointNumbersAreLeftToTheTextPath() throws Exception {
        assertNull(JacksonBridge.copy(JACKSON2.readTree("{\"DURATION\":[1, 2.5]}")));
        assertNull(JacksonBridge.copy(null));
    }
}
