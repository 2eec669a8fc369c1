package dev.b24emu.emulator.internal.im.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.internal.im.Notifications;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.Params;

/**
 * im.notify.system.add, im.notify.personal.add, im.notify (TYPE USER or SYSTEM, TO for USER_ID) and im.notify.delete
 * (api-reference/chats/notifications/): the keys in any case, as the server upper-cases them.
 */
final class NotifyMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NotifyMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("im.notify.system.add", call -> add(call, true))
                .add("im.notify.personal.add", call -> add(call, false))
                .add("im.notify", call -> add(call, "SYSTEM".equals(call.params().textOrEmpty("TYPE"))))
                .add("im.notify.delete", call -> {
                    Params p = call.params();
                    return NODES.booleanNode(Notifications.delete(call.caller(), p.phpInt("ID"),
                            p.text("TAG").orElse(null), p.text("SUB_TAG").orElse(null), p.text("CLIENT_ID").orElse(null)));
                });
    }

    private static JsonNode add(RestCall call, boolean system) {
        Params p = call.params();
        long userId = p.has("TO") ? p.phpInt("TO") : p.phpInt("USER_ID");
        var request = new Notifications.Request(userId, system, p.textOrEmpty("MESSAGE"), p.textOrEmpty("MESSAGE_OUT"),
                p.text("TAG").orElse(null), p.text("SUB_TAG").orElse(null), p.text("CLIENT_ID").orElse(null),
                p.node("ATTACH").orElse(null));
        return Notifications.add(call.caller(), request).<JsonNode>map(NODES::numberNode)
                .orElse(NODES.booleanNode(false));
    }
}
