package dev.b24emu.emulator.internal.apps.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.apps.AppOptionStore;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.Access;

import java.util.HashSet;
import java.util.Set;

/**
 * app.option.get/set and user.option.get/set: the settings an application keeps on the portal, for all its users or
 * for one (CRestProvider::appOptionGet and the three beside it; specs/DECISIONS.md D131). Only an application has
 * them: a webhook is "Application context required"; only an administrator writes the application's; anyone reads
 * them. A set writes the keys of {@code options}, or without it the request's own keys, over the ones held.
 */
final class OptionMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OptionMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("app.option.get", call -> get(call, store(call).app(clientId(call.caller()))))
                .add("user.option.get", call -> get(call, store(call).user(clientId(call.caller()), call.userId())))
                .add("app.option.set", call -> {
                    String clientId = clientId(call.caller());
                    ObjectNode options = options(call);
                    if (!Access.isAdmin(call.caller())) {
                        throw new RestError(403, "ACCESS_DENIED", "Access denied! Administrator authorization required");
                    }
                    return set(call, clientId, null, options, () -> store(call).setApp(clientId, options));
                })
                .add("user.option.set", call -> {
                    String clientId = clientId(call.caller());
                    ObjectNode options = options(call);
                    return set(call, clientId, call.userId(), options,
                            () -> store(call).setUser(clientId, call.userId(), options));
                });
    }

    /** One option by its name (null when not set), or all of them ([] when there are none, PHP's empty array). */
    private static JsonNode get(RestCall call, ObjectNode options) {
        JsonNode option = call.params().tree().get("option");
        if (option != null && !option.isNull()) {
            return options.has(option.asText()) ? options.get(option.asText()) : NODES.nullNode();
        }
        return options.isEmpty() ? NODES.arrayNode() : options;
    }

    /** The caller's application; a webhook has none. */
    private static String clientId(Caller caller) {
        if (caller.isWebhook() || caller.clientId() == null) {
            throw new RestError(403, "ACCESS_DENIED", "Access denied! Application context required");
        }
        return caller.clientId();
    }

    /** {@code options}, or without it the request's own keys; none is the server's ArgumentNullException. */
    private static ObjectNode options(RestCall call) {
        ObjectNode query = call.params().query();
        JsonNode given = query.has("options") ? query.get("options") : query;
        ObjectNode options = Params.phpArray(given).orElseGet(NODES::objectNode); // a PHP list's keys are 0, 1, ...
        if (options.isEmpty()) {
            throw RestError.argument("options", "Argument 'options' is null or empty");
        }
        return options;
    }

    /**
     * Sets options: those an application and its users hold are configuration, bounded as the portal's other (D120),
     * checked and set as one; a write replacing options weighs without them.
     */
    private static JsonNode set(RestCall call, String clientId, Long owner, ObjectNode adding, Runnable write) {
        Set<String> replaced = new HashSet<>();
        adding.fieldNames().forEachRemaining(replaced::add);
        ConfigBound.adding(call.portal(), () -> store(call).held(clientId, owner, replaced), adding,
                "options of one application", () -> {
                    write.run();
                    return null;
                });
        return NODES.booleanNode(true);
    }

    private static AppOptionStore store(RestCall call) {
        return call.portal().store(AppOptionStore.class);
    }
}
