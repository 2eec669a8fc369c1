package dev.b24emu.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.PortalSettings.Validation;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.transport.RestExchange;
import dev.b24emu.emulator.internal.transport.Stage;
import dev.b24emu.specs.Contracts;
import dev.b24emu.specs.Spelling;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Holds every request to its method's parameter schema in specs/ before the method runs, in the portal's mode
 * (specs/DECISIONS.md D27, D28):
 * <ul>
 *   <li>{@code warn} (default): what the real server refuses (a violation the schema answers with its documented
 *   {@code x-b24-error}) is refused with that error; anything else the contract rules out but the server accepts
 *   (a VOTE of 6, SHOW "yes", an undocumented parameter) is answered as the server answers it and reported as a
 *   warning (journal, {@code X-B24-Emulator-Warning});</li>
 *   <li>{@code strict}: every violation, every undocumented parameter and every deviation of the request's form
 *   (repeated slashes, a body the server reads otherwise) is refused, saying the real portal would have accepted it;</li>
 *   <li>{@code off}: no check.</li>
 * </ul>
 */
final class Validate implements Stage {
    /** Parameters any method accepts: the source key of offline events (api-reference/events/offline-events.md). */
    private static final Set<String> GENERAL_PARAMS = Set.of("auth_connector");
    static final String ACCEPTED = "; the real portal would have accepted it (strict mode)";
    /** the documented types of the wire integers (common/wire.json's intLike, positiveIntLike): PHP's (int) reads them */
    private static final Set<String> INTEGERS = Set.of("integer", "positive integer");
    /** the one parameter read in one case only: a list's page (Params.start) */
    private static final String START = "start";

    private final Contracts contracts;
    /** maps a method to its parameters that take an object (one entry per method of the catalogue at most) */
    private final Map<String, Set<String>> objectParams = new java.util.concurrent.ConcurrentHashMap<>();

    Validate(Contracts contracts) {
        // each method's schema is compiled on its first call (or by the server's warm-up thread once it listens), not
        // before the server answers (specs' ContractsTest compiles every one, so a broken reference still fails the build)
        this.contracts = contracts;
    }

    @Override
    public void apply(RestExchange exchange) {
        Caller caller = exchange.principal();
        // what reading the request noticed (repeated slashes, a body read otherwise than the server reads it) was
        // noted before the portal, and so its mode, was known: the mode applies to it here
        Validation mode = caller.portal().settings().validation();
        if (mode == Validation.OFF) {
            exchange.dropWarnings();
        } else if (mode == Validation.STRICT && exchange.frontRefusal() != null) {
            throw exchange.frontRefusal(); // what the portal's front refuses, as it refuses it
        } else if (mode == Validation.STRICT && !exchange.warnings().isEmpty()) {
            throw RestError.of("ERROR_ARGUMENT", exchange.warnings().get(0) + ACCEPTED);
        }
        check(caller, exchange.method(), exchange.params(), exchange::warn);
    }

    /**
     * Drops what reading the request noticed when the caller's portal validates nothing, however the call ended: a
     * call refused before this stage ran (a path that resolves to no method: 404) kept its warnings (audit 61e).
     */
    static void silentWhenOff(RestExchange exchange) {
        Caller caller = exchange.principal();
        if (caller != null && caller.portal().settings().validation() == Validation.OFF) {
            exchange.dropWarnings();
        }
    }

