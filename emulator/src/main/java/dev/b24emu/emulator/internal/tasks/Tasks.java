package dev.b24emu.emulator.internal.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.crm.CrmActivities;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.UserStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What tasks.task.add, .update, .complete and .delete do to a portal's tasks (specs/DECISIONS.md D169): the fields
 * checked in the order Control\Task::prepareFields checks them, the first fault answered as the server answers an
 * application exception (ERROR_CORE, its text ending in {@code <br>}); the task's CRM objects given one CRM_TASKS_TASK
 * activity, completed and deleted with it (Timeline\Tasks\Controller); each change told to the listener (the events).
 */
public final class Tasks {
    private static final int TITLE_LENGTH = 250;
    /** UF_CRM_TASK's prefixes of the kinds the emulator keeps (crm/data-types.md: L_, D_, C_, CO_) */
    private static final Map<String, CrmEntityType> CRM_PREFIXES = Map.of("L", CrmEntityType.LEAD,
            "D", CrmEntityType.DEAL, "C", CrmEntityType.CONTACT, "CO", CrmEntityType.COMPANY);

    private final TaskListener listener;

    public Tasks(TaskListener listener) {
        this.listener = listener;
    }

    private static TaskStore store(Portal portal) {
        return portal.store(TaskStore.class);
    }

    /** tasks.task.add: a new task from UPPER_CASE fields, with its CRM activity; OnTaskAdd. */
    public Task add(Portal portal, Origin origin, ObjectNode fields) {
        Params f = new Params(fields);
        String now = portal.isoNow();
        long caller = origin.actingUserId();
        String title = title(f.text("TITLE").orElse(""));
        int status = status(f.node("STATUS")).orElse(Task.PENDING);
        long parent = parent(portal, f, 0);
        long createdBy = f.phpInt("CREATED_BY") > 0 ? f.phpInt("CREATED_BY") : caller;
        long responsible = responsible(portal, f.node("RESPONSIBLE_ID").orElse(null));
        Dates dates = dates(portal, f, new Dates(null, null, null));
        Task task = new Task(store(portal).nextId(), title, description(f, ""), createdBy, responsible, createdBy,
                status, priority(f), f.phpInt("GROUP_ID"), parent, now, now, now,
                status >= Task.SUPPOSEDLY_COMPLETED && status <= Task.COMPLETED ? caller : 0,
                status >= Task.SUPPOSEDLY_COMPLETED && status <= Task.COMPLETED ? now : null,
                status == Task.IN_PROGRESS ? now : null, dates.deadline, dates.startPlan, dates.endPlan,
                flag(f, "TASK_CONTROL"), flag(f, "ALLOW_CHANGE_DEADLINE"), flag(f, "MATCH_WORK_TIME"),
                flag(f, "ADD_IN_REPORT"), users(f.node("ACCOMPLICES")), users(f.node("AUDITORS")),
                crmBindings(f.node("UF_CRM_TASK").orElse(null)), "{" + UUID.randomUUID() + "}", 0);
        store(portal).put(task);
        listener.changed(portal, TaskListener.Change.ADD, task.id(), origin);
        Task bound = task.withActivity(addActivity(portal, origin, task));
        store(portal).put(bound);
        return bound;
    }

