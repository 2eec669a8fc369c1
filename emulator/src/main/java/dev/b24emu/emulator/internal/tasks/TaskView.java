package dev.b24emu.emulator.internal.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.NameCase;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A task as the Task controller answers it (specs/DECISIONS.md D169): the row's columns in the order of
 * tasks-task-add.md's example, camelCase, their values as the database gives them (numbers as strings, null where
 * unset), dates in ISO 8601 with the portal's offset; then the group, the creator's and responsible's cards, the
 * actions the caller may take and the empty check list. A list's row has no actions and adds subStatus.
 */
public final class TaskView {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** where tasks shows a user without a photo */
    private static final String DEFAULT_ICON = "/bitrix/images/tasks/default_avatar.png";
    /** the system custom fields: selecting one answers all three (tasks/fields.md) */
    private static final List<String> SYSTEM_UF = List.of("UF_CRM_TASK", "UF_TASK_WEBDAV_FILES", "UF_MAIL_MESSAGE");

    private TaskView() {
    }

    /** tasks.task.add, update and complete: the whole task, as get answers it without a select. */
    public static ObjectNode get(Portal portal, Task task, long callerId) {
        return get(portal, task, new TaskExtras.Asked(null, List.of()), callerId);
    }

    /**
     * tasks.task.get: the task under select (none or * every column, no custom field), with what its params and
     * select ask beside the columns ({@link TaskExtras}).
     */
    public static ObjectNode get(Portal portal, Task task, TaskExtras.Asked asked, long callerId) {
        Collection<String> select = asked.select();
        ObjectNode json = columns(portal, task, select);
        cards(portal, task, json, new HashMap<>());
        TaskExtras.ofGet(portal, task, json, asked);
        if (select.isEmpty() || select.contains("*") || select.contains("NEW_COMMENTS_COUNT")) {
            json.put("newCommentsCount", 0); // getAction counts the caller's unread comments; the emulator keeps none
        }
        json.set("action", actions(task, callerId));
        if (select.isEmpty() || select.contains("*")) {
            checkList(json, callerId);
        }
        return json;
    }

    /**
     * A row of tasks.task.list: the columns, the group, the cards of the users its columns name, what params and
     * select ask, and subStatus last (listAction sets SUB_STATUS after the fills; every row has it, whatever the
     * select), a user's card made once for the whole list ({@code cards}): made for every mention, 50 tasks naming
     * a user with a long name in four places each answered 200 times its name.
     */
    public static ObjectNode listed(Portal portal, Task task, TaskExtras.Asked asked, Map<Long, ObjectNode> cards) {
        ObjectNode row = columns(portal, task, asked.select());
        cards(portal, task, row, cards);
        TaskExtras.ofList(row, asked);
        row.put("subStatus", subStatus(portal, task));
        return row;
    }

    /** The task's columns under their UPPER names, as a list's filter and order read them. */
    static ObjectNode record(Portal portal, Task task) {
        ObjectNode record = NODES.objectNode();
        all(portal, task).fields().forEachRemaining(entry -> record.set(NameCase.upperSnake(entry.getKey()), entry.getValue()));
        record.put("REAL_STATUS", Integer.toString(task.status()));
        record.put("STATUS", subStatus(portal, task)); // a filter's STATUS is the meta status: -1 is overdue
        ArrayNode crm = record.putArray("UF_CRM_TASK");
        task.ufCrmTask().forEach(crm::add);
        return record;
    }

    /** The meta status a list adds: -1 overdue (an open task past its deadline), else the real status. */
    private static String subStatus(Portal portal, Task task) {
        boolean open = task.status() < Task.SUPPOSEDLY_COMPLETED || task.status() == 6;
        if (open && task.deadline() != null
                && OffsetDateTime.parse(task.deadline()).toInstant().isBefore(portal.now())) {
            return "-1";
        }
        return Integer.toString(task.status());
    }

