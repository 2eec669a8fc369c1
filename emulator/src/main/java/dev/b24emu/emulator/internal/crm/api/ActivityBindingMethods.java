package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.b24emu.emulator.internal.crm.ActivityBindingEdits;
import dev.b24emu.emulator.internal.crm.ActivityBindingEdits.Binding;
import dev.b24emu.emulator.internal.rest.ActionParams;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.rest.RestCall;

/**
 * crm.activity.binding.list, .add and .delete (specs/DECISIONS.md D170): controller actions whose arguments are bound
 * by their exact names (activityId, then entityTypeId and entityId), list answering [{entityTypeId, entityId}], add
 * and delete true.
 */
final class ActivityBindingMethods {
    private ActivityBindingMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("crm.activity.binding.list", ActivityBindingMethods::list)
                .add("crm.activity.binding.add", ActivityBindingMethods::add)
                .add("crm.activity.binding.delete", ActivityBindingMethods::delete);
    }

    private static JsonNode list(RestCall call) {
        long activityId = new ActionParams(call.params()).requiredInt("activityId");
        return ActivityBindingEdits.answer(ActivityBindingEdits.list(call.portal(), activityId));
    }

    private static JsonNode add(RestCall call) {
        ActionParams p = new ActionParams(call.params());
        long activityId = p.requiredInt("activityId");
        Binding binding = new Binding(p.requiredInt("entityTypeId"), p.requiredInt("entityId"));
        call.portal().exclusive(() -> ActivityBindingEdits.add(call.portal(), Origin.of(call), activityId, binding,
                call::deviation));
        return BooleanNode.TRUE;
    }

    private static JsonNode delete(RestCall call) {
        ActionParams p = new ActionParams(call.params());
        long activityId = p.requiredInt("activityId");
        Binding binding = new Binding(p.requiredInt("entityTypeId"), p.requiredInt("entityId"));
        call.portal().exclusive(() -> ActivityBindingEdits.delete(call.portal(), Origin.of(call), activityId, binding));
        return BooleanNode.TRUE;
    }
}
