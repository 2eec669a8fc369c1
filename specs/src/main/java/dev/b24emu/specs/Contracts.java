package dev.b24emu.specs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Bitrix24 telephony contracts as a library: the catalogue ({@code b24-specs/index.json}) and its
 * JSON Schemas (draft 2020-12), compiled once and validated against by the emulator and the test suites.
 * <p>
 * Parameter schemas list properties in the real server's validation order and may carry
 * {@code x-b24-error} {code, message, rank}: the error the real server answers when that part is wrong.
 */
public final class Contracts {
    public static final String ID_BASE = "https://b24emu.dev/specs/";
    public static final String RESOURCE_ROOT = "b24-specs/";
    private static final String ERROR_KEYWORD = "x-b24-error";
    /** The documented type of a value, as messages name it ("integer 0 or 1"), where the schema's own shape does not say it. */
    private static final String TYPE_KEYWORD = "x-b24-type";
    /** how the server reads a value where it differs from its documented type (wire.json's switch01: PHP's bool) */
    private static final String READ_KEYWORD = "x-b24-read";
    private static volatile Contracts shared;

    private final ObjectMapper json = new ObjectMapper();
    /** made on the first compilation: a server answers its first, parameterless calls before the validator loads */
    private volatile SchemaRegistry registry;
    private final JsonNode index;
    /** maps the lower-cased method name to its contract */
    private final Map<String, MethodContract> methods = new LinkedHashMap<>();
    /** maps a schema path (relative to b24-specs/) to the compiled schema */
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    /** maps a schema path to its raw document, for x-b24-error look-ups */
    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    /** maps a schema path to its top-level property names in declared order (read on every validation) */
    private final Map<String, List<String>> propertyOrders = new ConcurrentHashMap<>();
    /** maps a schema path to its top-level property names as documented and lower-cased (every request's unknown-name check) */
    private final Map<String, ParamNames> paramNames = new ConcurrentHashMap<>();
    /** maps a schema path to whether an empty parameter object satisfies it, read from its document alone */
    private final Map<String, Boolean> emptyAccepted = new ConcurrentHashMap<>();
    /** maps a schema path to its required top-level property names */
    private final Map<String, Set<String>> requiredSets = new ConcurrentHashMap<>();
    /**
     * maps a method name as requests spell it to its contract: looked up several times a request, and lower-casing
     * the name each time was a copy per look-up for the camel-cased names SDKs send. Names of known methods only,
     * at most {@link #MAX_NAMES_KEPT} spellings (a client cycling through a name's cases must not grow it).
     */
    private final Map<String, MethodContract> methodsAsNamed = new ConcurrentHashMap<>();
    private static final int MAX_NAMES_KEPT = 4096;
    /** maps a schema path to its declared top-level names, each to the first declared name equal to it in any case */
    private final Map<String, Map<String, String>> declaredSpellings = new ConcurrentHashMap<>();
    /** maps a schema path to its quick check, or to empty when networknt alone judges it */
    private final Map<String, Optional<QuickCheck>> quickChecks = new ConcurrentHashMap<>();

    /**
     * A documented error: the HTTP status, code and message the real server answers.
     *
     * @param argument   for ERROR_ARGUMENT answers that name it, the "argument" the envelope carries (null for none)
     * @param validation the field REST 3.0 names in {@code error.validation}, or null (REST 2 errors have none)
     */
    public record DocumentedError(int status, String code, String message, String argument, FieldError validation) {
        public DocumentedError(int status, String code, String message) {
            this(status, code, message, null, null);
        }
    }

