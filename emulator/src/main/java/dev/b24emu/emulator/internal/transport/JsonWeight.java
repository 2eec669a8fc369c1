package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Roughly the bytes a JSON tree takes in the heap: a string at one byte a character, two when it holds one beyond
 * Latin-1 (as the JVM stores them), 16 bytes a node and a name's characters, shared nodes and names counted each time
 * they appear. What bounds weigh by (stored CRM objects, D118; a batch's answers held until its last command, D195).
 */
public final class JsonWeight {
    private JsonWeight() {
    }

    public static long of(JsonNode node) {
        if (node == null) {
            return 16;
        }
        if (node.isTextual()) {
            return 24 + textBytes(node.textValue());
        }
        long weight = 16;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                weight += field.getKey().length() + of(field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                weight += of(item);
            }
        }
        return weight;
    }

    private static long textBytes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return 2L * text.length();
            }
        }
        return text.length();
    }
}
