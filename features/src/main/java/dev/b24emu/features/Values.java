package dev.b24emu.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How scenario text becomes values: {name} is a remembered value; bare numbers are numbers; "..." forces a string. */
final class Values {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_. -]+)}");

    private Values() {
    }

    static String substitute(String text, Map<String, String> remembered) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(remembered(m.group(1), remembered)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A remembered value by its name, or a failure naming what is remembered (a misspelt name compared as null). */
    static String remembered(String name, Map<String, String> remembered) {
        String value = remembered.get(name);
        if (value == null) {
            throw new AssertionError("Nothing remembered as {" + name + "}; remembered: " + remembered.keySet());
        }
        return value;
    }

    /** A table cell as a JSON value. */
    static JsonNode cell(String raw, Map<String, String> remembered) {
        String text = substitute(raw.trim(), remembered);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return nodes.textNode(text.substring(1, text.length() - 1));
        }
        if (text.startsWith("[") || text.startsWith("{")) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            } catch (java.io.IOException notJson) {
                return nodes.textNode(text);
            }
        }
        if (text.equals("null")) {
            return nodes.nullNode();
        }
        if (text.equals("true") || text.equals("false")) {
            return nodes.booleanNode(Boolean.parseBoolean(text));
        }
        if (text.matches("-?(0|[1-9][0-9]{0,17})")) {
            return nodes.numberNode(Long.parseLong(text));
        }
        return nodes.textNode(text);
    }

    /** A dotted path with [n] indexes ("CRM_CREATED_ENTITIES[0].ENTITY_TYPE") as a JSON pointer. */
    static String pointer(String path) {
        if (path.isEmpty()) {
            return "";
        }
        return "/" + path.replace("[", ".").replace("]", "").replace(".", "/").replaceAll("/+", "/");
    }
}