    /** One entry of a REST 3.0 error's {@code validation} list: the field and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    /**
     * One served method: scope, docs page, and the schema paths of its parameters and result.
     *
     * @param scope       the scope the method belongs to ("" for none)
     * @param alsoScopes  other scopes that grant it too (user_basic and user_brief grant user.get with fewer fields)
     * @param appContextOnly   whether the docs reserve it for applications while the real server admits webhooks
     *                         too (D2: refused to webhooks only where a portal's settings say so)
     * @param applicationsOnly whether the real server refuses it to webhooks whatever the settings, with the
     *                         method's documented WRONG_AUTH_TYPE error, before reading any parameter
     * @param restVersion 2 for the classic REST methods, 3 for REST 3.0 ones (served under /rest/api/, JSON bodies,
     *                    the REST 3.0 envelopes of {@code envelopeV3})
     * @param exactCase   whether the real server reads its parameters only as documented ({@code "paramsCase":
     *                    "exact"}: vi_rest.php's handlers read {@code $params['USER_ID']}, where others upper-case
     *                    the keys or resolve either spelling, D29)
     */
    public record MethodContract(String method, String scope, List<String> alsoScopes, String summary, String docs,
                                 String params, String result, boolean list, boolean appContextOnly,
                                 boolean applicationsOnly, List<DocumentedError> errors, int restVersion,
                                 boolean exactCase) {
        public boolean v3() {
            return restVersion == 3;
        }

        /** What a webhook gets: the documented WRONG_AUTH_TYPE error of a method for applications only. */
        public Optional<DocumentedError> webhookRefusal() {
            return applicationsOnly ? errors.stream().filter(e -> e.code().equals("WRONG_AUTH_TYPE")).findFirst()
                    : Optional.empty();
        }
    }

    /**
     * One schema violation.
     *
     * @param property the top-level property it concerns, or "" for the whole instance
     * @param error    the real server's answer for it, when the schema states one
     * @param rank     the position in the server's validation order (lower is checked first)
     * @param expected what the schema holding the broken keyword documents as its type in words ({@code x-b24-type}),
     *                 or null: for a value inside a parameter, what to say in place of the validator's own text
     */
    public record Violation(String property, String location, String keyword, String message,
                            Optional<DocumentedError> error, int rank, String expected) {
        public Violation(String property, String location, String keyword, String message,
                         Optional<DocumentedError> error, int rank) {
            this(property, location, keyword, message, error, rank, null);
        }

        @Override
        public String toString() {
            return (location.isEmpty() ? "$" : location) + ": " + message + " [" + keyword + "]";
        }
    }

    private Contracts() {
        this.index = document("index.json");
        for (JsonNode method : index.get("methods")) {
            List<DocumentedError> errors = new ArrayList<>();
            method.path("errors").forEach(e -> errors.add(new DocumentedError(e.get("status").asInt(),
                    e.get("code").asText(), e.get("message").asText())));
            List<String> alsoScopes = new ArrayList<>();
            method.path("alsoScopes").forEach(scope -> alsoScopes.add(scope.asText()));
            MethodContract contract = new MethodContract(method.get("method").asText(), method.get("scope").asText(),
                    List.copyOf(alsoScopes), method.get("summary").asText(), method.get("docs").asText(),
                    method.get("params").asText(), method.get("result").asText(), method.path("list").asBoolean(),
                    method.path("appContextOnly").asBoolean(), method.path("applicationsOnly").asBoolean(),
                    List.copyOf(errors), method.path("restVersion").asInt(2),
                    "exact".equals(method.path("paramsCase").asText()));
            if (contract.applicationsOnly() && contract.webhookRefusal().isEmpty()) {
                throw new IllegalStateException(contract.method() + " is for applications only but documents no"
                        + " WRONG_AUTH_TYPE error to refuse webhooks with");
            }
            methods.put(contract.method().toLowerCase(Locale.ROOT), contract);
        }
    }

    /** The contracts on the classpath, loaded once per JVM. */
    public static Contracts shared() {
        Contracts local = shared;
        if (local == null) {
            synchronized (Contracts.class) {
                local = shared;
                if (local == null) {
                    local = new Contracts();
                    shared = local;
                }
            }
        }
        return local;
    }

    public JsonNode index() {
        return index;
    }

    public Collection<MethodContract> methods() {
        return methods.values();
    }

    public Optional<MethodContract> method(String name) {
        MethodContract known = methodsAsNamed.get(name);
        if (known == null) {
            known = methods.get(name.toLowerCase(Locale.ROOT));
            if (known != null && methodsAsNamed.size() < MAX_NAMES_KEPT) {
                methodsAsNamed.put(name, known);
            }
        }
        return Optional.ofNullable(known);
    }

    /** Compiles every schema the catalogue names, so a broken reference fails at start rather than on a request. */
    public Contracts compileAll() {
        for (String path : allSchemaPaths()) {
            schema(path);
        }
        return this;
    }

    /**
     * Loads the validator: compiles one method's parameter schema and checks an empty call against it, so its
     * keywords, error messages and Jackson 3 are loaded. What the first schema costs (hundreds of milliseconds
     * cold) is the loading; each further schema then compiles in a few milliseconds on its method's first call.
     */
    public void loadValidator(String method) {
        validateWithNetworknt(require(method).params(), json.createObjectNode()); // not the quick check: it loads nothing
    }

