package dev.b24emu.emulator.internal.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A copy of a request's parameters or result small enough to keep: the journal holds a thousand entries per portal,
 * and one attachRecord with a 5 MB FILE_CONTENT kept whole would be 5 GB at that count. Long strings are cut with a
 * note of their length, containers stop at a byte budget with a note of what was left out, and credentials a client
 * put in its parameters are hidden.
 */
final class BoundedJson {
    /** Longest string kept whole; the rest is cut with a note. */
    static final int MAX_STRING = 1024;
    /** Roughly what one copied value may weigh (characters of strings and keys, plus a little per node). */
    static final int BUDGET = 32 * 1024;
    private static final int NODE_COST = 16;
    /** Parameters whose values are secrets: the journal never keeps them. */
    private static final Set<String> SECRETS = Set.of("auth", "access_token", "refresh_token", "client_secret",
            "password", "application_token");
    static final String HIDDEN = "(hidden)";

    /** A secret's name in any case, compared without a lower-cased copy of every key the journal keeps. */
    private static boolean secret(String key) {
        for (String name : SECRETS) {
            if (name.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    private int left = BUDGET;
    private int weight;

    private BoundedJson() {
    }

    /** The bounded copy and its weight in bytes (for the journal's own byte bound). */
    record Copy(JsonNode value, int weight) {
    }

    static Copy of(JsonNode value) {
        if (value == null) {
            return new Copy(null, 0);
        }
        BoundedJson copier = new BoundedJson();
        JsonNode copy = copier.copy(value, 0);
        return new Copy(copy, copier.weight);
    }

    private JsonNode copy(JsonNode node, int depth) {
        charge(NODE_COST);
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.length() > MAX_STRING) {
                text = text.substring(0, MAX_STRING) + "…(" + text.length() + " characters, cut by the journal)";
            }
            charge(text.length());
            return JsonNodeFactory.instance.textNode(text);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            int index = 0;
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); index++) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (left <= 0) {
                    copy.put("…", (node.size() - index) + " more fields, cut by the journal");
                    break;
                }
                charge(field.getKey().length());
                boolean secret = depth == 0 && secret(field.getKey());
                copy.set(field.getKey(), secret ? JsonNodeFactory.instance.textNode(HIDDEN) : copy(field.getValue(), depth + 1));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                if (left <= 0) {
                    copy.add((node.size() - i) + " more items, cut by the journal");
                    break;
                }
                copy.add(copy(node.get(i), depth + 1));
            }
            return copy;
        }
        return node; // numbers, booleans and null are immutable
    }

    private void charge(int bytes) {
        left -= bytes;
        weight += bytes;
    }
}
