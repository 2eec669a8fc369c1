package dev.b24emu.specs;

import com.fasterxml.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Copies a Jackson 2 tree (what the emulator parses requests into) into the Jackson 3 tree networknt validates,
 * node by node: writing the tree out and parsing it again was a third of validation's cost on the request path
 * (bench/run.sh profile).
 * Floating-point numbers are left to that text path, so how they are read (double or decimal) stays networknt's.
 */
final class JacksonBridge {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JacksonBridge() {
    }

    /** The same tree as Jackson 3 nodes, or null when it holds a floating-point number. */
    static tools.jackson.databind.JsonNode copy(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        switch (node.getNodeType()) {
            case OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    tools.jackson.databind.JsonNode value = copy(field.getValue());
                    if (value == null) {
                        return null;
                    }
                    object.set(field.getKey(), value);
                }
                return object;
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode(node.size());
                for (JsonNode item : node) {
                    tools.jackson.databind.JsonNode value = copy(item);
                    if (value == null) {
                        return null;
                    }
                    array.add(value);
                }
                return array;
            }
            case STRING -> {
                return NODES.stringNode(node.textValue());
            }
            case BOOLEAN -> {
                return NODES.booleanNode(node.booleanValue());
            }
            case NULL -> {
                return NODES.nullNode();
            }
            case NUMBER -> {
                if (node.isInt() || node.isShort()) {
                    return NODES.numberNode(node.intValue());
                }
                if (node.isLong()) {
                    return NODES.numberNode(node.longValue());
                }
                if (node.isBigInteger()) {
                    return NODES.numberNode(node.bigIntegerValue());
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }
}
