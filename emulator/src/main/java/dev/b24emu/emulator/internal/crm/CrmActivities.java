package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * CRM activities (api-reference/crm/timeline/activities/): the one place that writes them, whether telephony's finish
 * records a call or a client calls crm.activity.add / crm.activity.update, so crm.activity.get and .list show both
 * alike: the fields of crm-activity-get.md's example, every value a string; the COMMUNICATIONS and BINDINGS it keeps
 * are answered only as the real server answers them ({@link #answered}). Meetings
 * (1), calls (2) and e-mails (4, never sent) are supported; the provider follows the type, DEADLINE follows
 * START_TIME (crm-activity-fields.md), STATUS follows COMPLETED (specs/DECISIONS.md D55).
 */
public final class CrmActivities {
    public static final int MEETING = 1;
    public static final int CALL = 2;
    public static final int EMAIL = 4;
    /** CCrmOwnerType::CallList: a call list's own activity is owned by the list */
    static final int CALL_LIST_OWNER_TYPE = 12;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Scalar fields a client may set that the activity keeps as given (as strings). */
    private static final List<String> PLAIN_FIELDS = List.of("ASSOCIATED_ENTITY_ID", "PRIORITY", "NOTIFY_TYPE",
            "NOTIFY_VALUE", "DESCRIPTION", "DESCRIPTION_TYPE", "LOCATION", "ORIGINATOR_ID", "ORIGIN_ID", "PROVIDER_DATA");

    private CrmActivities() {
    }

    /** One communication: the CRM object it belongs to, its type (PHONE, EMAIL) and value. */
    public record Communication(CrmRef entity, String type, String value) {
    }

    /**
     * What an activity is made of.
     *
     * @param bindings the objects whose timelines show it: the owner and each communication's object
     */
    public record Draft(CrmRef owner, int typeId, String subject, boolean completed, long responsibleId, int direction,
                        Instant start, Instant end, List<Communication> communications, List<CrmRef> bindings) {
    }

    /** The stored form of a new activity (without its ID), written by the given user now. */
    public static ObjectNode stored(Portal portal, Draft draft, long authorId) {
        String now = portal.isoNow();
        ObjectNode fields = NODES.objectNode();
        fields.put("OWNER_ID", Long.toString(draft.owner().id()));
        fields.put("OWNER_TYPE_ID", Integer.toString(draft.owner().type().ownerTypeId()));
        fields.put("TYPE_ID", Integer.toString(draft.typeId()));
        fields.put("PROVIDER_ID", provider(draft.typeId())[0]);
        fields.put("PROVIDER_TYPE_ID", provider(draft.typeId())[1]);
        fields.putNull("PROVIDER_GROUP_ID");
        fields.put("ASSOCIATED_ENTITY_ID", "0");
        fields.put("SUBJECT", draft.subject());
        fields.put("CREATED", now);
        fields.put("LAST_UPDATED", now);
        fields.put("START_TIME", portal.iso(draft.start()));
        fields.put("END_TIME", portal.iso(draft.end()));
        fields.put("DEADLINE", portal.iso(draft.start()));
        complete(fields, draft.completed());
        fields.put("RESPONSIBLE_ID", Long.toString(draft.responsibleId()));
        fields.put("PRIORITY", "2");
        fields.put("NOTIFY_TYPE", "0");
        fields.put("NOTIFY_VALUE", "0");
        fields.put("DESCRIPTION", "");
        fields.put("DESCRIPTION_TYPE", "1");
        fields.put("DIRECTION", Integer.toString(draft.direction()));
        fields.put("LOCATION", "");
        fields.putArray("SETTINGS");
        fields.putNull("ORIGINATOR_ID");
        fields.putNull("ORIGIN_ID");
        fields.put("AUTHOR_ID", Long.toString(authorId));
        fields.put("EDITOR_ID", Long.toString(authorId));
        fields.putArray("PROVIDER_PARAMS");
        fields.putNull("PROVIDER_DATA");
        fields.put("RESULT_MARK", "0");
        fields.putNull("RESULT_VALUE");
        fields.putNull("RESULT_SUM");
        fields.putNull("RESULT_CURRENCY_ID");
        fields.put("RESULT_STATUS", "0");
        fields.put("RESULT_STREAM", "0");
        fields.putNull("RESULT_SOURCE_ID");
        fields.put("AUTOCOMPLETE_RULE", "0");
        fields.set("COMMUNICATIONS", communications(portal, draft.communications()));
        fields.set("BINDINGS", bindings(draft.bindings()));
        return fields;
    }

    /** what a list's select names to have an activity's files answered (innerGetList's storage aliases) */
    private static final java.util.Set<String> FILE_NAMES = java.util.Set.of("FILES", "STORAGE_ELEMENT_IDS",
            "WEBDAV_ELEMENTS");

    /**
     * An activity as crm.activity.get or .list answers it, from what the list's select kept of it ({@code shown}):
     * BINDINGS is never answered and COMMUNICATIONS only by a list whose select names it (CCrmActivityDbResult reads
     * the communications only then; no answer carries the bindings, D163), the storage columns are no fields of the
     * answer, and the disk files they hold are FILES, `{id, url}` each
     * (CCrmActivityRestProxy::externalizeFields and tryExternalizeDiskFileField; the url in the form of
     * crm-activity-list.md's example), in get always and in a list when its select names FILES,
     * STORAGE_ELEMENT_IDS or WEBDAV_ELEMENTS (D161).
     */
    public static ObjectNode answered(ObjectNode stored, ObjectNode shown, java.util.Collection<String> select,
                                      String baseUrl) {
        ObjectNode answer = shown == stored ? stored.deepCopy() : shown;
        answer.remove(List.of("STORAGE_ELEMENT_IDS", "STORAGE_TYPE_ID", "BINDINGS"));
        if (select == null) {
            answer.remove("COMMUNICATIONS"); // get's select is empty: COMMUNICATIONS only when a list names it
        }
        JsonNode ids = stored.get("STORAGE_ELEMENT_IDS");
        boolean wanted = select == null || select.stream().anyMatch(FILE_NAMES::contains);
        if (wanted && ids != null && ids.isArray() && !ids.isEmpty()) {
            ArrayNode files = answer.putArray("FILES");
            String activityId = stored.path("ID").asText();
            for (JsonNode id : ids) {
                files.addObject().put("id", id.asLong()).put("url", baseUrl + "/bitrix/tools/crm_show_file.php?fileId="
                        + id.asText() + "&ownerTypeId=6&ownerId=" + activityId + "&auth=");
            }
        }
        return answer;
    }

    /**
     * crm.activity.add: checks what the real server checks, in its order (RESPONSIBLE_ID, TYPE_ID, the type,
     * COMMUNICATIONS, one communication for a call or meeting, bindings, access), fills in what it derives and stores
     * the activity. The fields a client may not omit without a refusal were checked against the schema before.
     */
    public static long add(Portal portal, Origin origin, ObjectNode fields) {
        long callerId = origin.actingUserId();
        Params f = new Params(fields);
        int typeId = (int) f.phpInt("TYPE_ID");
        requireSupported(typeId);
        CrmRef owner = owner(f).orElse(null);
        List<Communication> communications = communications(f.node("COMMUNICATIONS").orElse(null), typeId, owner);
        List<CrmRef> bindings = bindings(owner, communications);
        CrmRef primary = owner != null ? owner : bindings.get(0);
        requireExisting(portal, bindings);
        long responsible = f.phpInt("RESPONSIBLE_ID");
        if (responsible <= 0) {
            long ownersResponsible = crm(portal).get(primary).map(CrmItem::assignedById).orElse(0L);
            responsible = ownersResponsible > 0 ? ownersResponsible : callerId;
        }
        Instant start = time(portal, f, "START_TIME").orElse(portal.now());
        Draft draft = new Draft(primary, typeId, f.textOrEmpty("SUBJECT"), completed(f), responsible,
                (int) f.phpInt("DIRECTION"), start, time(portal, f, "END_TIME").orElse(start), communications, bindings);
        ObjectNode stored = stored(portal, draft, callerId);
        plainFields(f, stored);
        return crm(portal).addActivity(stored, origin);
    }

    /**
     * The activity crm.calllist.add makes with the list (\Bitrix\Crm\Controller\CallList::addCallList →
     * CallList::createActivity, D147): a CALL_LIST provider activity "Call list #ID" owned by the list itself (owner
     * type 12, the only binding; the members are not bound), open, the caller's, starting now. Deleting it leaves the
     * list, as the provider deletes nothing with it.
     */
    public static long addCallList(Portal portal, Origin origin, long listId) {
        long user = origin.actingUserId();
        Instant now = portal.now();
        // stored() writes a CRM object's owner; the list's own owner type and binding are put in its place
        ObjectNode fields = stored(portal, new Draft(new CrmRef(CrmEntityType.CONTACT, listId), CrmTodos.TYPE_ID,
                "Call list #" + listId, false, user, 0, now, now, List.of(), List.of()), user);
        String list = Long.toString(listId);
        fields.put("OWNER_TYPE_ID", Integer.toString(CALL_LIST_OWNER_TYPE));
        fields.put("PROVIDER_ID", "CALL_LIST").put("PROVIDER_TYPE_ID", "CALL_LIST").put("ASSOCIATED_ENTITY_ID", list);
        fields.putArray("BINDINGS").addObject().put("OWNER_ID", list)
                .put("OWNER_TYPE_ID", Integer.toString(CALL_LIST_OWNER_TYPE));
        return crm(portal).addActivity(fields, origin);
    }

    /**
     * What a task gives its CRM activity (Activity\Provider\Tasks\Task::prepareFields): its ID, title, description,
     * responsible user, deadline and plan (ISO, null when unset), whether it is completed, and its priority.
     */
    public record TaskActivity(long taskId, String title, String description, long responsibleId, String deadline,
                               String startPlan, String endPlan, boolean completed, int priority) {
    }

    /**
     * The activity the CRM makes for a task bound to its objects (Timeline\Tasks\Controller::onTaskAdded, D169): one
     * CRM_TASKS_TASK provider activity bound to every object, owned by the first, the task's ID its
     * ASSOCIATED_ENTITY_ID; written by the task's author, told as OnCrmActivityAdd.
     */
    public static long addTask(Portal portal, Origin origin, TaskActivity task, List<CrmRef> objects) {
        Instant now = portal.now();
        ObjectNode fields = stored(portal, new Draft(objects.get(0), CrmTodos.TYPE_ID, task.title(), task.completed(),
                task.responsibleId(), 0, now, now, List.of(), objects), origin.actingUserId());
        fields.put("PROVIDER_ID", "CRM_TASKS_TASK").put("PROVIDER_TYPE_ID", "TASKS_TASK")
                .put("ASSOCIATED_ENTITY_ID", Long.toString(task.taskId()));
        taskFields(fields, task);
        return crm(portal).addActivity(fields, origin);
    }

    /**
     * A task's activity after the task changed (updateByTask, onTaskCompleted, onTaskBindingsUpdated): bound to the
     * given objects, owned by the first, unless none are given; told as OnCrmActivityUpdate.
     */
    public static void updateTask(Portal portal, Origin origin, long activityId, TaskActivity task, List<CrmRef> objects) {
        crm(portal).activity(activityId).ifPresent(current -> {
            ObjectNode changed = current.deepCopy();
            changed.put("SUBJECT", task.title()).put("RESPONSIBLE_ID", Long.toString(task.responsibleId()));
            complete(changed, task.completed());
            taskFields(changed, task);
            if (!objects.isEmpty()) {
                changed.put("OWNER_ID", Long.toString(objects.get(0).id()));
                changed.put("OWNER_TYPE_ID", Integer.toString(objects.get(0).type().ownerTypeId()));
                changed.set("BINDINGS", bindings(objects));
            }
            replace(portal, origin, activityId, changed);
        });
    }

    /**
     * The description, the deadline ("" without one) and the plan as the task has them; without a plan the activity
     * keeps the times it was made at, which every activity answer carries as dates (D169).
     */
    private static void taskFields(ObjectNode fields, TaskActivity task) {
        fields.put("DESCRIPTION", task.description());
        fields.put("PRIORITY", task.priority() == 2 ? "3" : "1"); // Task2ActivityPriority: high is high, else low
        fields.put("DEADLINE", task.deadline() == null ? "" : task.deadline());
        if (task.startPlan() != null) {
            fields.put("START_TIME", task.startPlan());
        }
        if (task.endPlan() != null) {
            fields.put("END_TIME", task.endPlan());
        }
    }

    /**
     * CallList::completeAssociatedActivity: the list's CALL_LIST activity completed, once no client is left in work;
     * none when it was deleted (D147).
     */
    public static void completeCallList(Portal portal, Origin origin, long listId) {
        String list = Long.toString(listId);
        crm(portal).activities().stream()
                .filter(a -> "CALL_LIST".equals(a.path("PROVIDER_ID").asText()) && list.equals(a.path("ASSOCIATED_ENTITY_ID").asText()))
                .filter(a -> !"Y".equals(a.path("COMPLETED").asText()))
                .map(a -> a.path("ID").asLong()).findFirst()
                .ifPresent(id -> update(portal, origin, id, JsonNodeFactory.instance.objectNode().put("COMPLETED", "Y"), w -> { }));
    }

    /**
     * crm.activity.update: changes only the fields given. TYPE_ID cannot change (crm-activity-fields.md: immutable)
     * and is ignored with a warning; new COMMUNICATIONS or a new owner rebuild the bindings.
     */
    public static void update(Portal portal, Origin origin, long id, ObjectNode fields, Consumer<String> warnings) {
        ObjectNode current = crm(portal).activity(id)
                .orElseThrow(() -> RestError.of("ERROR_CORE", "Activity is not found."));
        Params f = new Params(fields);
        ObjectNode changed = current.deepCopy();
        int typeId = current.path("TYPE_ID").asInt();
        if (f.has("TYPE_ID") && f.phpInt("TYPE_ID") != typeId) {
            warnings.accept("TYPE_ID is immutable (crm-activity-fields.md): the activity stays of type " + typeId);
        }
        CrmRef owner = owner(f).orElseGet(() -> ownerOf(current).orElse(null)); // null: a call list's (owner type 12)
        List<Communication> communications = f.has("COMMUNICATIONS")
                ? communications(f.node("COMMUNICATIONS").get(), typeId, owner) : storedCommunications(current);
        if (f.has("COMMUNICATIONS") || owner(f).isPresent()) {
            List<CrmRef> bindings = bindings(owner, communications);
            requireExisting(portal, bindings);
            CrmRef primary = owner != null ? owner : bindings.get(0);
            changed.put("OWNER_ID", Long.toString(primary.id()));
            changed.put("OWNER_TYPE_ID", Integer.toString(primary.type().ownerTypeId()));
            if (f.has("COMMUNICATIONS")) { // saved again only when given: the others keep their IDs
                changed.set("COMMUNICATIONS", communications(portal, communications));
            }
            changed.set("BINDINGS", bindings(bindings));
        }
        f.text("SUBJECT").ifPresent(subject -> changed.put("SUBJECT", subject));
        if (f.phpInt("RESPONSIBLE_ID") > 0) {
            changed.put("RESPONSIBLE_ID", Long.toString(f.phpInt("RESPONSIBLE_ID")));
        }
        if (f.has("COMPLETED")) {
            complete(changed, completed(f));
        }
        if (f.has("DIRECTION")) {
            changed.put("DIRECTION", Long.toString(f.phpInt("DIRECTION")));
        }
        time(portal, f, "START_TIME").ifPresent(start -> changed.put("START_TIME", portal.iso(start))
                .put("DEADLINE", portal.iso(start)));
        time(portal, f, "END_TIME").ifPresent(end -> changed.put("END_TIME", portal.iso(end)));
        plainFields(f, changed);
        replace(portal, origin, id, changed);
    }

    /** Puts a changed activity in place, stamped with when and by whom it was edited (LAST_UPDATED, EDITOR_ID). */
    static void replace(Portal portal, Origin origin, long id, ObjectNode changed) {
        changed.put("LAST_UPDATED", portal.isoNow());
        changed.put("EDITOR_ID", Long.toString(origin.actingUserId()));
        crm(portal).replaceActivity(id, changed, origin);
    }

    private static CrmStore crm(Portal portal) {
        return portal.store(CrmStore.class);
    }

    /** VOXIMPLANT_CALL for calls (what telephony writes), the crm module's own providers for meetings, e-mails and to-dos. */
    private static String[] provider(int typeId) {
        return switch (typeId) {
            case MEETING -> new String[] {"CRM_MEETING", "MEETING"};
            case EMAIL -> new String[] {"CRM_EMAIL", "EMAIL"};
            case CrmTodos.TYPE_ID -> new String[] {CrmTodos.PROVIDER, "TODO"};
            default -> new String[] {"VOXIMPLANT_CALL", "CALL"};
        };
    }

    private static void requireSupported(int typeId) {
        if (typeId != MEETING && typeId != CALL && typeId != EMAIL) {
            throw error("The custom activity without provider is not supported in current context.");
        }
    }

    /** COMPLETED is Y when the value upper-cased is Y (the server's strtoupper check); STATUS 2 completed, 1 pending. */
    private static boolean completed(Params f) {
        return f.textOrEmpty("COMPLETED").toUpperCase(Locale.ROOT).equals("Y");
    }

    static void complete(ObjectNode fields, boolean completed) {
        fields.put("COMPLETED", completed ? "Y" : "N");
        fields.put("STATUS", completed ? "2" : "1");
    }

    /** OWNER_TYPE_ID and OWNER_ID when both are given; an owner of a type the emulator does not keep is refused. */
    private static Optional<CrmRef> owner(Params f) {
        long typeId = f.phpInt("OWNER_TYPE_ID");
        long id = f.phpInt("OWNER_ID");
        if (typeId <= 0 || id <= 0) {
            return Optional.empty();
        }
        return Optional.of(new CrmRef(CrmEntityType.byOwnerTypeId(typeId).orElseThrow(CrmActivities::accessDenied), id));
    }

    /** The activity's owner, unless it is of a type the CRM store does not keep (a call list's). */
    private static Optional<CrmRef> ownerOf(ObjectNode activity) {
        return CrmEntityType.byOwnerTypeId(activity.path("OWNER_TYPE_ID").asLong())
                .map(type -> new CrmRef(type, activity.path("OWNER_ID").asLong()));
    }

    /**
     * The server's reading of COMMUNICATIONS: an entry with a VALUE but no object gets the owner's; one without a
     * value or an object is dropped; a call's type defaults to PHONE and an e-mail's to EMAIL, another type drops the
     * entry. None left is an error, and a call or meeting takes only one.
     */
    private static List<Communication> communications(JsonNode given, int typeId, CrmRef owner) {
        List<Communication> kept = new ArrayList<>();
        if (given != null && given.isContainerNode()) {
            for (JsonNode entry : given) {
                Params c = new Params(entry.isObject() ? (ObjectNode) entry : NODES.objectNode());
                String value = c.textOrEmpty("VALUE");
                Optional<CrmEntityType> type = CrmEntityType.byOwnerTypeId(c.phpInt("ENTITY_TYPE_ID"));
                long entityId = c.phpInt("ENTITY_ID");
                CrmRef entity = type.isPresent() && entityId > 0 ? new CrmRef(type.get(), entityId) : owner;
                String kind = c.textOrEmpty("TYPE").toUpperCase(Locale.ROOT);
                String expected = typeId == CALL ? "PHONE" : typeId == EMAIL ? "EMAIL" : kind;
                if (kind.isEmpty()) {
                    kind = expected;
                }
                if (!value.isEmpty() && entity != null && kind.equals(expected)) {
                    kept.add(new Communication(entity, kind, value));
                }
            }
        }
        if (kept.isEmpty()) {
            throw error("The field COMMUNICATIONS is not defined or invalid.");
        }
        if (kept.size() > 1 && (typeId == CALL || typeId == MEETING)) {
            throw error("The only one communication is allowed for activity of specified type.");
        }
        return kept;
    }

    private static List<Communication> storedCommunications(ObjectNode activity) {
        List<Communication> stored = new ArrayList<>();
        for (JsonNode c : activity.path("COMMUNICATIONS")) {
            CrmEntityType.byOwnerTypeId(c.path("ENTITY_TYPE_ID").asLong()).ifPresent(type -> stored.add(new Communication(
                    new CrmRef(type, c.path("ENTITY_ID").asLong()), c.path("TYPE").asText(), c.path("VALUE").asText())));
        }
        return stored;
    }

    /** The owner and each communication's object, once each; none is the binding error. */
    private static List<CrmRef> bindings(CrmRef owner, List<Communication> communications) {
        Set<CrmRef> bindings = new LinkedHashSet<>();
        if (owner != null) {
            bindings.add(owner);
        }
        communications.forEach(c -> bindings.add(c.entity()));
        if (bindings.isEmpty()) {
            throw error("Could not build binding. Please ensure that owner info and communications are defined correctly.");
        }
        return List.copyOf(bindings);
    }

    /** The server checks the right to change every bound object; an object that does not exist grants none. */
    private static void requireExisting(Portal portal, List<CrmRef> bindings) {
        for (CrmRef ref : bindings) {
            if (crm(portal).get(ref).isEmpty()) {
                throw accessDenied();
            }
        }
    }

    private static Optional<Instant> time(Portal portal, Params f, String name) {
        return f.text(name).flatMap(text -> PhpDates.strtotime(text, portal.settings().timeZone())); // unConvertDateTime
    }

    private static void plainFields(Params f, ObjectNode stored) {
        for (String name : PLAIN_FIELDS) {
            f.text(name).ifPresent(value -> stored.put(name, value));
        }
    }

    /**
     * The communications as b_crm_act_comm keeps them (the store numbers them): TYPE, VALUE, the object and its
     * ENTITY_SETTINGS, the names CCrmActivity::PrepareCommunicationSettings copies from the object when the activity
     * is saved (D163).
     */
    private static ArrayNode communications(Portal portal, List<Communication> communications) {
        ArrayNode array = NODES.arrayNode();
        for (Communication c : communications) {
            array.addObject().put("TYPE", c.type()).put("VALUE", c.value())
                    .put("ENTITY_ID", Long.toString(c.entity().id()))
                    .put("ENTITY_TYPE_ID", Integer.toString(c.entity().type().ownerTypeId()))
                    .set("ENTITY_SETTINGS", entitySettings(portal, c.entity()));
        }
        return array;
    }

    /**
     * PrepareCommunicationSettings: a lead's HONORIFIC, NAME, SECOND_NAME, LAST_NAME and LEAD_TITLE; a contact's
     * names and, when it has a company, COMPANY_TITLE and COMPANY_ID; a company's COMPANY_TITLE; "" for a value the
     * object lacks, [] for an object it cannot find.
     */
    private static JsonNode entitySettings(Portal portal, CrmRef entity) {
        CrmStore crm = crm(portal);
        CrmItem item = crm.get(entity).orElse(null);
        if (item == null || entity.type() == CrmEntityType.DEAL) {
            return NODES.arrayNode();
        }
        ObjectNode settings = NODES.objectNode();
        if (entity.type() == CrmEntityType.COMPANY) {
            return settings.put("COMPANY_TITLE", item.text("TITLE"));
        }
        for (String name : List.of("HONORIFIC", "NAME", "SECOND_NAME", "LAST_NAME")) {
            settings.put(name, item.text(name));
        }
        if (entity.type() == CrmEntityType.LEAD) {
            return settings.put("LEAD_TITLE", item.text("TITLE"));
        }
        long companyId = item.longField("COMPANY_ID");
        crm.get(new CrmRef(CrmEntityType.COMPANY, companyId)).ifPresent(company -> settings
                .put("COMPANY_TITLE", company.text("TITLE")).put("COMPANY_ID", Long.toString(companyId)));
        return settings;
    }

    private static ArrayNode bindings(List<CrmRef> bindings) {
        ArrayNode array = NODES.arrayNode();
        for (CrmRef ref : bindings) {
            array.addObject().put("OWNER_ID", Long.toString(ref.id()))
                    .put("OWNER_TYPE_ID", Integer.toString(ref.type().ownerTypeId()));
        }
        return array;
    }

    private static RestError accessDenied() {
        return error("Access denied.");
    }

    private static RestError error(String message) {
        return RestError.of("ERROR_CORE", message);
    }
}
