package dev.b24emu.emulator.internal.tasks.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.ActionParams;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.tasks.Task;
import dev.b24emu.emulator.internal.tasks.TaskExtras;
import dev.b24emu.emulator.internal.tasks.TaskFields;
import dev.b24emu.emulator.internal.tasks.TaskList;
import dev.b24emu.emulator.internal.tasks.TaskStore;
import dev.b24emu.emulator.internal.tasks.TaskView;
import dev.b24emu.emulator.internal.tasks.Tasks;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.Access;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The Task controller's actions (api-reference/tasks/, specs/DECISIONS.md D169): add, update and complete answer the
 * task as get does, {task}; get answers [] for a task that is not there; list {tasks} by pages of 50; delete
 * {task: true}. The errors are the controller's: its binder's, ERROR_CORE for a field, "0" for an action.
 */
final class TaskMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Tasks tasks;

    TaskMethods(Tasks tasks) {
        this.tasks = tasks;
    }

    void register(MethodTable methods) {
        methods.add("tasks.task.add", this::add).add("tasks.task.get", TaskMethods::get)
                .add("tasks.task.list", TaskMethods::list).add("tasks.task.update", this::update)
                .add("tasks.task.complete", this::complete).add("tasks.task.delete", this::delete)
                .add("tasks.task.getFields", call -> TaskFields.answer());
    }

    /** addAction(array $fields, array $params = []): the fields in capitals as sent. */
    private JsonNode add(RestCall call) {
        ObjectNode fields = fields(call);
        Portal portal = call.portal();
        Task task = portal.exclusive(() -> tasks.add(portal, Origin.of(call), fields));
        return answer(call, task);
    }

    private JsonNode update(RestCall call) {
        ObjectNode fields = fields(call);
        return acted(call, "Action on the task is not allowed (internal error)",
                (portal, id) -> tasks.update(portal, Origin.of(call), id, fields));
    }

    private JsonNode complete(RestCall call) {
        boolean admin = Access.isAdmin(call.caller());
        return acted(call, "Action on the task is not allowed",
                (portal, id) -> tasks.complete(portal, Origin.of(call), id, admin));
    }

    /** An action on the task taskId names, answered as get answers it; "0" with the page's text without the task. */
    private static JsonNode acted(RestCall call, String notAllowed, BiFunction<Portal, Long, Optional<Task>> action) {
        long id = taskId(call);
        Portal portal = call.portal();
        Task task = portal.exclusive(() -> action.apply(portal, id)).orElseThrow(() -> RestError.of("0", notAllowed));
        return answer(call, task);
    }

    private JsonNode delete(RestCall call) {
        long id = taskId(call);
        Portal portal = call.portal();
        if (!portal.exclusive(() -> tasks.delete(portal, Origin.of(call), id))) {
            throw RestError.of("1048582", "No access to delete the task");
        }
        return NODES.objectNode().put("task", true);
    }

    /** getAction(int $taskId, array $select = []): [] for a task that is not there (getData throws, [] is answered). */
    private static JsonNode get(RestCall call) {
        long id = taskId(call);
        TaskExtras.Asked asked = asked(call);
        return call.portal().store(TaskStore.class).get(id).<JsonNode>map(task -> {
            unanswered(call, TaskExtras.unanswered(asked, true));
            return NODES.objectNode().set("task", TaskView.get(call.portal(), task, asked, call.userId()));
        }).orElseGet(NODES::arrayNode);
    }

    /** What params and select ask beside the columns (getAction's and listAction's array $params, $select). */
    private static TaskExtras.Asked asked(RestCall call) {
        ActionParams params = new ActionParams(call.params());
        return new TaskExtras.Asked(params.optionalArray("params").orElse(null),
                select(params.optionalArray("select").orElse(null)));
    }

    private static void unanswered(RestCall call, List<String> unanswered) {
        if (!unanswered.isEmpty()) {
            call.limitation(String.join(", ", unanswered) + ": the emulator keeps no counters, CRM cards or parsed"
                    + " descriptions of a task, and answers the task without them");
        }
    }

    /** listAction: {tasks}, a page of 50 (start as crm.item.list reads it: -1 counts nothing), ID descending. */
    private static ListResult list(RestCall call) {
        ActionParams params = new ActionParams(call.params());
        JsonNode filter = params.optionalArray("filter").orElse(null);
        JsonNode order = params.optionalArray("order").orElse(null);
        TaskExtras.Asked asked = asked(call);
        Map<Long, ObjectNode> cards = new HashMap<>(); // each user's card made once for the page
        unanswered(call, TaskExtras.unanswered(asked, false));
        return ListResult.controllerPage("tasks", TaskList.find(call.portal(), filter, order), call.params().start(),
                task -> TaskView.listed(call.portal(), task, asked, cards));
    }

    private static JsonNode answer(RestCall call, Task task) {
        return NODES.objectNode().set("task", TaskView.get(call.portal(), task, call.userId()));
    }

    /**
     * fields: an array; absent or empty, the binder finds no value for it. Its keys are read as sent, a leading ~
     * stripped (Base::filterFields): only a name in capitals is a task's field (TITLE, not title), the others are
     * ignored and reported.
     */
    private static ObjectNode fields(RestCall call) {
        JsonNode given = new ActionParams(call.params()).requiredArray("fields");
        if (!given.isObject() || given.isEmpty()) {
            throw new RestError(400, "100", "Could not find value for parameter {fields}");
        }
        ObjectNode fields = NODES.objectNode();
        List<String> ignored = new java.util.ArrayList<>();
        given.fields().forEachRemaining(entry -> {
            String name = entry.getKey().startsWith("~") ? entry.getKey().substring(1) : entry.getKey();
            if (name.equals(name.toUpperCase(Locale.ROOT))) {
                fields.set(name, entry.getValue());
            } else {
                ignored.add(entry.getKey());
            }
        });
        if (!ignored.isEmpty()) {
            call.deviation("fields " + String.join(", ", ignored) + ": the tasks module reads a task's fields in capitals"
                    + " only (TITLE, RESPONSIBLE_ID): the real server ignores these");
        }
        return fields;
    }

    /** taskId: bound to CTaskItem; absent the item cannot be made, 0 or below is "wrong task id". */
    private static long taskId(RestCall call) {
        JsonNode given = call.params().tree().get("taskId");
        if (given == null || given.isNull()) {
            throw new RestError(400, "100", "CTaskItem All parameters in the constructor must have real class type");
        }
        long id = Params.looseInteger(given).orElse(0L);
        if (id <= 0) {
            throw RestError.of("0", "wrong task id");
        }
        return id;
    }

    private static Set<String> select(JsonNode select) {
        Set<String> names = new LinkedHashSet<>();
        if (select != null) {
            select.forEach(name -> Params.scalarText(name).ifPresent(n -> names.add(n.toUpperCase(Locale.ROOT))));
        }
        return names;
    }
}