    /**
     * tasks.task.update: the given fields changed, checked as add checks them; an update that changes nothing saves
     * nothing and sends no event. Empty when there is no such task.
     */
    public Optional<Task> update(Portal portal, Origin origin, long id, ObjectNode fields) {
        Optional<Task> found = store(portal).get(id);
        if (found.isEmpty()) {
            return found;
        }
        Task t = found.get();
        Params f = new Params(fields);
        String title = f.has("TITLE") ? title(f.text("TITLE").orElse("")) : t.title();
        int status = status(f.node("STATUS")).orElse(t.status());
        long parent = f.has("PARENT_ID") ? parent(portal, f, id) : t.parentId();
        long createdBy = f.phpInt("CREATED_BY") > 0 ? f.phpInt("CREATED_BY") : t.createdBy();
        long responsible = f.has("RESPONSIBLE_ID") ? responsible(portal, f.node("RESPONSIBLE_ID").orElse(null))
                : t.responsibleId();
        Dates dates = dates(portal, f, new Dates(t.deadline(), t.startDatePlan(), t.endDatePlan()));
        Task changed = new Task(t.id(), title, description(f, t.description()),
                createdBy, responsible, t.changedBy(), status, f.has("PRIORITY") ? priority(f) : t.priority(),
                f.has("GROUP_ID") ? f.phpInt("GROUP_ID") : t.groupId(), parent, t.createdDate(), t.changedDate(),
                t.statusChangedDate(), t.closedBy(), t.closedDate(), t.dateStart(), dates.deadline, dates.startPlan,
                dates.endPlan, f.has("TASK_CONTROL") ? flag(f, "TASK_CONTROL") : t.taskControl(),
                f.has("ALLOW_CHANGE_DEADLINE") ? flag(f, "ALLOW_CHANGE_DEADLINE") : t.allowChangeDeadline(),
                f.has("MATCH_WORK_TIME") ? flag(f, "MATCH_WORK_TIME") : t.matchWorkTime(),
                f.has("ADD_IN_REPORT") ? flag(f, "ADD_IN_REPORT") : t.addInReport(),
                f.has("ACCOMPLICES") ? users(f.node("ACCOMPLICES")) : t.accomplices(),
                f.has("AUDITORS") ? users(f.node("AUDITORS")) : t.auditors(),
                f.has("UF_CRM_TASK") ? crmBindings(f.node("UF_CRM_TASK").orElse(null)) : t.ufCrmTask(), t.guid(),
                t.crmActivityId());
        // an edit saves and tells OnTaskUpdate even when it changes nothing (Control\Task::update), unlike an action
        Task saved = withStatus(changed, status, t.status(), portal, origin);
        boolean rebound = !saved.ufCrmTask().equals(t.ufCrmTask());
        store(portal).put(saved);
        listener.changed(portal, TaskListener.Change.UPDATE, id, origin);
        if (rebound) {
            saved = rebind(portal, origin, saved);
            store(portal).put(saved);
        } else {
            syncActivity(portal, origin, saved);
        }
        return Optional.of(saved);
    }

    /**
     * tasks.task.complete (CTaskItem::proceedAction): completed, or awaiting the creator's control when the task asks
     * for control and the caller is neither its creator nor an administrator; nothing changes, and no event is sent,
     * when it already has that status. Empty when there is no such task.
     */
    public Optional<Task> complete(Portal portal, Origin origin, long id, boolean callerIsAdmin) {
        Optional<Task> found = store(portal).get(id);
        if (found.isEmpty()) {
            return found;
        }
        Task t = found.get();
        long caller = origin.actingUserId();
        int target = t.taskControl() && caller != t.createdBy() && !callerIsAdmin && t.createdBy() != t.responsibleId()
                ? Task.SUPPOSEDLY_COMPLETED : Task.COMPLETED;
        if (t.status() == target) {
            return found;
        }
        Task saved = withStatus(t, target, t.status(), portal, origin);
        store(portal).put(saved);
        listener.changed(portal, TaskListener.Change.UPDATE, id, origin);
        syncActivity(portal, origin, saved);
        return Optional.of(saved);
    }

    /** tasks.task.delete: the task and its CRM activity gone; OnTaskDelete. False when there is no such task. */
    public boolean delete(Portal portal, Origin origin, long id) {
        Optional<Task> found = store(portal).get(id);
        if (found.isEmpty() || !store(portal).remove(id)) {
            return false;
        }
        listener.changed(portal, TaskListener.Change.DELETE, id, origin);
        portal.store(ElapsedStore.class).removeTask(id);
        if (found.get().crmActivityId() > 0) {
            portal.store(CrmStore.class).deleteActivity(found.get().crmActivityId(), origin);
        }
        return true;
    }

    /**
     * The task after a status change (Control\Task::prepareStatus): by the caller now; closed by them for awaiting
     * control and completed, reopened otherwise; started when in progress.
     */
    private static Task withStatus(Task t, int status, int before, Portal portal, Origin origin) {
        String now = portal.isoNow();
        long caller = origin.actingUserId();
        boolean statusChanged = status != before;
        boolean closed = status == Task.SUPPOSEDLY_COMPLETED || status == Task.COMPLETED;
        return new Task(t.id(), t.title(), t.description(), t.createdBy(), t.responsibleId(), caller, status,
                t.priority(), t.groupId(), t.parentId(), t.createdDate(), now, statusChanged ? now : t.statusChangedDate(),
                !statusChanged ? t.closedBy() : closed ? caller : 0, !statusChanged ? t.closedDate() : closed ? now : null,
                statusChanged && status == Task.IN_PROGRESS ? now : t.dateStart(), t.deadline(), t.startDatePlan(),
                t.endDatePlan(), t.taskControl(), t.allowChangeDeadline(), t.matchWorkTime(), t.addInReport(),
                t.accomplices(), t.auditors(), t.ufCrmTask(), t.guid(), t.crmActivityId());
    }

