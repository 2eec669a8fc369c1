package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a client is told of JSON the parser refused: the reason, not the library's settings, locations and types. */
class MalformedJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theReasonIsToldInAClientsTerms() {
        JsonProcessingException truncated = assertThrows(JsonProcessingException.class, () -> JSON.readTree("{\"a\":{\"b\":1"));
        assertEquals("Unexpected end-of-input: expected close marker for Object", MalformedJson.reason(truncated));
        JsonProcessingException notANumber = assertThrows(JsonProcessingException.class, () -> JSON.readValue("\"zz\"", long.class));
        assertEquals("Cannot deserialize a whole number from String \"zz\": not a whole number",
                MalformedJson.reason(notANumber));
        assertEquals("Malformed JSON body: Unexpected end-of-input: expected close marker for Object",
                MalformedJson.describe(truncated));
    }
}
