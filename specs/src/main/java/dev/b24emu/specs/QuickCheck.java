package dev.b24emu.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.regex.JDKRegularExpressionFactory;
import com.networknt.schema.regex.RegularExpression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A quick "valid" for the common case, before networknt. The emulator checks every request's parameters against
 * its method's schema, and nearly every request is valid; networknt's walk builds an evaluation path and a context
 * for every keyword it visits, which made validation the largest allocation of a register (about 3 KiB of 17) and
 * 7 % of its CPU. This walks the same schema over the emulator's own tree and only says "valid" or "ask networknt":
 * a false answer (invalid, or a value it does not judge) goes to networknt, which then says what is wrong as before,
 * so violations, their messages and their order come from networknt alone.
 * <p>
 * It compiles only schemas made of the keywords below, each with networknt's meaning (draft 2020-12, the JDK
 * regular expressions networknt uses by default, lengths in code points, numbers compared by value); any other
 * keyword, a nested {@code $id} or an enum of arrays or objects leaves the whole schema to networknt. An instance
 * holding a number that is not a plain integer (networknt reads those from text) is left to networknt too.
 * {@code QuickCheckTest} holds both to the same answer on every schema of the catalogue.
 */
final class QuickCheck {
    /** Keywords that only annotate: they never make an instance invalid. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "title", "description", "$comment", "default",
            "examples", "deprecated", "readOnly", "writeOnly", "$defs");
    /** Keywords that judge an object's members together. */
    private static final Set<String> MEMBERS = Set.of("properties", "patternProperties", "additionalProperties");

    /** One compiled schema: whether an instance satisfies it. */
    @FunctionalInterface
    interface Rule {
        boolean test(JsonNode node);
    }

    private final Rule root;

    private QuickCheck(Rule root) {
        this.root = root;
    }

    /**
     * The check of the schema at a catalogue path, or empty when it uses anything this does not judge.
     *
     * @param documents reads a contract file by its catalogue path
     */
    static Optional<QuickCheck> compile(String path, Function<String, JsonNode> documents) {
        try {
            return Optional.of(new QuickCheck(new Compiler(documents).document(path)));
        } catch (Unsupported unsupported) {
            return Optional.empty();
        }
    }

    /** True only when the instance satisfies the schema; false when it does not, or when networknt must judge it. */
    boolean accepts(JsonNode instance) {
        return instance != null && plain(instance) && root.test(instance);
    }

