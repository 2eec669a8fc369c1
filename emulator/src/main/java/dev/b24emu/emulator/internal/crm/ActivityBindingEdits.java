package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * crm.activity.binding.list, .add and .delete (specs/DECISIONS.md D170), as the crm module's
 * Controller\Activity\Binding does them: the activity's rows of b_crm_act_bind in the order they were saved (the owner
 * is always one of them), a pair added at the end or taken out, and the activity saved with its new bindings, which
 * makes its owner again (CCrmActivity::Update) and tells OnCrmActivityUpdate. Every caller acts as an administrator,
 * as elsewhere in the CRM: every binding is listed, and an object that does not exist is bound all the same, as the
 * server's permission check is the only one and passes for an administrator.
 */
public final class ActivityBindingEdits {
    /**
     * The object types a binding may name: those a portal of the emulator's kind has a factory for (1 lead, 2 deal,
     * 3 contact, 4 company, 7 quote, 31 smart invoice); another grants no right, so it is ACCESS_DENIED.
     */
    private static final Set<Long> TYPES = Set.of(1L, 2L, 3L, 4L, 7L, 31L);
    /** crm-activity-binding-add.md: "the maximum number of bindings for a single activity is 100" (not enforced) */
    private static final int DOCUMENTED_LIMIT = 100;

    private ActivityBindingEdits() {
    }

    /** One row of b_crm_act_bind: an object's type and ID. */
    public record Binding(long entityTypeId, long entityId) {
    }

    /** The activity's bindings, in the order they were saved; NOT_FOUND "Item was not found." without the activity. */
    public static List<Binding> list(Portal portal, long activityId) {
        return bindings(existing(portal, activityId));
    }

    /**
     * Binds the activity to one more object: ACCESS_DENIED for a type or ID that grants no right,
     * ACTIVITY_IS_ALREADY_BOUND for a pair it has; an object that does not exist, or the 101st binding, is bound and
     * reported. Answers the bindings saved.
     */
    public static List<Binding> add(Portal portal, Origin origin, long activityId, Binding binding,
                                    Consumer<String> deviations) {
        ObjectNode activity = existing(portal, activityId);
        requireRight(binding);
        List<Binding> bindings = new ArrayList<>(bindings(activity));
        if (bindings.contains(binding)) {
            throw RestError.of("ACTIVITY_IS_ALREADY_BOUND", "Activity is already linked to this entity");
        }
        boolean kept = CrmEntityType.byOwnerTypeId(binding.entityTypeId()) // the emulator keeps no quotes (7, 31)
                .map(type -> portal.store(CrmStore.class).get(new CrmRef(type, binding.entityId())).isPresent())
                .orElse(false);
        if (!kept) {
            deviations.accept("crm.activity.binding.add: no object of type " + binding.entityTypeId() + " with ID "
                    + binding.entityId() + " exists (the docs answer NOT_FOUND); a real portal binds it all the same "
                    + "for an administrator");
        }
        bindings.add(binding);
        if (bindings.size() > DOCUMENTED_LIMIT) {
            deviations.accept("crm.activity.binding.add: the activity now has " + bindings.size() + " bindings, over "
                    + "the documented maximum of " + DOCUMENTED_LIMIT + " (which the server does not enforce)");
        }
        save(portal, origin, activityId, activity, bindings);
        return List.copyOf(bindings);
    }

    /**
     * Unbinds the activity from one object: ACCESS_DENIED for a type or ID that grants no right (checked first),
     * BINDING_NOT_FOUND for a pair it does not have, LAST_BINDING_CANNOT_BE_DELETED for its only binding. Answers the bindings saved.
     */
    public static List<Binding> delete(Portal portal, Origin origin, long activityId, Binding binding) {
        ObjectNode activity = existing(portal, activityId);
        requireRight(binding);
        List<Binding> bindings = new ArrayList<>(bindings(activity));
        if (!bindings.remove(binding)) {
            throw RestError.of("BINDING_NOT_FOUND", "Activity is not linked to this entity");
        }
        if (bindings.isEmpty()) {
            throw RestError.of("LAST_BINDING_CANNOT_BE_DELETED", "Cannot delete the only one activity-to-entity link.");
        }
        save(portal, origin, activityId, activity, bindings);
        return List.copyOf(bindings);
    }

    /**
     * CCrmActivity::Update with BINDINGS: one binding is the owner; of several, the last that is no contact or
     * company (appendOwnerFromBindings loops over all without stopping), or the first when all are.
     */
    static Binding owner(List<Binding> bindings) {
        Binding owner = bindings.get(0);
        for (Binding binding : bindings) {
            if (binding.entityTypeId() != CrmEntityType.CONTACT.ownerTypeId()
                    && binding.entityTypeId() != CrmEntityType.COMPANY.ownerTypeId()) {
                owner = binding;
            }
        }
        return owner;
    }

    private static void save(Portal portal, Origin origin, long activityId, ObjectNode activity, List<Binding> bindings) {
        ObjectNode changed = activity.deepCopy();
        Binding owner = owner(bindings);
        changed.put("OWNER_ID", Long.toString(owner.entityId()));
        changed.put("OWNER_TYPE_ID", Long.toString(owner.entityTypeId()));
        ArrayNode rows = changed.putArray("BINDINGS");
        for (Binding binding : bindings) {
            rows.addObject().put("OWNER_ID", Long.toString(binding.entityId()))
                    .put("OWNER_TYPE_ID", Long.toString(binding.entityTypeId()));
        }
        CrmActivities.replace(portal, origin, activityId, changed);
    }

    /** ItemIdentifier::createByParams gives no identifier, hence no right, for an ID ≤ 0 or a type without a factory. */
    private static void requireRight(Binding binding) {
        if (binding.entityId() <= 0 || !TYPES.contains(binding.entityTypeId())) {
            throw RestError.of("ACCESS_DENIED", "Access denied");
        }
    }

    private static ObjectNode existing(Portal portal, long activityId) {
        return portal.store(CrmStore.class).activity(activityId)
                .orElseThrow(() -> RestError.of("NOT_FOUND", "Item was not found."));
    }

    private static List<Binding> bindings(JsonNode activity) {
        List<Binding> bindings = new ArrayList<>();
        for (JsonNode row : activity.path("BINDINGS")) {
            bindings.add(new Binding(row.path("OWNER_TYPE_ID").asLong(), row.path("OWNER_ID").asLong()));
        }
        return bindings;
    }

    /** list's answer: [{entityTypeId, entityId}], as integers. */
    public static ArrayNode answer(List<Binding> bindings) {
        ArrayNode answer = JsonNodeFactory.instance.arrayNode();
        bindings.forEach(b -> answer.addObject().put("entityTypeId", b.entityTypeId()).put("entityId", b.entityId()));
        return answer;
    }
}