    /** Checks one call's parameters (also each command of a batch); warnings go to the given sink. */
    void check(Caller caller, String method, JsonNode given, java.util.function.Consumer<String> warnings) {
        Validation mode = caller.portal().settings().validation();
        Optional<Contracts.MethodContract> contract = contracts.method(method);
        if (contract.isEmpty()) {
            return;
        }
        if (contract.get().exactCase() && given instanceof ObjectNode tree) {
            // what the method must not read, in every mode (off as well: it is the server's reading, not a check)
            unreadCases(method, tree, mode == Validation.OFF ? ignored -> { } : warnings);
        }
        if (mode == Validation.OFF) {
            return;
        }
        JsonNode params = phpView(method, given);
        List<String> unknown = unknownParams(method, params);
        Set<String> reported = new java.util.HashSet<>();
        for (Contracts.Violation violation : contracts.validateParams(method, params)) {
            OptionalLong cast = violation.error().isPresent() ? readAsInteger(method, params, violation)
                    : OptionalLong.empty();
            if (violation.error().isPresent() && cast.isEmpty()) {
                // the refusal a misspelt name caused (PHONE_NUMBR: no PHONE_NUMBER) comes with the name's warning,
                // "did you mean" and all; it was answered without one (audit 50d)
                if (mode != Validation.STRICT) {
                    unknown.forEach(warnings);
                }
                throw documented(violation.error().get(), params.at(violation.location()));
            }
            if (!reported.add(violation.property())) {
                continue; // one deviation per parameter, however many branches of its schema it misses
            }
            String description = describe(method, violation, params)
                    + (cast.isPresent() ? " (the real server reads it as " + cast.getAsLong() + ")"
                    : readAsBool(method, params, violation));
            if (mode == Validation.STRICT) {
                throw RestError.of("ERROR_ARGUMENT", description + ACCEPTED);
            }
            warnings.accept(description);
        }
        for (String deviation : unknown) {
            if (mode == Validation.STRICT) {
                throw RestError.of("ERROR_ARGUMENT", deviation + ACCEPTED);
            }
            warnings.accept(deviation);
        }
    }