    /** Every schema path the catalogue names. */
    public Set<String> allSchemaPaths() {
        Set<String> paths = new LinkedHashSet<>();
        index.get("envelope").forEach(p -> paths.add(p.asText()));
        index.get("envelopeV3").forEach(p -> paths.add(p.asText()));
        methods.values().forEach(m -> {
            paths.add(m.params());
            paths.add(m.result());
        });
        index.get("events").forEach(e -> paths.add(e.get("schema").asText()));
        index.get("placements").forEach(p -> {
            paths.add(p.get("post").asText());
            paths.add(p.get("options").asText());
        });
        index.get("callCard").forEach(c -> paths.add(c.get("schema").asText()));
        return paths;
    }

    /** Validates an instance against the schema at a catalogue path (e.g. "events/OnVoximplantCallEnd.json"). */
    public List<Violation> validate(String schemaPath, JsonNode instance) {
        if (instance != null && schemaPath.indexOf('#') < 0) { // a schema inside a document is networknt's alone
            Optional<QuickCheck> quick = quickCheck(schemaPath);
            if (quick.isPresent() && quick.get().accepts(instance)) {
                return List.of();
            }
        }
        return validateWithNetworknt(schemaPath, instance);
    }

    private Optional<QuickCheck> quickCheck(String schemaPath) {
        return quickChecks.computeIfAbsent(schemaPath, p -> QuickCheck.compile(p, this::document));
    }

    /** Whether a schema has a quick check (for tests: which schemas networknt alone judges). */
    boolean hasQuickCheck(String schemaPath) {
        return quickCheck(schemaPath).isPresent();
    }

    /** What networknt alone says of an instance (the quick check only ever short-cuts to its empty answer). */
    List<Violation> validateWithNetworknt(String schemaPath, JsonNode instance) {
        tools.jackson.databind.JsonNode copy = JacksonBridge.copy(instance);
        List<Error> errors;
        try {
            errors = copy != null ? schema(schemaPath).validate(copy)
                    : schema(schemaPath).validate(text(instance), InputFormat.JSON);
        } catch (RuntimeException unreadable) {
            // the validator cannot compare some values (1e308 against an integer's minimum): that is a finding, not a crash
            return List.of(new Violation("", "", "value", "a value cannot be checked against the contract: "
                    + unreadable.getMessage(), Optional.empty(), 0));
        }
        List<Violation> violations = new ArrayList<>();
        if (schemaPath.contains("#")) {
            // a schema inside a larger document (the control OpenAPI's responses): no parameter order, no x-b24-error
            for (Error error : errors) {
                String location = error.getInstanceLocation() == null ? "" : pointer(error.getInstanceLocation());
                violations.add(new Violation("", location, error.getKeyword(), error.getMessage(), Optional.empty(), 0));
            }
            return violations;
        }
        List<String> order = propertyOrder(schemaPath);
        for (Error error : errors) {
            violations.add(violation(schemaPath, order, error));
        }
        violations.sort(Comparator.comparingInt(Violation::rank));
        return violations;
    }

    /**
     * Validates a method's parameters, top-level names matched without regard to case as the server does;
     * violations come in the server's validation order.
     */
    public List<Violation> validateParams(String method, JsonNode params) {
        MethodContract contract = require(method);
        // REST 3.0 reads a JSON body into a typed object: names are exact and a null is a value
        JsonNode checked = contract.v3() ? params : canonicalKeys(contract.params(), params);
        if (checked != null && checked.isObject() && checked.isEmpty() && acceptsEmpty(contract.params())) {
            return List.of(); // what SDKs call first (profile, user.current, app.info) has nothing to check
        }
        return validate(contract.params(), checked);
    }

    /** Root keywords that an empty object satisfies whatever their value (all but type, required and $ref, below). */
    private static final Set<String> EMPTY_OBJECT_KEYWORDS = Set.of("$schema", "$id", "$comment", "$defs", "definitions",
            "title", "description", "examples", "default", "properties", "additionalProperties", "patternProperties",
            "propertyNames", "unevaluatedProperties", "maxProperties", "dependentRequired", "dependentSchemas");