    private static RestError fault(String text) {
        return TasksFault.core(text);
    }

    private static String title(String given) {
        String title = given.trim();
        if (title.isEmpty()) {
            throw fault("Task title not specified");
        }
        return title.length() > TITLE_LENGTH ? title.substring(0, TITLE_LENGTH) : title;
    }

    /** STATUS: 2 to 6 (1, the old "new", is 2); anything else an error. */
    private static Optional<Integer> status(Optional<JsonNode> given) {
        if (given.isEmpty() || given.get().isNull()) {
            return Optional.empty();
        }
        long status = Params.phpInt(given.get());
        if (status == 1) {
            return Optional.of(Task.PENDING);
        }
        if (status < Task.PENDING || status > 6) {
            throw fault("Invalid status");
        }
        return Optional.of((int) status);
    }

    /** PRIORITY: 0, 1 or 2; any other value 1, without a word (preparePriority). */
    private static int priority(Params f) {
        long priority = f.phpInt("PRIORITY");
        return f.has("PRIORITY") && priority >= 0 && priority <= 2 ? (int) priority : 1;
    }

    /**
     * PARENT_ID: a task that is there, and for an update ({@code taskId} above 0) neither the task itself nor one of
     * its subtasks, at any depth (CTasks::CheckFields, Dependence::canAttach: a parent chain never loops).
     */
    private static long parent(Portal portal, Params f, long taskId) {
        long parent = f.phpInt("PARENT_ID");
        if (parent > 0 && store(portal).get(parent).isEmpty()) {
            throw fault("Task specified in the \"Parent Task\" field not found");
        }
        if (taskId > 0 && parent == taskId) {
            throw fault("Cannot bind the node to itself");
        }
        // up from the new parent: reaching the task would make it its own ancestor; a chain is at most as long as
        // the store holds tasks, and the seen set ends a loop a state file might hold
        Set<Long> seen = new HashSet<>();
        for (long above = parent; taskId > 0 && above > 0 && seen.add(above); ) {
            if (above == taskId) {
                throw fault("Creating cyclic links in tasks is prohibited");
            }
            above = store(portal).get(above).map(Task::parentId).orElse(0L);
        }
        return Math.max(0, parent);
    }

    private static long responsible(Portal portal, JsonNode given) {
        long responsible = given == null ? 0 : Params.phpInt(given);
        if (responsible <= 0) {
            throw fault("Assignee not specified");
        }
        if (portal.store(UserStore.class).get(responsible).isEmpty()) {
            throw fault("User specified in the \"Assignee\" field not found");
        }
        return responsible;
    }

    private record Dates(String deadline, String startPlan, String endPlan) {
    }

    /** DEADLINE, START_DATE_PLAN, END_DATE_PLAN in any form strtotime reads ("" none), the plan in order. */
    private static Dates dates(Portal portal, Params f, Dates before) {
        Dates dates = new Dates(date(portal, f, "DEADLINE", before.deadline), date(portal, f, "START_DATE_PLAN",
                before.startPlan), date(portal, f, "END_DATE_PLAN", before.endPlan));
        if (dates.startPlan != null && dates.endPlan != null) {
            Instant start = Instant.parse(instant(dates.startPlan));
            Instant end = Instant.parse(instant(dates.endPlan));
            if (end.isBefore(start)) {
                throw fault("End date specified earlier than start date in scheduling");
            }
            if (end.getEpochSecond() - start.getEpochSecond() > Integer.MAX_VALUE) { // CTasks::MAX_INT seconds
                throw fault("Task duration specified is too long in scheduling");
            }
        }
        return dates;
    }

    private static String instant(String iso) {
        return java.time.OffsetDateTime.parse(iso).toInstant().toString();
    }

    private static String date(Portal portal, Params f, String name, String before) {
        if (!f.has(name)) {
            return before;
        }
        String given = f.textOrEmpty(name).trim();
        if (given.isEmpty()) {
            return null;
        }
        return PhpDates.strtotime(given, portal.settings().timeZone()).map(portal::iso)
                .orElseThrow(() -> fault("Incorrect date/time"));
    }

