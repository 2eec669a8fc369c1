package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.tasks.TaskListener;

/**
 * OnTaskAdd, OnTaskUpdate and OnTaskDelete (api-reference/tasks/events-tasks/), sent for every change of a task, a
 * REST call's too. Their data is the task's ID only, as CTaskRestService::onEventFilter writes it: FIELDS_BEFORE and
 * FIELDS_AFTER {ID} where the task is there before or after, the string "undefined" where not, and IS_ACCESSIBLE_*.
 */
public final class TaskEvents implements TaskListener {
    private static final String UNDEFINED = "undefined";
    private final EventPublisher publisher;

    public TaskEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void changed(Portal portal, Change change, long taskId, Origin origin) {
        String id = Long.toString(taskId);
        publisher.publish(portal, "ONTASK" + change.name(), () -> data(change, id),
                new EventPublisher.Emit(origin, null, id));
    }

    private static ObjectNode data(Change change, String id) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        if (change == Change.ADD) {
            data.put("FIELDS_BEFORE", UNDEFINED);
        } else {
            data.putObject("FIELDS_BEFORE").put("ID", id);
        }
        if (change == Change.DELETE) {
            data.put("FIELDS_AFTER", UNDEFINED);
        } else {
            data.putObject("FIELDS_AFTER").put("ID", id);
        }
        data.put("IS_ACCESSIBLE_BEFORE", change == Change.ADD ? "N" : UNDEFINED);
        data.put("IS_ACCESSIBLE_AFTER", change == Change.DELETE ? "N" : UNDEFINED);
        return data;
    }
}
