package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmTodos;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.ActionParams;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.rest.RestCall;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * crm.activity.todo.add, .update, .updateDeadline, .updateDescription, .updateColor, .updateResponsibleUser: controller
 * actions, their arguments bound in their order (ownerTypeId, ownerId, then the action's own) and each answering
 * {id} (api-reference/crm/timeline/activities/todo/; specs/DECISIONS.md D138).
 */
final class TodoMethods {
    private TodoMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("crm.activity.todo.add", call -> {
            CrmTodos.Todo todo = todo(call, new ActionParams(call.params()), false);
            return answer(call, () -> CrmTodos.add(call.portal(), Origin.of(call), todo));
        }).add("crm.activity.todo.update", call -> {
            ActionParams p = new ActionParams(call.params());
            CrmTodos.Todo todo = todo(call, p, true);
            // id defaults to null in the action's signature: without one no to-do is found
            long id = p.optionalInt("id").orElse(0L);
            return answer(call, () -> CrmTodos.update(call.portal(), Origin.of(call), id, todo));
        });
        single(methods, "crm.activity.todo.updateDeadline", p -> p.requiredString("value"),
                (portal, origin, owner, id, value) ->
                        CrmTodos.updateDeadline(portal, origin, owner, id, CrmTodos.deadline(portal, value)));
        single(methods, "crm.activity.todo.updateDescription", p -> p.requiredString("value"),
                CrmTodos::updateDescription);
        single(methods, "crm.activity.todo.updateColor", p -> p.requiredString("colorId"), CrmTodos::updateColor);
        single(methods, "crm.activity.todo.updateResponsibleUser", p -> p.requiredInt("responsibleId"),
                CrmTodos::updateResponsible);
    }

    /** A change of one field of a to-do: what it does with the owner, the to-do's ID and the bound value. */
    private interface SingleChange<V> {
        long apply(Portal portal, Origin origin, CrmRef owner, long id, V value);
    }

    /**
     * An action of ownerTypeId, ownerId, id and one value: all bound first, in that order, then the owner checked
     * and the change made.
     */
    private static <V> void single(MethodTable methods, String name, Function<ActionParams, V> value,
                                   SingleChange<V> change) {
        methods.add(name, call -> {
            ActionParams p = new ActionParams(call.params());
            Bound bound = Bound.of(p);
            V given = value.apply(p);
            CrmRef owner = bound.owner(call.portal());
            return answer(call, () -> change.apply(call.portal(), Origin.of(call), owner, bound.id(), given));
        });
    }

    /** The first three arguments of the single-field actions: ownerTypeId, ownerId, id, all required. */
    private record Bound(long ownerTypeId, long ownerId, long id) {
        static Bound of(ActionParams p) {
            return new Bound(p.requiredInt("ownerTypeId"), p.requiredInt("ownerId"), p.requiredInt("id"));
        }

        /** Checked once every argument is bound, as the action checks it. */
        CrmRef owner(Portal portal) {
            return CrmTodos.owner(portal, ownerTypeId, ownerId);
        }
    }

    /**
     * add's and update's arguments in the action's order: ownerTypeId, ownerId, deadline (update's id after it, read
     * by the caller), then title and description ("" when not given), responsibleId, parentActivityId, colorId.
     */
    private static CrmTodos.Todo todo(RestCall call, ActionParams p, boolean update) {
        long ownerTypeId = p.requiredInt("ownerTypeId");
        long ownerId = p.requiredInt("ownerId");
        String deadline = p.requiredString("deadline");
        if (update) {
            p.optionalInt("id");
        }
        String title = p.optionalString("title").orElse("");
        String description = p.optionalString("description").orElse("");
        Long responsible = p.optionalInt("responsibleId").orElse(null);
        Long parent = p.optionalInt("parentActivityId").orElse(null);
        p.optionalArray("pingOffsets"); // reminders: bound, not modelled
        String color = p.optionalString("colorId").orElse(null);
        return new CrmTodos.Todo(CrmTodos.owner(call.portal(), ownerTypeId, ownerId),
                CrmTodos.deadline(call.portal(), deadline), title, description, responsible, parent, color);
    }

    /** {id} of the to-do, changed under the portal's lock. */
    private static JsonNode answer(RestCall call, Supplier<Long> action) {
        long id = call.portal().exclusive(action::get);
        return JsonNodeFactory.instance.objectNode().put("id", id);
    }
}
