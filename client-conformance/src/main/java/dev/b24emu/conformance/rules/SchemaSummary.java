package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parameter's schema as a sentence, for the "expected" side of a finding: "one of 1, 2, 3, 4, 5: 1 outgoing, 2
 * incoming, …" reads as the fix, where the schema itself (three anyOf branches, a pattern, an x-b24-error) was read
 * by nobody (the kit audit). The schema stays in specs/ for whoever wants it.
 */
final class SchemaSummary {
    private SchemaSummary() {
    }

    static String of(JsonNode schema) {
        Set<String> values = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        collect(schema, values, kinds);
        List<String> parts = new ArrayList<>();
        if (schema.hasNonNull("x-b24-type")) {
            parts.add(schema.get("x-b24-type").asText());
        } else if (!values.isEmpty()) {
            parts.add("one of " + String.join(", ", values) + (kinds.contains("a string") && values.stream()
                    .noneMatch(v -> v.startsWith("\"")) ? " (a number may come as a string)" : ""));
        } else if (!kinds.isEmpty()) {
            parts.add(String.join(" or ", kinds));
        }
        String description = schema.path("description").asText("");
        if (!description.isEmpty()) {
            parts.add(description);
        }
        return parts.isEmpty() ? "as the documentation describes it" : String.join(": ", parts);
    }

    /** The enumerated values and the kinds of value a schema and its anyOf/oneOf branches take. */
    private static void collect(JsonNode schema, Set<String> values, Set<String> kinds) {
        schema.path("enum").forEach(value -> values.add(value.toString()));
        if (schema.has("const")) {
            values.add(schema.get("const").toString());
        }
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            kinds.add(kind(type.asText()));
        }
        type.forEach(t -> kinds.add(kind(t.asText())));
        for (String branches : List.of("anyOf", "oneOf")) {
            schema.path(branches).forEach(branch -> collect(branch, values, kinds));
        }
    }

    private static String kind(String type) {
        return switch (type) {
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "string" -> "a string";
            case "boolean" -> "true or false";
            case "array" -> "a list";
            case "object" -> "an object";
            case "null" -> "null";
            default -> type;
        };
    }
}