    /**
     * Takes out the parameters a method whose server reads names only as documented would not find (vi_rest.php's
     * {@code $params['USER_ID']}: {@code user_id} is not read, and register answers "USER_ID or USER_PHONE_INNER
     * should be set"), each reported; they were read here in any case, and a client sending them passed (audit 61a).
     */
    private void unreadCases(String method, ObjectNode tree, java.util.function.Consumer<String> warnings) {
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (contracts.documentsParamAsWritten(method, name) || GENERAL_PARAMS.contains(name)
                    || !contracts.documentsParam(method, name)) {
                continue; // as documented, or unknown in any case (reported as unknown)
            }
            String upper = name.toUpperCase(Locale.ROOT);
            names.remove();
            warnings.accept("Parameter " + name + " was not read: the real server reads " + method + "'s parameters"
                    + " only as documented" + (contracts.documentsParamAsWritten(method, upper) ? " (" + upper + ")" : "")
                    + ", and ignores it");
        }
    }

    /** What the call names that the method does not read: each an unknown parameter's warning. */
    private List<String> unknownParams(String method, JsonNode params) {
        List<String> unknown = List.of(); // most calls name none: nothing is made for them
        for (Iterator<String> names = params.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String deviation = null;
            if (!contracts.documentsParam(method, name) && !GENERAL_PARAMS.contains(name)) {
                deviation = "Unknown parameter " + name + nearest(name, contracts.documentedParams(method))
                        + ": " + method + " does not document it and the real server ignores it";
            } else if (name.equalsIgnoreCase(START) && !name.equals(START)) {
                deviation = "Parameter " + name + " is not start: the real server reads a list's start only in lower"
                        + " case (CRestServer::processCall) and answers the first page";
            }
            if (deviation != null) {
                if (unknown.isEmpty()) {
                    unknown = new java.util.ArrayList<>(1);
                }
                unknown.add(deviation);
            }
        }
        return unknown;
    }

    /** A parameter as sent, with its schema: what a violation of its whole value is about. */
    private record Sent(String name, JsonNode value, JsonNode schema) {
    }

    /** The parameter whose whole value broke the schema; empty for a violation inside a value or of the whole call. */
    private Optional<Sent> sent(String method, JsonNode params, Contracts.Violation violation) {
        String name = violation.property();
        JsonNode value = name.isEmpty() || !violation.location().equals("/" + name) ? null : params.get(name);
        return value == null ? Optional.empty()
                : contracts.paramSchema(method, name).map(schema -> new Sent(name, value, schema));
    }

    /**
     * The integer the real server reads a parameter as, where it reads it with PHP's (int) and that integer passes
     * the check the violation broke: {@code USER_ID} "2abc" or [2], a CRM {@code id} "1abc". Those the server takes
     * (as the user 2, 1, the lead 1), so they are deviations to report, not the documented refusal, which stays for
     * what the cast makes wrong ("abc" is 0). Empty for any other violation.
     */
    private OptionalLong readAsInteger(String method, JsonNode params, Contracts.Violation violation) {
        Optional<Sent> sent = sent(method, params, violation).filter(s -> !s.value().isIntegralNumber()
                && INTEGERS.contains(s.schema().path("x-b24-type").asText()));
        if (sent.isEmpty()) {
            return OptionalLong.empty();
        }
        String name = sent.get().name();
        long cast = Params.phpInt(sent.get().value());
        ObjectNode read = ((ObjectNode) params).deepCopy();
        read.put(name, cast);
        // the parameter's own check, and the checks of the whole (USER_ID or USER_PHONE_INNER) that it may break
        boolean refused = contracts.validateParams(method, read).stream()
                .anyMatch(v -> v.error().isPresent() && (v.property().equals(name) || v.property().isEmpty()));
        return refused ? OptionalLong.empty() : OptionalLong.of(cast);
    }

    /**
     * What the real server reads a switch as, where a schema's {@code x-b24-read} says how: with PHP's (bool) ("bool":
     * " (the real server reads it as 1)" for a SHOW of "N" or CRM_CREATE of "false", which a client sends meaning no),
     * or as yes for exactly "Y" alone ("Y-only": CRM_AUTO_CREATE of true is N).
     */
    private String readAsBool(String method, JsonNode params, Contracts.Violation violation) {
        return sent(method, params, violation).map(s -> switch (s.schema().path("x-b24-read").asText()) {
            case "bool" -> " (the real server reads it as " + (Params.phpTruthy(s.value()) ? 1 : 0) + ")";
            // a Y/N switch the server compares with === 'Y': true or 1, meant as yes, is N there (audit 60e)
            case "Y-only" -> " (the real server reads it as " + ("Y".equals(s.value().asText()) ? "Y" : "N") + ")";
            default -> "";
        }).orElse("");
    }

    /**
     * The parameters as the method reads them: a top-level JSON list where the schema takes a PHP array (an object
     * among its types) is the array PHP decodes it to, keyed 0, 1, …, so {@code "fields": []} is checked as
     * {@code "fields": {}} is and answered alike (D149). A copy only when there is such a list.
     */
    private JsonNode phpView(String method, JsonNode params) {
        ObjectNode view = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> param = it.next();
            if (param.getValue().isArray() && objectParams(method).contains(param.getKey().toLowerCase(Locale.ROOT))) {
                view = view != null ? view : ((ObjectNode) params).deepCopy();
                view.set(param.getKey(), Params.phpArray(param.getValue()).orElseThrow());
            }
        }
        return view != null ? view : params;
    }

    /**
     * The documented parameters of a method whose schema takes an object, lower-cased (the server reads names in any
     * case): worked out once per method, not on each request that sends a list.
     */
    private Set<String> objectParams(String method) {
        return objectParams.computeIfAbsent(method, m -> contracts.documentedParams(m).stream()
                .filter(name -> contracts.paramSchema(m, name).map(Validate::takesObject).orElse(false))
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    private static boolean takesObject(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.asText().equals("object")) {
            return true;
        }
        for (JsonNode one : type) { // a list of types
            if (one.asText().equals("object")) {
                return true;
            }
        }
        for (String combined : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode part : schema.path(combined)) {
                if (takesObject(part)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The documented answer to a violation, with {FIELD} and {SELECT} (REST 3.0 messages: "Field `{FIELD}` not
     * found") filled with the offending value, and REST 3.0's validation entry when the schema names one.
     */
    private static RestError documented(Contracts.DocumentedError error, JsonNode offending) {
        String value = offending.isMissingNode() ? "" : Params.scalarText(offending).orElse(offending.toString());
        String message = filled(error.message(), value);
        if (error.validation() == null) {
            return new RestError(error.status(), error.code(), message, error.argument());
        }
        return new RestError(error.status(), error.code(), message, List.of(new RestError.Invalid(
                error.validation().field(), filled(error.validation().message(), value))));
    }

    private static String filled(String template, String value) {
        return template.replace("{FIELD}", value).replace("{SELECT}", value);
    }

    /**
     * "Parameter SHOW is invalid: integer 0 or 1 expected, "yes" given": the documented type (the schema's
     * {@code x-b24-type}, or its enum or JSON type), not the validator's wording of the schema's internals.
     */
    private String describe(String method, Contracts.Violation violation, JsonNode params) {
        if (violation.property().isEmpty()) {
            return "Parameters are invalid: " + violation.message();
        }
        String subject = "Parameter " + violation.property();
        boolean topLevel = violation.location().equals("/" + violation.property());
        JsonNode given = topLevel ? Params.sent(params, violation.property()) : params.at(violation.location());
        if ("required".equals(violation.keyword()) && violation.location().isEmpty()) {
            return subject + " is required"; // a missing field inside an object says which, below
        }
        String expected = topLevel ? contracts.paramSchema(method, violation.property()).map(Validate::typeOf).orElse(null)
                : null;
        if (expected == null) {
            if (!topLevel && violation.expected() != null && WRONG_VALUE.contains(violation.keyword())) {
                // a value inside the parameter whose schema says its type in words: "ASC or DESC expected"
                return subject + " is invalid at " + violation.location() + ": " + violation.expected() + " expected, "
                        + given + " given";
            }
            return subject + " is invalid at " + violation.location() + ": " + violation.message();
        }
        java.util.regex.Matcher named = PROPERTY.matcher(violation.message());
        if (NAMES.contains(violation.keyword()) && named.find()) { // a filter field no page names: say which
            return subject + " has no field " + named.group(1) + ": " + method + " does not document it";
        }
        if (!given.isMissingNode() && !WRONG_VALUE.contains(violation.keyword())) {
            return subject + " is invalid: " + violation.message(); // a value of the right kind broke a rule inside it
        }
        return subject + " is invalid: " + expected + " expected, " + (given.isMissingNode() ? "nothing" : given.toString())
                + " given";
    }

    /** the schema keywords an object's unknown key breaks, and how the validator names the key */
    private static final Set<String> NAMES = Set.of("propertyNames", "additionalProperties");
    private static final java.util.regex.Pattern PROPERTY = java.util.regex.Pattern.compile("property '([^']*)'");
    /** the schema keywords a value of the wrong kind or value breaks: "X expected, Y given" describes them */
    private static final Set<String> WRONG_VALUE = Set.of("type", "enum", "const", "oneOf", "anyOf", "pattern",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "format", "not",
            "x-b24-type", "$ref");

    private static String typeOf(JsonNode schema) {
        if (schema.hasNonNull("x-b24-type")) {
            return schema.get("x-b24-type").asText();
        }
        if (schema.has("enum")) {
            return "one of " + joined(schema.get("enum"));
        }
        if (schema.has("const")) {
            return schema.get("const").toString();
        }
        JsonNode type = schema.get("type");
        if (type != null) {
            return type.isArray() ? joined(type) : type.asText();
        }
        return null;
    }

    private static String joined(JsonNode values) {
        List<String> texts = new java.util.ArrayList<>();
        values.forEach(v -> texts.add(v.isTextual() ? v.asText() : v.toString()));
        return String.join(", ", texts);
    }

    /** " (did you mean NAME?)" for a name one or two edits from a documented one. */
    private static String nearest(String name, Set<String> documented) {
        String best = Spelling.nearest(name, documented, 2);
        return best == null ? "" : " (did you mean " + best + "?)";
    }
}
