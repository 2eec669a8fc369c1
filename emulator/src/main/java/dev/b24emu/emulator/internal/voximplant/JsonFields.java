package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;

/** What the control API and seeds may set: an object of known fields, refused naming the field otherwise. */
final class JsonFields {
    private JsonFields() {
    }

    static void check(JsonNode node, String what, List<String> fields) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " must be an object with " + fields);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new IllegalArgumentException("Unknown field '" + name + "' in " + what + "; it has " + fields);
            }
        }
    }
}
