package dev.b24emu.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * References to earlier commands' answers in a batch command's parameters, as {@code CRestUtil::processBatchElement}
 * reads them (specs/DECISIONS.md D145): {@code $result[key][FIELD]…}, and likewise {@code $next}, {@code $total},
 * {@code $time} and {@code $error}, in every string value once the command's query is parsed. The path is followed
 * while each step exists (and is not null); where it stops, the value reached so far is what the reference means: an
 * unknown key means every earlier result, an unknown field that command's whole result. A parameter that is exactly a
 * reference takes that value, whatever it is; a reference inside a longer text is replaced only by a scalar (the
 * matched text running on to the next white space, as the server's pattern does), and otherwise stays as written.
 */
final class BatchReferences {
    /** "$result" and the rest of the word: {@code /\$(result|next|total|time|error)([^\s]*)/i} */
    private static final Pattern REFERENCE = Pattern.compile("\\$(result|next|total|time|error)(\\S*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEGMENT = Pattern.compile("\\[([^\\]]+)]");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BatchReferences() {
    }

    /**
     * The parameters with their references resolved against the earlier answers' parts.
     *
     * @param parts "result", "next", "total", "time" and "error": each maps an earlier command's key to that part
     */
    static JsonNode resolve(JsonNode params, Map<String, ObjectNode> parts) {
        if (params.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), resolve(field.getValue(), parts));
            }
            return copy;
        }
        if (params.isArray()) {
            var copy = NODES.arrayNode();
            params.forEach(item -> copy.add(resolve(item, parts)));
            return copy;
        }
        return params.isTextual() ? element(params.asText(), parts) : params;
    }

    private static JsonNode element(String query, Map<String, ObjectNode> parts) {
        if (query.indexOf('$') < 0) {
            return NODES.textNode(query);
        }
        // preg_match_all: every match of the original text first; one replacement per different match (the server's
        // str_replace of a match already replaced everywhere finds nothing more)
        Map<String, String[]> found = new LinkedHashMap<>();
        for (Matcher m = REFERENCE.matcher(query); m.find(); ) {
            found.putIfAbsent(m.group(), new String[] {m.group(), m.group(1), m.group(2)});
        }
        Map<String, String> replacements = new LinkedHashMap<>();
        for (String[] match : found.values()) {
            Matcher segments = SEGMENT.matcher(match[2]);
            if (!segments.find()) {
                continue; // "$result" alone, or "$total" in a sentence: no path, left as it is
            }
            // the parts are named in lower case: "$RESULT[…]" matches the pattern but names no part
            JsonNode value = parts.get(match[1]);
            do {
                JsonNode next = value == null ? null : step(value, segments.group(1));
                if (next == null || next.isNull()) {
                    break;
                }
                value = next;
            } while (segments.find());
            if (match[0].equals(query)) {
                return value == null ? NODES.nullNode() : value;
            }
            if (value != null && (value.isNumber() || value.isTextual())) {
                replacements.put(match[0], value.asText());
            }
        }
        return NODES.textNode(replaced(query, replacements));
    }

    /** What the texts of a batch's references may come to: a short reference to a long text, repeated, grew without end. */
    static final int MAX_TEXT = 8 * 1024 * 1024;
    /** Up to this many different references, replaced one after the other over the whole text, as the server does. */
    private static final int IN_TURN = 64;

    /**
     * The text with its references replaced: one after the other, each over the whole text, as str_replace does
     * (a shorter reference that begins a longer one replaces that beginning too); past {@link #IN_TURN} different
     * ones, in one pass over the text, each where it stands, since a pass per reference over a megabyte of them took
     * minutes. Past {@link #MAX_TEXT} characters, refused.
     */
    private static String replaced(String query, Map<String, String> replacements) {
        if (replacements.isEmpty()) {
            return query;
        }
        if (replacements.size() <= IN_TURN) {
            String text = query;
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                if (text.length() + countedGrowth(text, r) > MAX_TEXT) {
                    throw tooLong();
                }
                text = text.replace(r.getKey(), r.getValue());
            }
            return text;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = REFERENCE.matcher(query);
        int last = 0;
        while (m.find()) {
            String value = replacements.get(m.group());
            if (value == null) {
                continue;
            }
            out.append(query, last, m.start()).append(value);
            last = m.end();
            if (out.length() > MAX_TEXT) {
                throw tooLong();
            }
        }
        return out.append(query, last, query.length()).toString();
    }

    /** How much longer the text becomes with this replacement (counted, not built). */
    private static long countedGrowth(String text, Map.Entry<String, String> r) {
        long count = 0;
        for (int at = text.indexOf(r.getKey()); at >= 0; at = text.indexOf(r.getKey(), at + r.getKey().length())) {
            count++;
        }
        return count * (r.getValue().length() - r.getKey().length());
    }

    private static RuntimeException tooLong() {
        return RestError.of("ERROR_ARGUMENT", "A batch command's references make a text longer than " + MAX_TEXT
                + " characters");
    }

    /** One step of the path: an object's field, or an array's item by its number. */
    private static JsonNode step(JsonNode container, String key) {
        if (container.isObject()) {
            return container.get(key);
        }
        if (container.isArray() && key.matches("\\d{1,9}")) {
            return container.get(Integer.parseInt(key));
        }
        return null;
    }
}
