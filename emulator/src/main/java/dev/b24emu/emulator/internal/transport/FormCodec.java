package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The PHP form encoding for code outside the transport: what outbound deliveries send and handlers decode. */
public final class FormCodec {
    private FormCodec() {
    }

    public static String encode(JsonNode tree) {
        return PhpForm.encode(tree);
    }

    public static ObjectNode decode(String body) {
        return PhpForm.toTree(PhpForm.split(body));
    }
}
