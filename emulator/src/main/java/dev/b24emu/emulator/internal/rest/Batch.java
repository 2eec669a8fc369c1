package dev.b24emu.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.transport.BufferOutput;
import dev.b24emu.emulator.internal.transport.Envelope;
import dev.b24emu.emulator.internal.transport.FormCodec;
import dev.b24emu.emulator.internal.transport.JsonWeight;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The batch method (settings/how-to-call-rest-api/batch.md): up to 50 subqueries "method?query" (or {method, params})
 * run in order as the same caller, each checked like a direct call; {@code $result[key][FIELD]} (and {@code $next},
 * {@code $total}, {@code $time}, {@code $error}) in a subquery takes a value from an earlier answer
 * ({@link BatchReferences}, D145); halt stops at the first error. Empty parts of the answer are [] as PHP writes them;
 * a batch without cmd answers only empty parts, as the real server. A command refused for its scope carries an empty
 * error_description, as the page's examples show.
 */
final class Batch implements RestMethod {
    public static final int MAX_COMMANDS = 50;
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
        // what later commands' references read ($result[…], $next[…], …): the answer's parts as they fill
        Map<String, ObjectNode> earlier = Map.of("result", results, "next", nexts, "total", totals, "time", times,
                "error", errors);
        int index = 0;
        long written = 0;
        ObjectNode exceeded = null; // one node for every command past the 50th: 100,000 of them answered 8.8 MB of trees
        for (Map.Entry<String, JsonNode> command : commands.entrySet()) {
            String key = command.getKey();
            if (++index > MAX_COMMANDS) {
                exceeded = exceeded != null ? exceeded
                        : envelope.error("ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded");
                errors.set(key, exceeded);
                if (halt) {
                    break;
                }
                continue;
            }
            Instant start = caller.portal().now();
            long started = System.nanoTime();
            try {
                Object result = run(call, named(key), command.getValue(), earlier, start);
                ObjectNode answered = envelope.success(result, start, System.nanoTime() - started,
                        caller.portal().settings().timeZone());
                results.set(key, answered.get("result"));
                written += JsonWeight.of(answered.get("result")); // in the heap, at least what it writes
                if (written > BufferOutput.MAX_ANSWER_BYTES) { // the commands' answers are held until the last one
                    throw new BufferOutput.TooLarge();
                }
                if (answered.has("total")) {
                    totals.set(key, answered.get("total"));
                }
                if (answered.has("next")) {
                    nexts.set(key, answered.get("next"));
                }
                times.set(key, answered.get("time"));
            } catch (RestError error) {
                // the command's error as its own call answers it (methodsBatch copies it): "" for ERROR_CORE too
                String code = caller.portal().settings().emptyErrorCode() && "ERROR_CORE".equals(error.code()) ? ""
                        : error.code();
                errors.set(key, envelope.error(code, "insufficient_scope".equals(error.code()) ? "" : error.description()));
                if (halt) {
                    break;
                }
            }
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("result", phpArray(results));
        answer.set("result_error", phpArray(errors));
        answer.set("result_total", phpArray(totals));
        answer.set("result_next", phpArray(nexts));
        answer.set("result_time", phpArray(times));
        return answer;
    }

    /** the most of a command's key a warning about it repeats (the key is the client's, of any length) */
    private static final int KEY_CHARS = 64;

    /** "cmd[key]: ", which a warning or notice about a command starts with, so that a client knows which one. */
    private static String named(String key) {
        return "cmd[" + (key.length() > KEY_CHARS ? key.substring(0, KEY_CHARS) + "…" : key) + "]: ";
    }

    private Object run(RestCall call, String named, JsonNode command, Map<String, ObjectNode> earlier, Instant start) {
        Caller caller = call.caller();
        String methodName;
        ObjectNode tree;
        if (command.isObject()) {
            methodName = command.path("method").asText("");
            JsonNode given = command.path("params");
            tree = given.isObject() ? (ObjectNode) BatchReferences.resolve(given, earlier) : NODES.objectNode();
        } else {
            String text = command.asText("");
            int question = text.indexOf('?');
            methodName = question < 0 ? text : text.substring(0, question);
            // parsed first, then each value read for references, as ParseBatchQuery and processBatchElement do
            tree = (ObjectNode) BatchReferences.resolve(FormCodec.decode(question < 0 ? "" : text.substring(question + 1)),
                    earlier);
        }
        methodName = methodName.trim();
        if (!caller.isWebhook()) {
            // CRestProvider::methodsBatch writes the batch's own token over each command's auth and names it an auth
            // key of the command: no parameter of its method (MikoPBX's module puts auth in every command). A
            // webhook's batch has no auth keys, so there a command's auth is a parameter the method ignores.
            tree.remove("auth");
        }
        if (methodName.equalsIgnoreCase("batch")) {
            throw new RestError(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage");
        }
        MethodTable.Method method = methods.find(methodName, false).orElseThrow(RestError::methodNotFound);
        Authorize.check(caller, method);
        Limits.checkOperating(caller, method.name());
        validator.check(caller, method.name(), tree, warning -> call.warn(named + warning));
        long started = System.nanoTime();
        try {
            return method.body().call(new RestCall(caller, new Params(tree), call.endpoints(), call.clientAddress(),
                    warning -> call.warn(named + warning), notice -> call.limitation(named + notice), start,
                    call.hit()));
        } finally {
            Limits.spend(caller, method.name(), started); // each command counts against its own method
        }
    }

    /**
     * A part of the answer as PHP's json_encode writes the array it is: a list when its keys are 0, 1, … in order
     * (an empty one, or a cmd given as a list whose commands all answered), an object otherwise (D168).
     */
    private static JsonNode phpArray(ObjectNode map) {
        int index = 0;
        for (Iterator<String> keys = map.fieldNames(); keys.hasNext(); index++) {
            if (!keys.next().equals(Integer.toString(index))) {
                return map;
            }
        }
        ArrayNode list = NODES.arrayNode();
        map.elements().forEachRemaining(list::add);
        return list;
    }
}