    /** DESCRIPTION as sent (the tasks module keeps it untrimmed), or the one before when not given. */
    private static String description(Params f, String before) {
        return f.has("DESCRIPTION") ? f.text("DESCRIPTION").orElse("") : before;
    }

    private static boolean flag(Params f, String name) {
        String value = f.textOrEmpty(name);
        return value.equalsIgnoreCase("Y") || value.equalsIgnoreCase("true");
    }

    private static List<Long> users(Optional<JsonNode> given) {
        java.util.Set<Long> ids = new java.util.LinkedHashSet<>(); // a list's contains per ID: 20 s for 1.5 MB of them
        given.ifPresent(node -> (node.isArray() ? node : JsonNodeFactory.instance.arrayNode().add(node)).forEach(id -> {
            long user = Params.phpInt(id);
            if (user > 0) {
                ids.add(user);
            }
        }));
        return List.copyOf(ids);
    }

    /** UF_CRM_TASK: a list of "L_4", "D_10"… (one such string too), kept as given. */
    private static List<String> crmBindings(JsonNode given) {
        List<String> bindings = new ArrayList<>();
        if (given != null) {
            Params.scalars(given).stream().map(String::trim).filter(v -> !v.isEmpty() && !bindings.contains(v))
                    .forEach(bindings::add);
        }
        return bindings;
    }

    /** The CRM objects the task names, in its order (an object of a kind the emulator does not keep: none). */
    private static List<CrmRef> crmObjects(Task task) {
        List<CrmRef> refs = new ArrayList<>();
        for (String binding : task.ufCrmTask()) {
            int underscore = binding.lastIndexOf('_');
            CrmEntityType type = underscore < 0 ? null
                    : CRM_PREFIXES.get(binding.substring(0, underscore).toUpperCase(Locale.ROOT));
            long id = underscore < 0 ? 0 : Params.phpInt(TextNode.valueOf(binding.substring(underscore + 1)));
            if (type != null && id > 0) {
                refs.add(new CrmRef(type, id));
            }
        }
        return refs;
    }

    /**
     * The CRM_TASKS_TASK activity of a new task's CRM objects (handleTaskActivityOnNewTask): one, bound to those the
     * portal has, when the first the task names is there and has a responsible user; 0 without.
     */
    private static long addActivity(Portal portal, Origin origin, Task task) {
        List<CrmRef> named = crmObjects(task);
        CrmStore crm = portal.store(CrmStore.class);
        boolean assigned = !named.isEmpty() && crm.get(named.get(0)).map(CrmItem::assignedById).orElse(0L) > 0;
        if (!assigned) {
            return 0;
        }
        List<CrmRef> objects = named.stream().filter(ref -> crm.get(ref).isPresent()).toList();
        return CrmActivities.addTask(portal, origin, activity(task), objects);
    }

    /**
     * A task whose CRM objects changed (onTaskBindingsUpdated): its activity bound to the new ones, deleted when it
     * has none left; one made when it had none.
     */
    private static Task rebind(Portal portal, Origin origin, Task task) {
        CrmStore crm = portal.store(CrmStore.class);
        List<CrmRef> objects = crmObjects(task).stream().filter(ref -> crm.get(ref).isPresent()).toList();
        if (task.crmActivityId() <= 0 || crm.activity(task.crmActivityId()).isEmpty()) {
            return task.withActivity(addActivity(portal, origin, task));
        }
        if (objects.isEmpty()) {
            crm.deleteActivity(task.crmActivityId(), origin);
            return task.withActivity(0);
        }
        CrmActivities.updateTask(portal, origin, task.crmActivityId(), activity(task), objects);
        return task;
    }

    /** The activity follows its task's title, description, responsible, dates and completion (updateByTask). */
    private static void syncActivity(Portal portal, Origin origin, Task task) {
        if (task.crmActivityId() > 0) {
            CrmActivities.updateTask(portal, origin, task.crmActivityId(), activity(task), List.of());
        }
    }

    private static CrmActivities.TaskActivity activity(Task task) {
        return new CrmActivities.TaskActivity(task.id(), task.title(), task.description(), task.responsibleId(),
                task.deadline(), task.startDatePlan(), task.endDatePlan(), task.status() == Task.COMPLETED, task.priority());
    }
}
