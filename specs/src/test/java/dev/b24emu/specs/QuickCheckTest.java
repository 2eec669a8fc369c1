package dev.b24emu.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The quick check says "valid" exactly when networknt finds nothing, on instances generated from every schema of the
 * catalogue (seeded, so a failure repeats): a wrong "valid" would let a bad request through without its Bitrix24
 * error, and a wrong "ask networknt" would only cost time, so both are counted but the first fails at once.
 */
class QuickCheckTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Contracts CONTRACTS = Contracts.shared();
    private static final long SEED = 20261203L;
    private static final int PER_SCHEMA = 400;

    /** Strings a schema's patterns are tried against: each generated string is one of these that the pattern accepts. */
    private static final List<String> STRINGS = new ArrayList<>(List.of("", " ", "0", "1", "2", "5", "6", "-3", " 7 ",
            "+12", "1.0", "1.5", ".5", "0012", "abc", "Y", "N", "y", "true", "false", "+79001234567", "79001234567",
            "8 (900) 123-45-67", "#*,;", "no digits", "2026-03-07T10:20:30+03:00", "2026-03-07", "2026-03-07 10:20",
            "2026-03-07T10:20:30Z", "07.03.2026", "externalCall.0123456789abcdef0123456789abcdef.1796286118",
            "externalCall.XYZ.1", "é", "😀", "😀😀😀", "a\nb", "line\u0000nul", "CONTACT", "LEAD", "COMPANY", "DEAL",
            "USER", "https://example.com/a.mp3", "ru", "en", "de", "x".repeat(300), "A".repeat(2000)));

    @Test
    void theQuickCheckSaysValidExactlyWhenNetworkntFindsNothing() {
        Random random = new Random(SEED);
        Set<String> paths = CONTRACTS.allSchemaPaths();
        collectEnumStrings(paths);
        int checked = 0, valid = 0, invalid = 0, schemas = 0;
        List<String> networkntOnly = new ArrayList<>();
        for (String path : paths) {
            if (path.contains("#")) {
                continue;
            }
            if (!CONTRACTS.hasQuickCheck(path)) {
                networkntOnly.add(path);
                continue;
            }
            schemas++;
            JsonNode schema = CONTRACTS.document(path);
            QuickCheck check = QuickCheck.compile(path, CONTRACTS::document).orElseThrow();
            for (int i = 0; i < PER_SCHEMA; i++) {
                JsonNode instance = generate(schema, path, random, 0);
                boolean quick = check.accepts(instance);
                List<Contracts.Violation> violations = CONTRACTS.validateWithNetworknt(path, instance);
                if (quick && !violations.isEmpty()) {
                    fail(path + ": the quick check accepted " + instance + ", networknt found " + violations);
                }
                assertEquals(violations.isEmpty(), quick, () -> path + ": networknt accepted " + instance
                        + " but the quick check left it to networknt");
                assertEquals(violations, CONTRACTS.validate(path, instance), path + ": " + instance);
                checked++;
                if (quick) {
                    valid++;
                } else {
                    invalid++;
                }
            }
        }
        // the generator must reach both answers often, or the comparison proves little
        assertTrue(valid > checked / 5 && invalid > checked / 5,
                "valid " + valid + ", invalid " + invalid + " of " + checked + " over " + schemas + " schemas");
        // the request path's schemas all have a quick check; networknt alone judges only what is listed here
        assertTrue(networkntOnly.stream().noneMatch(p -> p.endsWith(".params.json")),
                "parameter schemas without a quick check: " + networkntOnly);
    }

    @Test
    void numbersOtherThanPlainIntegersAreLeftToNetworknt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String path = "methods/telephony.externalcall.register.params.json";
        QuickCheck check = QuickCheck.compile(path, CONTRACTS::document).orElseThrow();
        assertTrue(check.accepts(json.readTree("{\"USER_ID\":2,\"PHONE_NUMBER\":\"+79001234567\",\"TYPE\":2}")));
        assertFalse(check.accepts(json.readTree("{\"USER_ID\":2.0,\"PHONE_NUMBER\":\"+79001234567\",\"TYPE\":2}")));
        JsonNode fraction = json.readTree("{\"USER_ID\":2.0,\"PHONE_NUMBER\":\"+79001234567\",\"TYPE\":2}");
        assertEquals(CONTRACTS.validateWithNetworknt(path, fraction), CONTRACTS.validate(path, fraction));
        assertFalse(check.accepts(json.readTree("{\"USER_ID\":2,\"PHONE_NUMBER\":\"+79001234567\",\"TYPE\":7}")));
        assertFalse(check.accepts(null));
    }

    @Test
    void aSchemaWithAKeywordItDoesNotKnowIsLeftWholeToNetworknt() {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> documents = Map.of(
                "a.json", json.createObjectNode().put("type", "object").set("properties", json.createObjectNode()
                        .set("X", json.createObjectNode().put("format", "email"))),
                "b.json", json.createObjectNode().put("$ref", "a.json"),
                "c.json", json.createObjectNode().put("type", "object").put("minProperties", 1));
        assertTrue(QuickCheck.compile("a.json", documents::get).isEmpty());
        assertTrue(QuickCheck.compile("b.json", documents::get).isEmpty(), "through a $ref too");
        assertTrue(QuickCheck.compile("c.json", documents::get).isPresent());
    }

    /** What the catalogue's schemas cannot show: overlapping oneOf branches, and members named by no property. */
    @Test
    void oneOfWantsExactlyOneBranchAndAdditionalPropertiesOnlyTheUnnamedMembers() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> documents = Map.of(
                "one.json", json.readTree("{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 5}]}"),
                "members.json", json.readTree("{\"properties\": {\"A\": {\"type\": \"string\"}},"
                        + " \"patternProperties\": {\"^X_\": {\"type\": \"integer\"}, \"^.$\": {\"maxLength\": 2}},"
                        + " \"additionalProperties\": false}"));
        QuickCheck one = QuickCheck.compile("one.json", documents::get).orElseThrow();
        assertTrue(one.accepts(json.readTree("3")));
        assertFalse(one.accepts(json.readTree("7")), "both branches hold");
        assertTrue(one.accepts(json.readTree("\"text\"")), "only the minimum holds: it ignores strings");
        QuickCheck members = QuickCheck.compile("members.json", documents::get).orElseThrow();
        assertTrue(members.accepts(json.readTree("{\"A\": \"ab\", \"X_1\": 4}")));
        assertFalse(members.accepts(json.readTree("{\"A\": \"abc\"}")), "A is named and matches ^.$ too");
        assertFalse(members.accepts(json.readTree("{\"X_1\": \"4\"}")));
        assertFalse(members.accepts(json.readTree("{\"B1\": 1}")), "named by nothing: additionalProperties");
    }

    private static void collectEnumStrings(Set<String> paths) {
        Set<String> found = new LinkedHashSet<>();
        for (String path : paths) {
            if (!path.contains("#")) {
                collect(CONTRACTS.document(path), found);
            }
        }
        STRINGS.addAll(found);
    }

    private static void collect(JsonNode node, Set<String> found) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if ((field.getKey().equals("enum") || field.getKey().equals("const") || field.getKey().equals("examples"))) {
                    (field.getValue().isArray() ? field.getValue() : NODES.arrayNode().add(field.getValue()))
                            .forEach(v -> { if (v.isTextual()) found.add(v.textValue()); });
                }
                collect(field.getValue(), found);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, found));
        }
    }

    /** An instance shaped by the schema, now and then with a part replaced by any value at all. */
    private static JsonNode generate(JsonNode schema, String path, Random random, int depth) {
        if (depth > 6 || schema == null || !schema.isObject() || random.nextInt(10) == 0) {
            return anyValue(random, depth);
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            int hash = ref.indexOf('#');
            String file = hash < 0 ? ref : ref.substring(0, hash);
            String target = file.isEmpty() ? path : Contracts.resolve(path, file);
            JsonNode resolved = CONTRACTS.document(target).at(hash < 0 ? "" : ref.substring(hash + 1));
            if (!schema.has("properties") && !schema.has("type")) {
                return generate(resolved, target, random, depth + 1);
            }
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum") && random.nextInt(8) != 0) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        for (String choice : List.of("anyOf", "oneOf")) {
            if (schema.has(choice) && !schema.has("properties")) {
                JsonNode branches = schema.get(choice);
                return generate(branches.get(random.nextInt(branches.size())), path, random, depth + 1);
            }
        }
        List<String> types = new ArrayList<>();
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type != null) {
            types.add(type.asText());
        } else if (schema.has("properties") || schema.has("required")) {
            types.add("object");
        } else if (schema.has("items")) {
            types.add("array");
        } else {
            return anyValue(random, depth);
        }
        return switch (types.get(random.nextInt(types.size()))) {
            case "object" -> object(schema, path, random, depth);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(generate(schema.get("items"), path, random, depth + 1));
                }
                yield array;
            }
            case "string" -> NODES.textNode(string(schema.path("pattern").asText(null), random));
            case "integer", "number" -> {
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : -3;
                long max = schema.has("maximum") ? schema.get("maximum").asLong() : Math.max(min, 10);
                long value = min + (long) (random.nextDouble() * (max - min + 1));
                yield random.nextInt(12) == 0 ? NODES.numberNode(value - 1) : NODES.numberNode(value);
            }
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.nullNode();
        };
    }

    private static ObjectNode object(JsonNode schema, String path, Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        Set<String> required = new LinkedHashSet<>();
        List<JsonNode> parts = new ArrayList<>(List.of(schema));
        schema.path("allOf").forEach(parts::add);
        for (JsonNode part : parts) {
            part.path("required").forEach(r -> required.add(r.asText()));
            for (Iterator<Map.Entry<String, JsonNode>> it = part.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                boolean wanted = required.contains(property.getKey()) ? random.nextInt(20) != 0 : random.nextInt(3) == 0;
                if (wanted) {
                    object.set(property.getKey(), generate(property.getValue(), path, random, depth + 1));
                }
            }
        }
        if (random.nextInt(6) == 0) {
            object.set(random.nextBoolean() ? "UNKNOWN_NAME" : "user_id", anyValue(random, depth + 1));
        }
        return object;
    }

    private static String string(String pattern, Random random) {
        if (pattern == null || random.nextInt(10) == 0) {
            return STRINGS.get(random.nextInt(STRINGS.size()));
        }
        Pattern compiled = Pattern.compile(pattern);
        List<String> matching = STRINGS.stream().filter(s -> compiled.matcher(s).find()).toList();
        return matching.isEmpty() ? STRINGS.get(random.nextInt(STRINGS.size())) : matching.get(random.nextInt(matching.size()));
    }

    private static JsonNode anyValue(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 7 : 9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(7) - 2);
            case 3 -> NODES.numberNode(random.nextLong());
            case 4, 5 -> NODES.textNode(STRINGS.get(random.nextInt(STRINGS.size())));
            case 6 -> NODES.numberNode(random.nextInt(1_000_000));
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(anyValue(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    object.set(List.of("ID", "VALUE", "TYPE", "NAME", "X").get(random.nextInt(5)), anyValue(random, depth + 1));
                }
                yield object;
            }
        };
    }
}
