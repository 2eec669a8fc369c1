package dev.b24emu.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.transport.Envelope;
import dev.b24emu.emulator.internal.transport.FormCodec;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The batch method (settings/how-to-call-rest-api/batch.md): up to 50 subqueries "method?query" (or {method, params})
 * run in order as the same caller, each checked like a direct call; {@code $result[key][FIELD]} in a subquery takes a
 * value from an earlier result; halt stops at the first error. Empty parts of the answer are [] as PHP writes them;
 * a batch without cmd answers only empty parts, as the real server. A command refused for its scope carries an empty
 * error_description, as the page's examples show.
 */
final class Batch implements RestMethod {
    public static final int MAX_COMMANDS = 50;
    private static final Pattern REFERENCE = Pattern.compile("\\$result((?:\\[[^\\]]*])+)");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MethodTable methods;
    private final Validate validator;
    private final Envelope envelope;

    Batch(MethodTable methods, Validate validator, Envelope envelope) {
        this.methods = methods;
        this.validator = validator;
        this.envelope = envelope;
    }

    @Override
    public Object call(RestCall call) {
        Caller caller = call.caller();
        Params params = call.params();
        // without cmd the real methodsBatch skips its loop and answers five empty parts
        JsonNode cmd = params.node("cmd").filter(JsonNode::isContainerNode).orElse(NODES.objectNode());
        boolean halt = params.phpTruthy("halt");
        Map<String, JsonNode> commands = new LinkedHashMap<>();
        if (cmd.isArray()) {
            for (int i = 0; i < cmd.size(); i++) {
                commands.put(Integer.toString(i), cmd.get(i));
            }
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = cmd.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                commands.put(entry.getKey(), entry.getValue());
            }
        }
        ObjectNode results = NODES.objectNode();
        ObjectNode errors = NODES.objectNode();
        ObjectNode totals = NODES.objectNode();
        ObjectNode nexts = NODES.objectNode();
        ObjectNode times = NODES.objectNode();
        int index = 0;
        for (Map.Entry<String, JsonNode> command : commands.entrySet()) {
            String key = command.getKey();
            Instant start = caller.portal().now();
            long started = System.nanoTime();
            try {
                if (++index > MAX_COMMANDS) {
                    throw RestError.of("ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded");
                }
                Object result = run(call, command.getValue(), results, start);
                ObjectNode answered = envelope.success(result, start, System.nanoTime() - started,
                        caller.portal().settings().timeZone());
                results.set(key, answered.get("result"));
                if (answered.has("total")) {
                    totals.set(key, answered.get("total"));
                }
                if (answered.has("next")) {
                    nexts.set(key, answered.get("next"));
                }
                times.set(key, answered.get("time"));
            } catch (RestError error) {
                errors.set(key, envelope.error(error.code(),
                        "insufficient_scope".equals(error.code()) ? "" : error.description()));
                if (halt) {
                    break;
                }
            }
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("result", orEmptyList(results));
        answer.set("result_error", orEmptyList(errors));
        answer.set("result_total", orEmptyList(totals));
        answer.set("result_next", orEmptyList(nexts));
        answer.set("result_time", orEmptyList(times));
        return answer;
    }

    private Object run(RestCall call, JsonNode command, ObjectNode earlier, Instant start) {
        Caller caller = call.caller();
        String methodName;
        ObjectNode tree;
        if (command.isObject()) {
            methodName = command.path("method").asText("");
            JsonNode given = command.path("params");
            tree = given.isObject() ? (ObjectNode) substitute(given.deepCopy(), earlier) : NODES.objectNode();
        } else {
            String text = referencesIn(command.asText(""), earlier);
            int question = text.indexOf('?');
            methodName = question < 0 ? text : text.substring(0, question);
            tree = FormCodec.decode(question < 0 ? "" : text.substring(question + 1));
        }
        methodName = methodName.trim();
        if (methodName.equalsIgnoreCase("batch")) {
            throw new RestError(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage");
        }
        MethodTable.Method method = methods.find(methodName, false).orElseThrow(RestError::methodNotFound);
        Authorize.check(caller, method);
        Limits.checkOperating(caller.portal(), method.name());
        validator.check(caller, method.name(), tree, call::warn);
        long started = System.nanoTime();
        try {
            return method.body().call(new RestCall(caller, new Params(tree), call.endpoints(), call.clientAddress(),
                    call.warnings(), start, call.hit()));
        } finally {
            Limits.spend(caller.portal(), method.name(), started); // each command counts against its own method
        }
    }

    /** $result[key][FIELD]... in a query string, each replaced by the URL-encoded value it points at. */
    private static String referencesIn(String query, ObjectNode earlier) {
        Matcher m = REFERENCE.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = resolve(m.group(1), earlier);
            String text = value == null ? "" : Params.scalarText(value).orElse(value.toString());
            m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(text, StandardCharsets.UTF_8)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode substitute(JsonNode node, ObjectNode earlier) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            object.fieldNames().forEachRemaining(name -> object.set(name, substitute(object.get(name), earlier)));
            return object;
        }
        if (node.isTextual() && node.asText().startsWith("$result[")) {
            Matcher m = REFERENCE.matcher(node.asText());
            if (m.matches()) {
                JsonNode value = resolve(m.group(1), earlier);
                return value == null ? NODES.nullNode() : value;
            }
        }
        return node;
    }

    private static JsonNode resolve(String brackets, ObjectNode earlier) {
        JsonNode node = earlier;
        for (String part : brackets.substring(1, brackets.length() - 1).split("]\\[", -1)) {
            node = node.isArray() && part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
            if (node.isMissingNode()) {
                return null;
            }
        }
        return node;
    }

    private static JsonNode orEmptyList(ObjectNode map) {
        return map.isEmpty() ? NODES.arrayNode() : map;
    }
}