    private static ObjectNode columns(Portal portal, Task task, Collection<String> select) {
        ObjectNode all = all(portal, task);
        boolean every = select.isEmpty() || select.contains("*");
        boolean custom = select.stream().anyMatch(SYSTEM_UF::contains);
        // DESCRIPTION brings DESCRIPTION_IN_BBCODE, which says how to read it (TaskList::prepareQuery)
        boolean bbcode = select.contains("DESCRIPTION");
        ObjectNode json = NODES.objectNode();
        all.fields().forEachRemaining(entry -> {
            String upper = NameCase.upperSnake(entry.getKey());
            // a select keeps the row's own order; FAVORITE comes with any select (prepareSelect)
            if (every || select.contains(upper) || upper.equals("FAVORITE")
                    || bbcode && upper.equals("DESCRIPTION_IN_BBCODE")) {
                json.set(entry.getKey(), entry.getValue());
            }
            if (custom && entry.getKey().equals("deadline")) { // the custom fields follow the columns they were named with
                customFields(task, json);
            }
        });
        return json;
    }

    private static void customFields(Task task, ObjectNode json) {
        if (task.ufCrmTask().isEmpty()) {
            json.put("ufCrmTask", false); // a custom field without values is false (tasks.task.approve's capture)
        } else {
            ArrayNode crm = json.putArray("ufCrmTask");
            task.ufCrmTask().forEach(crm::add);
        }
        json.put("ufTaskWebdavFiles", false);
        json.putNull("ufMailMessage");
    }

    /** Every column, in the example's order. */
    private static ObjectNode all(Portal portal, Task task) {
        ObjectNode json = NODES.objectNode();
        json.put("id", Long.toString(task.id()));
        id(json, "parentId", task.parentId());
        json.put("title", task.title());
        json.put("description", task.description());
        json.putNull("mark");
        json.put("priority", Integer.toString(task.priority()));
        json.put("multitask", "N").put("notViewed", "N").put("replicate", "N").put("stageId", "0");
        json.put("createdBy", Long.toString(task.createdBy()));
        json.put("createdDate", task.createdDate());
        json.put("responsibleId", Long.toString(task.responsibleId()));
        json.put("changedBy", Long.toString(task.changedBy()));
        json.put("changedDate", task.changedDate());
        id(json, "statusChangedBy", task.closedBy());
        id(json, "closedBy", task.closedBy());
        json.put("closedDate", task.closedDate());
        json.put("activityDate", task.changedDate());
        json.put("dateStart", task.dateStart());
        json.put("deadline", task.deadline());
        json.put("startDatePlan", task.startDatePlan());
        json.put("endDatePlan", task.endDatePlan());
        json.put("guid", task.guid());
        json.putNull("xmlId").putNull("commentsCount").putNull("serviceCommentsCount");
        json.put("allowChangeDeadline", yn(task.allowChangeDeadline())).put("allowTimeTracking", "N");
        json.put("taskControl", yn(task.taskControl())).put("addInReport", yn(task.addInReport()));
        json.putNull("forkedByTemplateId");
        json.put("timeEstimate", "0");
        // the sum of the task's time entries (a SUM over none is null)
        portal.store(ElapsedStore.class).secondsOf(task.id()).ifPresentOrElse(
                seconds -> json.put("timeSpentInLogs", Long.toString(seconds)), () -> json.putNull("timeSpentInLogs"));
        json.put("matchWorkTime", yn(task.matchWorkTime()));
        json.putNull("forumTopicId").putNull("forumId");
        json.put("siteId", "s1").put("subordinate", "N");
        json.putNull("exchangeModified").putNull("exchangeId");
        json.put("outlookVersion", "1");
        json.putNull("viewedDate").putNull("sorting").putNull("durationFact");
        json.put("isMuted", "N").put("isPinned", "N").put("isPinnedInGroup", "N").putNull("flowId");
        json.put("descriptionInBbcode", "Y");
        json.put("status", Integer.toString(task.status()));
        json.put("statusChangedDate", task.statusChangedDate());
        json.putNull("durationPlan");
        json.put("durationType", "days").put("favorite", "N");
        json.put("groupId", Long.toString(task.groupId()));
        ids(json.putArray("auditors"), task.auditors());
        ids(json.putArray("accomplices"), task.accomplices());
        json.putArray("checklist");
        return json;
    }