    /** Whether every number in the tree is an int or a long, and nothing in it is other than JSON. */
    private static boolean plain(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT, ARRAY -> {
                for (JsonNode child : node) {
                    if (!plain(child)) {
                        return false;
                    }
                }
                return true;
            }
            case NUMBER -> {
                return node.isInt() || node.isLong();
            }
            case STRING, BOOLEAN, NULL -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** A schema this does not judge: thrown while compiling, never while checking. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** A $ref's target, filled in once compiled (a schema may refer to itself through $defs). */
    private static final class Ref implements Rule {
        private Rule target;

        @Override
        public boolean test(JsonNode node) {
            return target.test(node);
        }
    }

    private static final class Compiler {
        private final Function<String, JsonNode> documents;
        /** maps "path#pointer" to its compiled rule, so each target compiles once and cycles close */
        private final Map<String, Ref> refs = new HashMap<>();

        Compiler(Function<String, JsonNode> documents) {
            this.documents = documents;
        }

        Rule document(String path) {
            return located(path, "");
        }

        private Rule located(String path, String pointer) {
            String key = path + "#" + pointer;
            Ref known = refs.get(key);
            if (known != null) {
                return known;
            }
            Ref ref = new Ref();
            refs.put(key, ref);
            JsonNode document = documents.apply(path);
            if (document.hasNonNull("$id") && !document.get("$id").asText().equals(Contracts.ID_BASE + path)) {
                throw new Unsupported(); // a document that names itself otherwise: its relative $refs would differ
            }
            JsonNode schema = document.at(pointer);
            if (schema.isMissingNode()) {
                throw new Unsupported();
            }
            ref.target = schema(schema, path, pointer.isEmpty());
            return ref;
        }

        private Rule schema(JsonNode schema, String path, boolean documentRoot) {
            if (schema.isBoolean()) {
                boolean value = schema.booleanValue();
                return node -> value;
            }
            if (!schema.isObject()) {
                throw new Unsupported();
            }
            List<Rule> rules = new ArrayList<>();
            boolean membersDone = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> keyword = it.next();
                String name = keyword.getKey();
                if (name.equals("$id") && documentRoot) {
                    continue; // checked against the path in located()
                }
                if (ANNOTATIONS.contains(name) || name.startsWith("x-") || name.equals("then") || name.equals("else")) {
                    continue; // then and else belong to if
                }
                if (MEMBERS.contains(name)) {
                    if (!membersDone) { // properties, patternProperties and additionalProperties judge members together
                        rules.add(members(schema, path));
                        membersDone = true;
                    }
                    continue;
                }
                rules.add(keyword(name, keyword.getValue(), schema, path));
            }
            return every(rules.toArray(Rule[]::new));
        }

        /** All the rules at once (a schema's keywords, or allOf's parts). */
        private static Rule every(Rule[] rules) {
            return switch (rules.length) {
                case 0 -> node -> true;
                case 1 -> rules[0];
                default -> node -> {
                    for (Rule rule : rules) {
                        if (!rule.test(node)) {
                            return false;
                        }
                    }
                    return true;
                };
            };
        }

        private Rule keyword(String name, JsonNode value, JsonNode schema, String path) {
            return switch (name) {
                case "type" -> type(value);
                case "enum" -> oneOfValues(value);
                case "const" -> oneOfValues(List.of(value));
                case "pattern" -> pattern(value);
                case "minLength" -> {
                    int min = count(value);
                    yield node -> !node.isTextual() || codePoints(node) >= min;
                }
                case "maxLength" -> {
                    int max = count(value);
                    yield node -> !node.isTextual() || codePoints(node) <= max;
                }
                case "minimum" -> {
                    BigDecimal min = limit(value);
                    yield node -> !node.isNumber() || node.decimalValue().compareTo(min) >= 0;
                }
                case "maximum" -> {
                    BigDecimal max = limit(value);
                    yield node -> !node.isNumber() || node.decimalValue().compareTo(max) <= 0;
                }
                case "required" -> required(value);
                case "propertyNames" -> {
                    Rule names = schema(value, path, false);
                    yield node -> {
                        if (node.isObject()) {
                            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                                if (!names.test(TextNode.valueOf(it.next()))) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    };
                }
                case "minProperties" -> size(JsonNode::isObject, count(value), true);
                case "maxProperties" -> size(JsonNode::isObject, count(value), false);
                case "items" -> {
                    Rule each = schema(value, path, false);
                    yield node -> !node.isArray() || all(node, each);
                }
                case "minItems" -> size(JsonNode::isArray, count(value), true);
                case "maxItems" -> size(JsonNode::isArray, count(value), false);
                case "allOf" -> every(list(value, path));
                case "oneOf" -> {
                    Rule[] parts = list(value, path);
                    yield node -> {
                        int passed = 0;
                        for (Rule part : parts) {
                            if (part.test(node) && ++passed > 1) {
                                return false;
                            }
                        }
                        return passed == 1;
                    };
                }
                case "anyOf" -> {
                    Rule[] parts = list(value, path);
                    yield node -> {
                        for (Rule part : parts) {
                            if (part.test(node)) {
                                return true;
                            }
                        }
                        return false;
                    };
                }
                case "not" -> {
                    Rule negated = schema(value, path, false);
                    yield node -> !negated.test(node);
                }
                case "if" -> {
                    Rule condition = schema(value, path, false);
                    Rule then = schema.has("then") ? schema(schema.get("then"), path, false) : node -> true;
                    Rule otherwise = schema.has("else") ? schema(schema.get("else"), path, false) : node -> true;
                    yield node -> condition.test(node) ? then.test(node) : otherwise.test(node);
                }
                case "$ref" -> ref(value, path);
                default -> throw new Unsupported();
            };
        }

        private Rule ref(JsonNode value, String path) {
            String ref = value.asText();
            int hash = ref.indexOf('#');
            String file = hash < 0 ? ref : ref.substring(0, hash);
            String pointer = hash < 0 ? "" : ref.substring(hash + 1);
            if (pointer.contains("%") || (!pointer.isEmpty() && !pointer.startsWith("/")) || file.contains(":")) {
                throw new Unsupported(); // anchors, escapes and absolute URIs are networknt's to resolve
            }
            return located(file.isEmpty() ? path : Contracts.resolve(path, file), pointer);
        }

        private Rule[] list(JsonNode value, String path) {
            if (!value.isArray() || value.isEmpty()) {
                throw new Unsupported();
            }
            Rule[] parts = new Rule[value.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = schema(value.get(i), path, false);
            }
            return parts;
        }

        /**
         * A member is judged by its property's schema and by every patternProperties schema whose pattern it matches;
         * additionalProperties judges only members that neither names.
         */
        private Rule members(JsonNode schema, String path) {
            Map<String, Rule> declared = new HashMap<>();
            JsonNode properties = schema.get("properties");
            if (properties != null) {
                if (!properties.isObject()) {
                    throw new Unsupported();
                }
                properties.fields().forEachRemaining(p -> declared.put(p.getKey(), schema(p.getValue(), path, false)));
            }
            List<RegularExpression> patterns = new ArrayList<>();
            List<Rule> patterned = new ArrayList<>();
            JsonNode patternProperties = schema.get("patternProperties");
            if (patternProperties != null) {
                if (!patternProperties.isObject()) {
                    throw new Unsupported();
                }
                patternProperties.fields().forEachRemaining(p -> {
                    patterns.add(regex(p.getKey()));
                    patterned.add(schema(p.getValue(), path, false));
                });
            }
            Rule others = schema.has("additionalProperties") ? schema(schema.get("additionalProperties"), path, false) : null;
            RegularExpression[] keys = patterns.toArray(RegularExpression[]::new);
            Rule[] keyed = patterned.toArray(Rule[]::new);
            return node -> {
                if (!node.isObject()) {
                    return true;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    Rule rule = declared.get(field.getKey());
                    boolean named = rule != null;
                    if (named && !rule.test(field.getValue())) {
                        return false;
                    }
                    for (int i = 0; i < keys.length; i++) {
                        if (keys[i].matches(field.getKey())) {
                            named = true;
                            if (!keyed[i].test(field.getValue())) {
                                return false;
                            }
                        }
                    }
                    if (!named && others != null && !others.test(field.getValue())) {
                        return false;
                    }
                }
                return true;
            };
        }

        private static Rule required(JsonNode value) {
            if (!value.isArray()) {
                throw new Unsupported();
            }
            String[] names = new String[value.size()];
            for (int i = 0; i < names.length; i++) {
                if (!value.get(i).isTextual()) {
                    throw new Unsupported();
                }
                names[i] = value.get(i).textValue();
            }
            return node -> {
                if (node.isObject()) {
                    for (String name : names) {
                        if (!node.has(name)) {
                            return false;
                        }
                    }
                }
                return true;
            };
        }

        private static Rule type(JsonNode value) {
            List<String> names = new ArrayList<>();
            if (value.isTextual()) {
                names.add(value.textValue());
            } else if (value.isArray()) {
                value.forEach(n -> names.add(n.asText()));
            } else {
                throw new Unsupported();
            }
            boolean object = false, array = false, string = false, number = false, integer = false, bool = false,
                    nul = false;
            for (String name : names) {
                switch (name) {
                    case "object" -> object = true;
                    case "array" -> array = true;
                    case "string" -> string = true;
                    case "number" -> number = true;
                    case "integer" -> integer = true;
                    case "boolean" -> bool = true;
                    case "null" -> nul = true;
                    default -> throw new Unsupported();
                }
            }
            boolean o = object, a = array, s = string, n = number, i = integer, b = bool, z = nul;
            // instances reaching a rule hold only ints and longs (see plain()): every number is an integer
            return node -> switch (node.getNodeType()) {
                case OBJECT -> o;
                case ARRAY -> a;
                case STRING -> s;
                case NUMBER -> n || i;
                case BOOLEAN -> b;
                case NULL -> z;
                default -> false;
            };
        }

        private static Rule oneOfValues(Iterable<JsonNode> values) {
            List<JsonNode> allowed = new ArrayList<>();
            for (JsonNode value : values) {
                if (value.isNumber() ? !(value.isInt() || value.isLong())
                        : !(value.isTextual() || value.isBoolean() || value.isNull())) {
                    throw new Unsupported(); // containers and fractions compare in ways left to networknt
                }
                allowed.add(value);
            }
            if (allowed.isEmpty()) {
                throw new Unsupported();
            }
            return node -> {
                for (JsonNode value : allowed) {
                    if (value.isNumber() ? node.isNumber() && node.longValue() == value.longValue() : value.equals(node)) {
                        return true;
                    }
                }
                return false;
            };
        }

        private static Rule pattern(JsonNode value) {
            if (!value.isTextual()) {
                throw new Unsupported();
            }
            RegularExpression regex = regex(value.textValue());
            return node -> !node.isTextual() || regex.matches(node.textValue());
        }

        /** networknt's own default regular expressions: the same rewriting of $ and \p{...} before java.util.regex. */
        private static RegularExpression regex(String pattern) {
            return JDKRegularExpressionFactory.getInstance().getRegularExpression(pattern);
        }

        /** A bound on an object's members or an array's items; other values pass. */
        private static Rule size(java.util.function.Predicate<JsonNode> applies, int bound, boolean atLeast) {
            return node -> !applies.test(node) || (atLeast ? node.size() >= bound : node.size() <= bound);
        }

        private static boolean all(Iterable<JsonNode> nodes, Rule rule) {
            for (JsonNode node : nodes) {
                if (!rule.test(node)) {
                    return false;
                }
            }
            return true;
        }

        private static int count(JsonNode value) {
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
                throw new Unsupported();
            }
            return value.intValue();
        }

        private static BigDecimal limit(JsonNode value) {
            if (!value.isNumber()) {
                throw new Unsupported();
            }
            return value.decimalValue();
        }

        private static int codePoints(JsonNode node) {
            String text = node.textValue();
            return text.codePointCount(0, text.length());
        }
    }
}
