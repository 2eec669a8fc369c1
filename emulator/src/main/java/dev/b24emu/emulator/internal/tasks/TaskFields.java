package dev.b24emu.emulator.internal.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * tasks.task.getFields (specs/DECISIONS.md D176): CTasks::getFieldsInfo as a real portal answered it, the fields in
 * its order with their English titles (null where the module has no title), types, flags, defaults and values, then
 * the three system custom fields; kept in tasks/task-fields.json.
 */
public final class TaskFields {
    private static final ObjectNode FIELDS = load();

    private TaskFields() {
    }

    /** {fields: {...}}: a fresh copy. */
    public static ObjectNode answer() {
        ObjectNode answer = new ObjectMapper().createObjectNode();
        answer.set("fields", FIELDS.deepCopy());
        return answer;
    }

    private static ObjectNode load() {
        try (InputStream in = TaskFields.class.getResourceAsStream("/dev/b24emu/emulator/tasks/task-fields.json")) {
            return (ObjectNode) new ObjectMapper().readTree(in).get("fields");
        } catch (IOException e) {
            throw new UncheckedIOException("task-fields.json is part of the emulator", e);
        }
    }
}