    /**
     * The group ([] without one: the emulator keeps no projects), then the cards of the users the row's columns name (fillUserInfo: a creator card only with
     * CREATED_BY among them, as tasks-task-list.md's example shows, which selects RESPONSIBLE_ID alone).
     */
    private static void cards(Portal portal, Task task, ObjectNode json, Map<Long, ObjectNode> made) {
        json.putArray("group");
        if (json.has("createdBy")) {
            json.set("creator", card(portal, task.createdBy(), made));
        }
        if (json.has("responsibleId")) {
            json.set("responsible", card(portal, task.responsibleId(), made));
        }
        if (json.has("accomplices")) {
            json.set("accomplicesData", userCards(portal, task.accomplices(), made));
        }
        if (json.has("auditors")) {
            json.set("auditorsData", userCards(portal, task.auditors(), made));
        }
    }

    /** The cards of several users: [] for none, else an object keyed by their IDs. */
    private static JsonNode userCards(Portal portal, List<Long> users, Map<Long, ObjectNode> made) {
        if (users.isEmpty()) {
            return NODES.arrayNode();
        }
        ObjectNode cards = NODES.objectNode();
        users.forEach(id -> cards.set(Long.toString(id), card(portal, id, made)));
        return cards;
    }

    /** {id, name, link, icon, workPosition} (fillUserInfo), made once per answer and shared (never changed after). */
    private static ObjectNode card(Portal portal, long userId, Map<Long, ObjectNode> made) {
        return made.computeIfAbsent(userId, id -> card(portal, id));
    }

    private static ObjectNode card(Portal portal, long userId) {
        ObjectNode card = NODES.objectNode().put("id", Long.toString(userId));
        User user = portal.store(UserStore.class).get(userId).orElse(null);
        card.put("name", user == null ? "" : user.fullName());
        card.put("link", "/company/personal/user/" + userId + "/");
        String photo = user == null ? "" : user.profileField("PERSONAL_PHOTO");
        card.put("icon", photo.isEmpty() ? DEFAULT_ICON : photo);
        String position = user == null ? "" : user.profileField("WORK_POSITION");
        if (position.isEmpty()) {
            card.putNull("workPosition");
        } else {
            card.put("workPosition", position);
        }
        return card;
    }

    /** What the caller may do with the task now, under the controller's names (getAccessActions). */
    private static ObjectNode actions(Task task, long callerId) {
        int status = task.status();
        boolean closed = status == Task.SUPPOSEDLY_COMPLETED || status == Task.COMPLETED;
        boolean creator = callerId == task.createdBy();
        ObjectNode action = NODES.objectNode();
        action.put("accept", false).put("decline", false).put("complete", !closed)
                .put("approve", status == Task.SUPPOSEDLY_COMPLETED && creator)
                .put("disapprove", status == Task.SUPPOSEDLY_COMPLETED && creator)
                .put("start", status == Task.PENDING || status == 6).put("pause", status == Task.IN_PROGRESS)
                .put("delegate", !closed).put("remove", true).put("edit", true)
                .put("defer", status == Task.PENDING || status == Task.IN_PROGRESS).put("renew", closed || status == 6)
                .put("create", true).put("changeDeadline", true).put("checklistAddItems", true)
                .put("addFavorite", true).put("deleteFavorite", false).put("rate", true)
                .put("edit.originator", false).put("checklist.reorder", true).put("elapsedtime.add", true)
                .put("dayplan.timer.toggle", false).put("edit.plan", true).put("checklist.add", true)
                .put("favorite.add", true).put("favorite.delete", false);
        return action;
    }

    /** The empty check list tree a task without check-list items has. */
    private static void checkList(ObjectNode json, long callerId) {
        ObjectNode tree = json.putObject("checkListTree").put("nodeId", 0);
        ObjectNode fields = tree.putObject("fields");
        fields.putNull("id").putNull("copiedId").putNull("entityId").put("userId", callerId).putNull("createdBy")
                .putNull("parentId").put("title", "").putNull("sortIndex").put("displaySortIndex", "")
                .put("isComplete", false).put("isImportant", false).put("completedCount", 0);
        fields.putArray("members");
        fields.putArray("attachments");
        tree.putArray("action");
        tree.putArray("descendants");
        json.put("checkListCanAdd", true);
    }

    private static void id(ObjectNode json, String name, long id) {
        if (id > 0) {
            json.put(name, Long.toString(id));
        } else {
            json.putNull(name);
        }
    }

    private static void ids(ArrayNode array, List<Long> ids) {
        ids.forEach(id -> array.add(Long.toString(id)));
    }

    private static String yn(boolean flag) {
        return flag ? "Y" : "N";
    }
}
