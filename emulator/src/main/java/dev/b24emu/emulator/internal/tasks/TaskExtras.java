package dev.b24emu.emulator.internal.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What the Task controller adds to a task when its {@code params} or {@code select} ask (tasks.task.get and .list:
 * fillResultInfo, fillWithTimerInfo, fillWithTags, fillWithSubTasks …), in the controller's order, after the cards.
 * The emulator keeps no results, timers, tags or dependencies, so those answer what a portal with none answers; what
 * it cannot answer at all (counters, CRM cards, the mobile parser's description) is {@link #unanswered}.
 */
public final class TaskExtras {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * The request's {@code params} (a PHP array, its keys tested by array_key_exists: any value asks) and upper-cased
     * {@code select}.
     */
    public record Asked(JsonNode params, Collection<String> select) {
        boolean param(String name) {
            return params != null && params.isObject() && params.has(name);
        }
    }

    private TaskExtras() {
    }

    /** What was asked that the emulator does not answer, the same for every task: a get's or a list's. */
    public static List<String> unanswered(Asked asked, boolean get) {
        List<String> unanswered = new ArrayList<>();
        if (asked.select().contains("COUNTERS")) {
            unanswered.add("select COUNTERS");
        }
        if (get && asked.param("WITH_CRM_INFO") && asked.select().contains("UF_CRM_TASK")) {
            unanswered.add("params WITH_CRM_INFO");
        }
        if (asked.param("WITH_PARSED_DESCRIPTION")) {
            unanswered.add("params WITH_PARSED_DESCRIPTION");
        }
        return unanswered;
    }

    /** tasks.task.get's additions (getAction). */
    static void ofGet(Portal portal, Task task, ObjectNode json, Asked asked) {
        results(json, asked);
        timer(json, asked);
        if (asked.select().contains("RELATED_TASKS")) {
            json.putArray("relatedTasks"); // no task depends on another: the emulator keeps no dependencies
        }
        if (asked.select().contains("SUB_TASKS")) {
            subTasks(portal, task, json);
        }
        tags(json, asked);
        if (asked.param("WITH_FILES_INFO") && asked.select().contains("UF_TASK_WEBDAV_FILES")) {
            json.putArray("files"); // the emulator keeps no task's files
        }
        if (asked.param("WITH_PARENT_TASK_INFO") && asked.select().contains("PARENT_ID")) {
            ObjectNode parent = json.putObject("parentTask");
            Task above = task.parentId() > 0 ? portal.store(TaskStore.class).get(task.parentId()).orElse(null) : null;
            if (above == null) {
                parent.put("id", 0).put("title", "");
            } else {
                parent.put("id", Long.toString(above.id())).put("title", above.title());
            }
        }
    }

    /** tasks.task.list's additions (listAction). */
    static void ofList(ObjectNode json, Asked asked) {
        results(json, asked);
        timer(json, asked);
        tags(json, asked);
    }

    /** fillResultInfo: no task requires or has a result (the emulator keeps none). */
    private static void results(ObjectNode json, Asked asked) {
        if (asked.param("WITH_RESULT_INFO")) {
            json.put("taskRequireResult", "N").put("taskHasOpenResult", "N").put("taskHasResult", "N");
        }
    }

    /** fillWithTimerInfo: the time logged (TIME_SPENT_IN_LOGS, null unless selected), no timer running. */
    private static void timer(ObjectNode json, Asked asked) {
        if (asked.param("WITH_TIMER_INFO")) {
            json.set("timeElapsed", json.has("timeSpentInLogs") ? json.get("timeSpentInLogs") : NODES.nullNode());
            json.put("timerIsRunningForCurrentUser", "N");
        }
    }

    /** fillWithTags: the task's tags, [] for none (the emulator keeps none). */
    private static void tags(ObjectNode json, Asked asked) {
        if (asked.select().contains("TAGS")) {
            json.putArray("tags");
        }
    }

    /** fillWithSubTasks: {ID: TITLE} of the tasks one level below, [] for none (PHP's empty array). */
    private static void subTasks(Portal portal, Task task, ObjectNode json) {
        List<Task> below = new ArrayList<>();
        portal.store(TaskStore.class).all().stream().filter(t -> t.parentId() == task.id()).forEach(below::add);
        if (below.isEmpty()) {
            json.putArray("subTasks");
            return;
        }
        ObjectNode sub = json.putObject("subTasks");
        below.stream().sorted(Comparator.comparingLong(Task::id))
                .forEach(t -> sub.put(Long.toString(t.id()), t.title()));
    }
}
