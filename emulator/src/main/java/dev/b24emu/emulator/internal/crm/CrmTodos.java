package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.RestError;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Universal activities, the to-dos of crm.activity.todo.* (api-reference/crm/timeline/activities/todo/; the server's
 * Crm\Controller\Activity\ToDo and Activity\Entity\ToDo): activities of TYPE_ID 6 with the CRM_TODO provider, bound to
 * their owner, whose deadline is their start, end and DEADLINE. They are written as every activity is
 * ({@link CrmActivities#stored}), so crm.activity.get and .list show them and their events go out (specs/DECISIONS.md
 * D138).
 */
public final class CrmTodos {
    public static final int TYPE_ID = 6; // CCrmActivityType::Provider
    static final String PROVIDER = "CRM_TODO";
    /** the colours of the timeline: "default" and 1 to 7 (ColorSettingsProvider) */
    private static final Set<String> COLORS = Set.of("default", "1", "2", "3", "4", "5", "6", "7");

    private CrmTodos() {
    }

    /**
     * What add and update write.
     *
     * @param responsibleId    the responsible user, or null for the caller
     * @param parentActivityId an activity of the same owner the to-do follows (it is completed), or null
     * @param colorId          one of the timeline's colours, or null (another value is ignored, as the server does)
     */
    public record Todo(CrmRef owner, Instant deadline, String title, String description, Long responsibleId,
                       Long parentActivityId, String colorId) {
    }

    /**
     * The owner an action names: a lead, deal, contact or company that exists; anything else is NOT_FOUND, as the
     * pages answer a CRM object not found (the emulator keeps no other kind of object).
     */
    public static CrmRef owner(Portal portal, long ownerTypeId, long ownerId) {
        return CrmEntityType.byOwnerTypeId(ownerTypeId).filter(type -> ownerId > 0)
                .map(type -> new CrmRef(type, ownerId))
                .filter(ref -> portal.store(CrmStore.class).get(ref).isPresent())
                .orElseThrow(CrmTodos::notFound);
    }

    /** A deadline as the server reads it (strtotime: ISO 8601, or a date and time with a space); WRONG_DATETIME_FORMAT. */
    public static Instant deadline(Portal portal, String text) {
        String iso = text.trim().matches("\\d{4}-\\d{2}-\\d{2} \\d.*") ? text.trim().replaceFirst(" ", "T") : text;
        return IsoTime.parse(iso, portal.settings().timeZone())
                .orElseThrow(() -> RestError.of("WRONG_DATETIME_FORMAT", "Incorrect date format"));
    }

    /** crm.activity.todo.add: a new to-do of the owner; answers its ID. */
    public static long add(Portal portal, Origin origin, Todo todo) {
        CrmStore crm = portal.store(CrmStore.class);
        Optional<ObjectNode> parent = parent(crm, todo);
        List<CrmRef> bindings = parent.map(CrmTodos::bindingsOf).orElse(List.of(todo.owner()));
        long responsible = todo.responsibleId() != null && todo.responsibleId() > 0 ? todo.responsibleId()
                : origin.actingUserId();
        var draft = new CrmActivities.Draft(todo.owner(), TYPE_ID, todo.title(), false, responsible, 0,
                todo.deadline(), todo.deadline(), List.of(), bindings);
        ObjectNode fields = CrmActivities.stored(portal, draft, origin.actingUserId());
        fields.put("PRIORITY", "1");
        fields.put("DESCRIPTION", todo.description());
        fields.put("DESCRIPTION_TYPE", "2"); // BB codes
        parent.ifPresent(p -> fields.put("ASSOCIATED_ENTITY_ID", p.path("ID").asText()));
        color(fields, todo.colorId());
        long id = crm.addActivity(fields, origin);
        parent.ifPresent(p -> {
            ObjectNode completed = p.deepCopy();
            CrmActivities.complete(completed, true);
            CrmActivities.replace(portal, origin, p.path("ID").asLong(), completed);
        });
        return id;
    }

    /**
     * crm.activity.todo.update: the to-do's deadline, title, description (an omitted title or description becomes
     * "", the action's defaults), responsible user, colour and parent.
     */
    public static long update(Portal portal, Origin origin, long id, Todo todo) {
        CrmStore crm = portal.store(CrmStore.class);
        ObjectNode current = open(portal, todo.owner(), id, "CAN_NOT_UPDATE_COMPLETED_TODO",
                "Completed activity cannot be modified");
        Optional<ObjectNode> parent = parent(crm, todo).filter(p -> p.path("ID").asLong() != id);
        return change(portal, origin, current, fields -> {
            deadline(portal, fields, todo.deadline());
            fields.put("SUBJECT", todo.title());
            fields.put("DESCRIPTION", todo.description());
            if (todo.responsibleId() != null && todo.responsibleId() > 0) {
                fields.put("RESPONSIBLE_ID", Long.toString(todo.responsibleId()));
            }
            color(fields, todo.colorId());
            parent.ifPresent(p -> fields.put("ASSOCIATED_ENTITY_ID", p.path("ID").asText()));
            return fields;
        });
    }

    /** crm.activity.todo.updateDeadline. */
    public static long updateDeadline(Portal portal, Origin origin, CrmRef owner, long id, Instant deadline) {
        ObjectNode current = open(portal, owner, id, "CAN_NOT_UPDATE_COMPLETED_TODO",
                "Completed activity cannot be modified");
        return change(portal, origin, current, fields -> {
            deadline(portal, fields, deadline);
            return fields;
        });
    }

    /** crm.activity.todo.updateDescription. */
    public static long updateDescription(Portal portal, Origin origin, CrmRef owner, long id, String description) {
        ObjectNode current = open(portal, owner, id, "CAN_NOT_UPDATE_COMPLETED_TODO",
                "Completed activity cannot be modified");
        return change(portal, origin, current, fields -> fields.put("DESCRIPTION", description));
    }

    /** crm.activity.todo.updateColor: one of the timeline's colours, else CAN_NOT_UPDATE_WRONG_COLOR_TODO. */
    public static long updateColor(Portal portal, Origin origin, CrmRef owner, long id, String colorId) {
        ObjectNode current = open(portal, owner, id, "CAN_NOT_UPDATE_COLOR_COMPLETED_TODO",
                "Cannot change color in a completed activity");
        if (!COLORS.contains(colorId)) {
            throw RestError.of("CAN_NOT_UPDATE_WRONG_COLOR_TODO", "Invalid color value");
        }
        return change(portal, origin, current, fields -> {
            color(fields, colorId);
            return fields;
        });
    }

    /** crm.activity.todo.updateResponsibleUser: a user ID above 0, else INVALID_ARG_VALUE. */
    public static long updateResponsible(Portal portal, Origin origin, CrmRef owner, long id, long responsibleId) {
        ObjectNode current = open(portal, owner, id, "CAN_NOT_UPDATE_RESPONSIBLE_USER_COMPLETED_TODO",
                "Cannot change the responsible user in a closed activity");
        if (responsibleId <= 0) {
            throw RestError.of("INVALID_ARG_VALUE", "Parameter \"responsibleId\" must be greater than 0");
        }
        return change(portal, origin, current, fields -> fields.put("RESPONSIBLE_ID", Long.toString(responsibleId)));
    }

    /**
     * The owner's to-do with the ID, not completed: another activity, one of another owner, or none is NOT_FOUND (the
     * server loads it by ID, provider and binding); a completed one is the action's own refusal.
     */
    private static ObjectNode open(Portal portal, CrmRef owner, long id, String completedCode, String completedText) {
        ObjectNode todo = portal.store(CrmStore.class).activity(id)
                .filter(a -> PROVIDER.equals(a.path("PROVIDER_ID").asText()) && bindingsOf(a).contains(owner))
                .orElseThrow(CrmTodos::notFound);
        if ("Y".equals(todo.path("COMPLETED").asText())) {
            throw RestError.of(completedCode, completedText);
        }
        return todo;
    }

    private static long change(Portal portal, Origin origin, ObjectNode current, UnaryOperator<ObjectNode> edit) {
        long id = current.path("ID").asLong();
        CrmActivities.replace(portal, origin, id, edit.apply(current.deepCopy()));
        return id;
    }

    /** A parent of the same owner that exists; any other is dropped, as the server drops it. */
    private static Optional<ObjectNode> parent(CrmStore crm, Todo todo) {
        if (todo.parentActivityId() == null || todo.parentActivityId() <= 0) {
            return Optional.empty();
        }
        return crm.activity(todo.parentActivityId()).filter(p -> bindingsOf(p).contains(todo.owner()));
    }

    private static void deadline(Portal portal, ObjectNode fields, Instant deadline) {
        String at = portal.iso(deadline);
        fields.put("START_TIME", at).put("END_TIME", at).put("DEADLINE", at);
    }

    /** SETTINGS.COLOR, for a colour of the timeline; another value leaves the to-do's colour as it was. */
    private static void color(ObjectNode fields, String colorId) {
        if (colorId != null && COLORS.contains(colorId)) {
            fields.putObject("SETTINGS").put("COLOR", colorId);
        }
    }

    private static List<CrmRef> bindingsOf(JsonNode activity) {
        List<CrmRef> refs = new ArrayList<>();
        for (JsonNode binding : activity.path("BINDINGS")) {
            CrmEntityType.byOwnerTypeId(binding.path("OWNER_TYPE_ID").asLong())
                    .ifPresent(type -> refs.add(new CrmRef(type, binding.path("OWNER_ID").asLong())));
        }
        return refs;
    }

    private static RestError notFound() {
        return RestError.of("NOT_FOUND", "Not found.");
    }
}
