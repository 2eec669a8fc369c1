package dev.b24emu.emulator.internal.im.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.b24emu.emulator.internal.im.Messages;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.Params;

/**
 * im.message.add, .update and .delete (api-reference/chats/messages/; specs/DECISIONS.md D172): the keys in any
 * case, as the server upper-cases them; DIALOG_ID, or the older USER_ID or CHAT_ID without it.
 */
final class MessageMethods {
    private MessageMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("im.message.add", MessageMethods::add)
                .add("im.message.update", call -> {
                    Params p = call.params();
                    Messages.update(call.caller(), messageId(p), p.text("MESSAGE"), p.node("ATTACH").orElse(null));
                    return BooleanNode.TRUE;
                })
                .add("im.message.delete", call -> {
                    Messages.delete(call.caller(), messageId(call.params()));
                    return BooleanNode.TRUE;
                });
    }

    private static JsonNode add(RestCall call) {
        Params p = call.params();
        JsonNode dialog = p.node("DIALOG_ID").orElseGet(() -> p.node("USER_ID")
                .orElseGet(() -> p.node("CHAT_ID").map(id -> (JsonNode) TextNode.valueOf("chat" + id.asText())).orElse(null)));
        var request = new Messages.Request(dialog, p.node("MESSAGE").orElse(null), "Y".equals(p.textOrEmpty("SYSTEM")),
                p.node("ATTACH").orElse(null));
        return LongNode.valueOf(Messages.add(call.caller(), request, call::warn));
    }

    /** MESSAGE_ID, or ID. */
    private static long messageId(Params p) {
        return p.has("MESSAGE_ID") ? p.phpInt("MESSAGE_ID") : p.phpInt("ID");
    }
}