    /**
     * Whether {} satisfies a schema, decided from its document without compiling it: only when every root keyword is
     * one an empty object satisfies, any type is "object", nothing is required and a root $ref names such a schema too.
     * Anything else (allOf, minProperties, if, ...) answers false and is left to the validator.
     */
    private boolean acceptsEmpty(String path) {
        Boolean known = emptyAccepted.get(path);
        if (known == null) { // not computeIfAbsent: a root $ref recurses into this map
            known = readAcceptsEmpty(path);
            emptyAccepted.put(path, known);
        }
        return known;
    }

    private boolean readAcceptsEmpty(String p) {
        JsonNode root = document(p);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> keyword = it.next();
            String name = keyword.getKey();
            JsonNode value = keyword.getValue();
            boolean accepted = EMPTY_OBJECT_KEYWORDS.contains(name) || name.startsWith("x-")
                    || (name.equals("required") && value.isArray() && value.isEmpty())
                    || (name.equals("type") && (value.asText().equals("object")
                        || (value.isArray() && value.toString().contains("\"object\""))))
                    || (name.equals("$ref") && !value.asText().startsWith("#")
                        && acceptsEmpty(resolve(p, value.asText().split("#")[0])));
            if (!accepted) {
                return false;
            }
        }
        return true;
    }

    public List<Violation> validateResult(String method, JsonNode result) {
        return validate(require(method).result(), result);
    }

    /**
     * Validates a whole response: the success envelope and the method's result, or the error envelope, each of the
     * method's REST version.
     */
    public List<Violation> validateResponse(String method, int status, JsonNode body) {
        MethodContract contract = require(method);
        if (status == 200) {
            List<Violation> violations = new ArrayList<>(validate(envelope(contract.restVersion(), "success"), body));
            if (body.has("result")) {
                validateResult(method, body.get("result")).forEach(v -> violations.add(new Violation(v.property(),
                        "/result" + v.location(), v.keyword(), v.message(), v.error(), v.rank())));
            }
            return violations;
        }
        return validateError(contract.restVersion(), body);
    }

    /**
     * Validates an error answer in the envelope of a REST version (2: {error, error_description}; 3: {error: {code,
     * message, [validation]}}), for answers that belong to no method: an unknown method, or a REST 3.0 method asked
     * for on the REST 2 path.
     */
    public List<Violation> validateError(int restVersion, JsonNode body) {
        return validate(envelope(restVersion, "error"), body);
    }

    private String envelope(int restVersion, String kind) {
        return index.get(restVersion == 3 ? "envelopeV3" : "envelope").get(kind).asText();
    }

    /** A system error any method may answer (_includes/system-errors.md): its HTTP status, code and message. */
    public record SystemError(int status, String code, String message) {
    }

    /** The documented system error of a code (exact case, as the page writes it), or empty. */
    public Optional<SystemError> systemError(String code) {
        for (JsonNode error : document(envelope(2, "systemErrors")).path("oneOf")) {
            JsonNode properties = error.path("properties");
            if (properties.path("error").path("const").asText().equals(code)) {
                return Optional.of(new SystemError(error.path("x-b24-status").asInt(), code,
                        properties.path("error_description").path("const").asText()));
            }
        }
        return Optional.empty();
    }

    public List<Violation> validateEvent(String event, JsonNode payload) {
        return validate(eventEntry(event).orElseThrow(() -> new IllegalArgumentException("No contract for event " + event))
                .get("schema").asText(), payload);
    }

    /** The documented name of an event with a contract (any case in, e.g. "OnVoximplantCallEnd" out), or empty. */
    public Optional<String> eventName(String event) {
        return eventEntry(event).map(e -> e.get("event").asText());
    }

    /** The events with a contract, by their documented names. */
    public List<String> eventNames() {
        List<String> names = new ArrayList<>();
        index.get("events").forEach(e -> names.add(e.get("event").asText()));
        return names;
    }

    /** The data of the event's example on its docs page (the first "examples" entry of its data schema), or empty. */
    public Optional<JsonNode> eventExample(String event) {
        return eventEntry(event).map(e -> document(e.get("schema").asText()).path("properties").path("data")
                .path("examples").path(0)).filter(JsonNode::isObject);
    }

    private Optional<JsonNode> eventEntry(String event) {
        for (JsonNode e : index.get("events")) {
            if (e.get("event").asText().equalsIgnoreCase(event)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The top-level parameter names a method documents (for strict mode). */
    public Set<String> documentedParams(String method) {
        return new LinkedHashSet<>(propertyOrder(require(method).params()));
    }

    /** Whether a method documents a parameter with exactly this name (the case as documented). */
    public boolean documentsParamAsWritten(String method, String name) {
        return paramNames(method).asDocumented().contains(name);
    }

    /** Whether a method documents a parameter, its name matched without regard to case as the server reads it. */
    public boolean documentsParam(String method, String name) {
        ParamNames names = paramNames(method);
        // as documented, the common case, before a lower-cased copy of the name
        return names.asDocumented().contains(name) || names.lowerCase().contains(name.toLowerCase(Locale.ROOT))
                || names.patterns().stream().anyMatch(pattern -> pattern.matcher(name).find());
    }

    private ParamNames paramNames(String method) {
        return paramNames.computeIfAbsent(require(method).params(),
                path -> ParamNames.of(propertyOrder(path), declaringDocument(path).path("patternProperties")));
    }

    /**
     * A parameter schema's property names, as documented and lower-cased, and its patternProperties: names a method
     * reads by their shape (user.get's filter fields at the top level, with an operator prefix)
     */
    private record ParamNames(Set<String> asDocumented, Set<String> lowerCase, List<java.util.regex.Pattern> patterns) {
        static ParamNames of(List<String> names, JsonNode patternProperties) {
            List<java.util.regex.Pattern> patterns = new ArrayList<>();
            // in any case, as names are: user.get reads its keys upper-cased (array_change_key_case), so id is ID
            patternProperties.fieldNames().forEachRemaining(p -> patterns.add(java.util.regex.Pattern.compile(p,
                    java.util.regex.Pattern.CASE_INSENSITIVE)));
            return new ParamNames(Set.copyOf(names), names.stream().map(name -> name.toLowerCase(Locale.ROOT))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()), List.copyOf(patterns));
        }
    }

    /** Where the control API's OpenAPI document lives (b24-specs/control/openapi.json). */
    public static final String CONTROL_OPENAPI = "control/openapi.json";

    /** The control API's OpenAPI 3.1 document (the /_emulator/ endpoints and their answers). */
    public JsonNode controlOpenApi() {
        return document(CONTROL_OPENAPI);
    }

    /**
     * Holds a control API answer to its operation in the control OpenAPI document: the response schema of its
     * status (or the default, an error) must accept the body. An undocumented path or method is itself a violation.
     */
    public List<Violation> validateControl(String httpMethod, String path, int status, JsonNode body) {
        JsonNode paths = controlOpenApi().get("paths");
        String template = null;
        for (var it = paths.fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            if (path.matches(candidate.replaceAll("\\{[^}]+}", "[^/]+")) && paths.get(candidate).has(httpMethod.toLowerCase(Locale.ROOT))
                    && (template == null || candidate.chars().filter(c -> c == '{').count()
                    < template.chars().filter(c -> c == '{').count())) {
                template = candidate;
            }
        }
        if (template == null) {
            // an unknown control path is answered 404 in the error envelope, like every other failure
            return status == 404 ? validate(CONTROL_OPENAPI + "#/components/schemas/Error", body)
                    : List.of(new Violation("", path, "path", httpMethod + " " + path + " is not in " + CONTROL_OPENAPI,
                    Optional.empty(), 0));
        }
        JsonNode responses = paths.get(template).get(httpMethod.toLowerCase(Locale.ROOT)).get("responses");
        String code = responses.has(Integer.toString(status)) ? Integer.toString(status) : "default";
        if (!responses.has(code)) {
            return List.of(new Violation("", path, "status", httpMethod + " " + template + " documents no status " + status,
                    Optional.empty(), 0));
        }
        String pointer = "/paths/" + escape(template) + "/" + httpMethod.toLowerCase(Locale.ROOT) + "/responses/" + code
                + "/content/application~1json/schema";
        return validate(CONTROL_OPENAPI + "#" + pointer, body);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The OpenAPI 3.1 document assembled from the catalogue, with the given server base URL. */
    public ObjectNode openApi(String baseUrl) {
        return new OpenApiAssembler(this, json).assemble(baseUrl);
    }

    /**
     * The schema of one top-level parameter of a method (its name matched without regard to case), with a
     * {@code $ref} to another contract file replaced by what it points at, for showing a client the expected shape.
     */
    public Optional<JsonNode> paramSchema(String method, String property) {
        String path = require(method).params();
        JsonNode properties = document(path).path("properties");
        for (var it = properties.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.equalsIgnoreCase(property)) {
                JsonNode schema = properties.get(name);
                return Optional.of(schema.has("$ref") ? inlineRef(path, schema) : schema);
            }
        }
        return Optional.empty();
    }

    private JsonNode inlineRef(String fromPath, JsonNode schema) {
        String ref = schema.get("$ref").asText();
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        String target = file.isEmpty() ? fromPath
                : java.nio.file.Path.of(fromPath).resolveSibling(file).normalize().toString().replace('\\', '/');
        JsonNode resolved = document(target).at(hash < 0 ? "" : ref.substring(hash + 1));
        if (resolved.isMissingNode()) {
            return schema;
        }
        ObjectNode merged = ((ObjectNode) resolved).deepCopy();
        schema.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("$ref")) {
                merged.set(f.getKey(), f.getValue());
            }
        });
        return merged;
    }

    JsonNode document(String path) {
        return documents.computeIfAbsent(path, p -> {
            try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + p)) {
                if (in == null) {
                    throw new IllegalArgumentException("No contract file " + RESOURCE_ROOT + p);
                }
                return json.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable contract file " + p, e);
            }
        });
    }

    private SchemaRegistry registry() {
        SchemaRegistry local = registry;
        if (local == null) {
            synchronized (this) {
                local = registry;
                if (local == null) {
                    // x-b24-error is ours: declared as a non-validating keyword so the validator knows it (and stays quiet).
                    Dialect dialect = Dialect.builder(Dialects.getDraft202012()).keyword(new NonValidationKeyword(ERROR_KEYWORD))
                            .keyword(new NonValidationKeyword(TYPE_KEYWORD))
                            .keyword(new NonValidationKeyword(READ_KEYWORD)).build();
                    local = SchemaRegistry.withDefaultDialect(dialect, builder -> builder.schemaIdResolvers(
                            ids -> ids.mapPrefix(ID_BASE, "classpath:" + RESOURCE_ROOT)));
                    registry = local;
                }
            }
        }
        return local;
    }

    private Schema schema(String path) {
        return compiled.computeIfAbsent(path, p -> {
            Schema schema = registry().getSchema(SchemaLocation.of(ID_BASE + p));
            schema.initializeValidators();
            return schema;
        });
    }

    private MethodContract require(String method) {
        return method(method).orElseThrow(() -> new IllegalArgumentException("No contract for method " + method));
    }

    /** The declared top-level properties of a schema, in order, following a root $ref. */
    private List<String> propertyOrder(String path) {
        return propertyOrders.computeIfAbsent(path, p -> {
            List<String> names = new ArrayList<>();
            declaringDocument(p).path("properties").fieldNames().forEachRemaining(names::add);
            return List.copyOf(names);
        });
    }

    /** The top-level properties a schema requires. */
    private Set<String> requiredProperties(String path) {
        return requiredSets.computeIfAbsent(path, p -> {
            Set<String> names = new LinkedHashSet<>();
            declaringDocument(p).path("required").forEach(n -> names.add(n.asText()));
            return Set.copyOf(names);
        });
    }

    /** The document that declares a schema's top-level properties: the schema itself or what its root $ref names. */
    private JsonNode declaringDocument(String path) {
        JsonNode root = document(path);
        if (!root.has("properties") && root.has("$ref")) {
            return declaringDocument(resolve(path, root.get("$ref").asText().split("#")[0]));
        }
        return root;
    }

    static String resolve(String from, String relative) {
        return java.net.URI.create(ID_BASE + from).resolve(relative).toString().substring(ID_BASE.length());
    }

    /**
     * The parameters as the server's code sees them: names in their documented case, and unset values left out. PHP
     * reads a JSON null as unset (isset() is false) and an empty optional value as unset (empty() is true), and the
     * SDKs send every optional parameter, null when unset; so neither is a violation of an optional parameter's type.
     */
    private JsonNode canonicalKeys(String schemaPath, JsonNode params) {
        if (params == null || !params.isObject()) {
            return params;
        }
        List<String> declared = propertyOrder(schemaPath);
        Set<String> required = requiredProperties(schemaPath);
        Map<String, String> spellings = declaredSpellings.computeIfAbsent(schemaPath, p -> {
            Map<String, String> first = new java.util.HashMap<>();
            declared.forEach(name -> first.put(name, declaredName(declared, name)));
            return Map.copyOf(first);
        });
        if (canonicalAlready(params, declared, spellings, required)) {
            return params; // the common case: documented names as documented, nothing unset; no copy
        }
        ObjectNode copy = json.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = declaredName(declared, field.getKey());
            JsonNode value = field.getValue();
            if (unset(value) && !required.contains(name)) {
                continue;
            }
            if (!copy.has(name) || name.equals(field.getKey())) {
                copy.set(name, field.getValue());
            }
        }
        return copy;
    }

    /** Whether every name is its own declared spelling (or named by nothing in any case) and no optional value is unset. */
    private static boolean canonicalAlready(JsonNode params, List<String> declared, Map<String, String> spellings,
                                            Set<String> required) {
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            String spelled = spellings.get(name);
            if (spelled == null) {
                spelled = declaredName(declared, name); // not declared as given: another case of one, or unknown
            }
            if (!name.equals(spelled) || unset(field.getValue()) && !required.contains(name)) {
                return false;
            }
        }
        return true;
    }

    private static boolean unset(JsonNode value) {
        return value.isNull() || (value.isTextual() && value.textValue().isEmpty());
    }

    /** The declared spelling of a name given in any case, or the name itself (a loop: this runs for every parameter). */
    private static String declaredName(List<String> declared, String given) {
        for (String name : declared) {
            if (name.equalsIgnoreCase(given)) {
                return name;
            }
        }
        return given;
    }

    private Violation violation(String schemaPath, List<String> order, Error error) {
        NodePath instance = error.getInstanceLocation();
        String property = instance != null && instance.getNameCount() > 0 ? String.valueOf(instance.getElement(0)) : "";
        if (property.isEmpty() && "required".equals(error.getKeyword()) && error.getProperty() != null) {
            property = error.getProperty();
        }
        List<JsonNode> chain = evaluationChain(schemaPath, error.getEvaluationPath());
        JsonNode documented = documentedError(chain);
        if (documented == null && !property.isEmpty()) {
            documented = declaringDocument(schemaPath).path("properties").path(property).get(ERROR_KEYWORD);
        }
        int rank = order.indexOf(property) >= 0 ? order.indexOf(property) : order.size();
        Optional<DocumentedError> answer = Optional.empty();
        if (documented != null) {
            JsonNode field = documented.get("validation");
            answer = Optional.of(new DocumentedError(documented.path("status").asInt(400),
                    documented.get("code").asText(), documented.get("message").asText(),
                    documented.hasNonNull("argument") ? documented.get("argument").asText() : null,
                    field == null ? null : new FieldError(field.path("field").asText(), field.path("message").asText())));
            if (documented.has("rank")) {
                rank = documented.get("rank").asInt();
            }
        }
        String location = instance == null ? "" : pointer(instance);
        // the last node is the broken keyword's value, the one before it the schema that holds it
        JsonNode holder = chain.size() > 1 ? chain.get(chain.size() - 2) : null;
        String expected = holder != null && holder.hasNonNull(TYPE_KEYWORD) ? holder.get(TYPE_KEYWORD).asText() : null;
        return new Violation(property, location, error.getKeyword(), error.getMessage(), answer, rank, expected);
    }

    /** The nearest x-b24-error on the evaluation path below the root. */
    private static JsonNode documentedError(List<JsonNode> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            JsonNode candidate = chain.get(i).get(ERROR_KEYWORD);
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    /** The schema nodes along an evaluation path below the root, following $ref into other documents. */
    private List<JsonNode> evaluationChain(String schemaPath, NodePath evaluation) {
        List<JsonNode> chain = new ArrayList<>();
        String documentPath = schemaPath;
        JsonNode node = document(schemaPath);
        for (int i = 0; evaluation != null && i < evaluation.getNameCount() && !node.isMissingNode(); i++) {
            Object element = evaluation.getElement(i);
            if ("$ref".equals(String.valueOf(element))) {
                String[] ref = node.path("$ref").asText().split("#", 2);
                if (!ref[0].isEmpty()) {
                    documentPath = resolve(documentPath, ref[0]);
                }
                node = document(documentPath);
                if (ref.length > 1 && !ref[1].isEmpty()) {
                    node = node.at(ref[1]);
                }
            } else {
                node = element instanceof Integer index ? node.path(index) : node.path(String.valueOf(element));
            }
            chain.add(node);
        }
        return chain;
    }

    private static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(path.getElement(i));
        }
        return pointer.toString();
    }

    private String text(JsonNode instance) {
        try {
            return json.writeValueAsString(instance);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
    }
}
