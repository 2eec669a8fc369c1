package dev.b24emu.emulator.internal.tasks;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A missed call's follow-up task (D169): what a PBX connector sends to tasks.task.add and what it and the CRM read
 * back; the task's CRM activity, its events.
 */
class TasksApiTest extends AppHarness {

    @Test
    void aConnectorMakesAFollowUpTaskBoundToTheCaller() {
        Response added = call("tasks.task.add", Map.of("fields", Map.of("TITLE", "Missed call", "RESPONSIBLE_ID", "2",
                "DESCRIPTION", "Call back +79990000001", "PRIORITY", "2", "DEADLINE", "2026-12-07 9:30:00",
                "UF_CRM_TASK", List.of("C_1"))));
        added.then().statusCode(200).body("result.task.title", equalTo("Missed call"))
                .body("result.task.responsibleId", equalTo("2")).body("result.task.createdBy", equalTo("1"))
                .body("result.task.status", equalTo("2")).body("result.task.priority", equalTo("2"))
                .body("result.task.group", equalTo(List.of())).body("result.task.responsible.id", equalTo("2"))
                .body("result.task.action.complete", equalTo(true)).body("result.task", not(hasKey("ufCrmTask")));
        String id = added.path("result.task.id");
        call("tasks.task.get", Map.of("taskId", id, "select", List.of("ID", "TITLE", "UF_CRM_TASK"))).then()
                .body("result.task.ufCrmTask", equalTo(List.of("C_1"))).body("result.task", not(hasKey("description")));
        // the CRM shows it on the contact's timeline as a CRM_TASKS_TASK activity
        Response activities = call("crm.activity.list", Map.of("filter", Map.of("PROVIDER_ID", "CRM_TASKS_TASK"),
                "select", List.of("ID", "TYPE_ID", "OWNER_TYPE_ID", "OWNER_ID", "ASSOCIATED_ENTITY_ID", "COMPLETED",
                        "RESPONSIBLE_ID", "SUBJECT")));
        activities.then().body("result.size()", equalTo(1)).body("result[0].TYPE_ID", equalTo("6"))
                .body("result[0].OWNER_TYPE_ID", equalTo("3")).body("result[0].ASSOCIATED_ENTITY_ID", equalTo(id))
                .body("result[0].RESPONSIBLE_ID", equalTo("2")).body("result[0].COMPLETED", equalTo("N"));
        call("tasks.task.list", Map.of("filter", Map.of("RESPONSIBLE_ID", 2, "<DEADLINE", "2026-12-08"),
                "select", List.of("ID", "TITLE"))).then().body("result.tasks.id", equalTo(List.of(id)))
                .body("total", equalTo(1));
        call("tasks.task.update", Map.of("taskId", id, "fields", Map.of("TITLE", "Missed call, twice"))).then()
                .body("result.task.title", equalTo("Missed call, twice"));
        call("tasks.task.complete", Map.of("taskId", id)).then().body("result.task.status", equalTo("5"))
                .body("result.task.closedBy", equalTo("1")).body("result.task.action.renew", equalTo(true));
        call("crm.activity.get", Map.of("id", activities.path("result[0].ID"))).then()
                .body("result.COMPLETED", equalTo("Y")).body("result.SUBJECT", equalTo("Missed call, twice"));
        call("tasks.task.delete", Map.of("taskId", id)).then().body("result.task", equalTo(true));
        call("tasks.task.get", Map.of("taskId", id)).then().statusCode(200).body("result", equalTo(List.of()));
        call("crm.activity.list", Map.of("filter", Map.of("PROVIDER_ID", "CRM_TASKS_TASK"))).then()
                .body("total", equalTo(0));
    }

    @Test
    void fieldFaultsAreTheServersApplicationErrors() {
        call("tasks.task.add", Map.of("fields", Map.of("RESPONSIBLE_ID", 2))).then().statusCode(400)
                .body("error", equalTo("ERROR_CORE")).body("error_description", equalTo("Task title not specified<br>"));
        call("tasks.task.add", Map.of("fields", Map.of("TITLE", "x"))).then()
                .body("error_description", equalTo("Assignee not specified<br>"));
        // the fields are read in capitals, as sent: title is no TITLE
        Response lower = call("tasks.task.add", Map.of("fields", Map.of("title", "x", "RESPONSIBLE_ID", 2)));
        lower.then().statusCode(400).body("error_description", equalTo("Task title not specified<br>"));
        assertEquals(1, lower.headers().getValues("X-B24-Emulator-Warning").size(), "the ignored key is reported");
        call("tasks.task.add", Map.of("fields", Map.of("TITLE", "x", "RESPONSIBLE_ID", 999))).then()
                .body("error_description", equalTo("User specified in the \"Assignee\" field not found<br>"));
        call("tasks.task.add", Map.of("fields", Map.of("TITLE", "x", "RESPONSIBLE_ID", 2, "STATUS", 9))).then()
                .body("error_description", equalTo("Invalid status<br>"));
        call("tasks.task.add", Map.of("fields", Map.of("TITLE", "x", "RESPONSIBLE_ID", 2,
                "START_DATE_PLAN", "2026-12-08", "END_DATE_PLAN", "2026-12-07"))).then()
                .body("error_description", equalTo("End date specified earlier than start date in scheduling<br>"));
        call("tasks.task.add", Map.of()).then().statusCode(400).body("error", equalTo("100"));
        call("tasks.task.get", Map.of("taskId", "abc")).then().statusCode(400).body("error", equalTo("0"))
                .body("error_description", equalTo("wrong task id"));
        call("tasks.task.complete", Map.of("taskId", 999)).then().statusCode(400)
                .body("error_description", equalTo("Action on the task is not allowed"));
        call("tasks.task.delete", Map.of("taskId", 999)).then().statusCode(400).body("error", equalTo("1048582"));
        call("tasks.task.list", Map.of("order", Map.of("NOPE", "asc"))).then().statusCode(400)
                .body("error_description", equalTo("Invalid sorting key"));
        // a priority it does not know is medium, without a word; no task means no CRM object to bind
        call("tasks.task.add", Map.of("fields", Map.of("TITLE", "Plain", "RESPONSIBLE_ID", 2, "PRIORITY", 7)))
                .then().statusCode(200).body("result.task.priority", equalTo("1")).body("result.task.deadline", nullValue());
    }

    /**
     * The checks tasks-task-add.md and -update.md list beside the parent's: a plan longer than CTasks::MAX_INT
     * seconds (about 68 years), a task made its own parent, or the parent of one of its parents.
     */
    @Test
    void aPlanTooLongAndAParentThatLoopsAreRefused() {
        call("tasks.task.add", Map.of("fields", Map.of("TITLE", "x", "RESPONSIBLE_ID", 2,
                "START_DATE_PLAN", "2025-01-10T10:00:00", "END_DATE_PLAN", "2125-01-01T10:00:00"))).then()
                .statusCode(400).body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("Task duration specified is too long in scheduling<br>"));
        call("tasks.task.add", Map.of("fields", Map.of("TITLE", "x", "RESPONSIBLE_ID", 2,
                "START_DATE_PLAN", "2025-01-10T10:00:00", "END_DATE_PLAN", "2093-01-01T10:00:00"))).then()
                .statusCode(200);
        String top = call("tasks.task.add", Map.of("fields", Map.of("TITLE", "Top", "RESPONSIBLE_ID", 2)))
                .path("result.task.id");
        String middle = call("tasks.task.add", Map.of("fields", Map.of("TITLE", "Middle", "RESPONSIBLE_ID", 2,
                "PARENT_ID", top))).path("result.task.id");
        String bottom = call("tasks.task.add", Map.of("fields", Map.of("TITLE", "Bottom", "RESPONSIBLE_ID", 2,
                "PARENT_ID", middle))).path("result.task.id");
        call("tasks.task.update", Map.of("taskId", top, "fields", Map.of("PARENT_ID", top))).then().statusCode(400)
                .body("error_description", equalTo("Cannot bind the node to itself<br>"));
        call("tasks.task.update", Map.of("taskId", top, "fields", Map.of("PARENT_ID", bottom))).then().statusCode(400)
                .body("error_description", equalTo("Creating cyclic links in tasks is prohibited<br>"));
        call("tasks.task.get", Map.of("taskId", top)).then().body("result.task.parentId", nullValue());
        // moving a subtask up is no loop
        call("tasks.task.update", Map.of("taskId", bottom, "fields", Map.of("PARENT_ID", top))).then().statusCode(200)
                .body("result.task.parentId", equalTo(top));
    }

    /**
     * What params and select ask beside the columns, as the controller adds it (fillResultInfo, fillWithTimerInfo,
     * fillWithTags, fillWithSubTasks, fillWithParentTaskInfo), answered for a portal that keeps no results, timers or
     * tags; what the emulator cannot answer (counters) is a notice, not a deviation of the client's.
     */
    @Test
    void whatParamsAndSelectAskIsAddedAsTheControllerAddsIt() {
        String top = call("tasks.task.add", Map.of("fields", Map.of("TITLE", "Top", "RESPONSIBLE_ID", 2)))
                .path("result.task.id");
        String sub = call("tasks.task.add", Map.of("fields", Map.of("TITLE", "Call back", "RESPONSIBLE_ID", 2,
                "PARENT_ID", top))).path("result.task.id");
        Map<String, Object> entry = new java.util.LinkedHashMap<>(); // bound by position: TASKID first
        entry.put("TASKID", sub);
        entry.put("ARFIELDS", Map.of("SECONDS", 90));
        call("task.elapseditem.add", entry).then().statusCode(200);
        Response listed = call("tasks.task.list", Map.of("filter", Map.of("ID", sub),
                "select", List.of("ID", "TIME_SPENT_IN_LOGS", "TAGS", "COUNTERS"),
                "params", Map.of("WITH_RESULT_INFO", true, "WITH_TIMER_INFO", true)));
        listed.then().statusCode(200).body("result.tasks[0].taskRequireResult", equalTo("N"))
                .body("result.tasks[0].taskHasOpenResult", equalTo("N")).body("result.tasks[0].taskHasResult", equalTo("N"))
                .body("result.tasks[0].timeElapsed", equalTo("90"))
                .body("result.tasks[0].timerIsRunningForCurrentUser", equalTo("N"))
                .body("result.tasks[0].tags", equalTo(List.of()))
                .header("X-B24-Emulator-Warning", nullValue());
        assertEquals(List.of("select COUNTERS: the emulator keeps no counters, CRM cards or parsed descriptions of a"
                + " task, and answers the task without them"), listed.headers().getValues("X-B24-Emulator-Notice"));
        call("tasks.task.get", Map.of("taskId", top, "select", List.of("ID", "SUB_TASKS", "RELATED_TASKS"))).then()
                .statusCode(200).body("result.task.subTasks." + sub, equalTo("Call back"))
                .body("result.task.relatedTasks", equalTo(List.of()));
        call("tasks.task.get", Map.of("taskId", sub, "select", List.of("ID", "PARENT_ID"),
                "params", Map.of("WITH_PARENT_TASK_INFO", "Y"))).then().statusCode(200)
                .body("result.task.parentTask.id", equalTo(top)).body("result.task.parentTask.title", equalTo("Top"));
        call("tasks.task.get", Map.of("taskId", top, "select", List.of("ID", "PARENT_ID"),
                "params", Map.of("WITH_PARENT_TASK_INFO", "Y"))).then().statusCode(200)
                .body("result.task.parentTask.id", equalTo(0)).body("result.task.parentTask.title", equalTo(""));
        // nothing asked, nothing added
        call("tasks.task.get", Map.of("taskId", top)).then().statusCode(200)
                .body("result.task", not(hasKey("taskHasResult"))).body("result.task", not(hasKey("tags")));
    }

    /**
     * The cards follow the columns that name their users, and a list row ends with subStatus, as tasks-task-list.md's
     * example shows for a select of RESPONSIBLE_ID, ACCOMPLICES and AUDITORS without CREATED_BY.
     */
    @Test
    void theCardsFollowTheSelectedColumns() {
        String id = call("tasks.task.add", Map.of("fields", Map.of("TITLE", "x", "RESPONSIBLE_ID", 2,
                "AUDITORS", List.of(1)))).then().statusCode(200).body("result.task", hasKey("creator"))
                .body("result.task.newCommentsCount", equalTo(0)).extract().path("result.task.id");
        Response listed = call("tasks.task.list", Map.of("filter", Map.of("ID", id),
                "select", List.of("ID", "STATUS", "RESPONSIBLE_ID", "ACCOMPLICES", "AUDITORS")));
        listed.then().statusCode(200).body("result.tasks[0]", not(hasKey("creator")))
                .body("result.tasks[0].responsible.id", equalTo("2")).body("result.tasks[0].accomplicesData", equalTo(List.of()))
                .body("result.tasks[0].auditorsData.1.id", equalTo("1"))
                .body("result.tasks[0]", not(hasKey("newCommentsCount")));
        List<String> keys = new java.util.ArrayList<>(listed.jsonPath().<String, Object>getMap("result.tasks[0]").keySet());
        assertEquals("subStatus", keys.get(keys.size() - 1), keys.toString());
        call("tasks.task.get", Map.of("taskId", id, "select", List.of("ID", "TITLE"))).then().statusCode(200)
                .body("result.task", not(hasKey("creator"))).body("result.task", not(hasKey("responsible")))
                .body("result.task", not(hasKey("newCommentsCount")));
    }

    /** A title without an operator is compared by SQL's LIKE, case ignored: % and _ are patterns (tasks-task-list.md). */
    @Test
    void aTitleIsSearchedByPattern() {
        for (String title : List.of("Bulk 10", "bulk 11", "Bulk 2", "Call back")) {
            call("tasks.task.add", Map.of("fields", Map.of("TITLE", title, "RESPONSIBLE_ID", 2))).then().statusCode(200);
        }
        call("tasks.task.list", Map.of("filter", Map.of("TITLE", "bulk 1%"), "order", Map.of("ID", "asc"),
                "select", List.of("ID", "TITLE"))).then().statusCode(200)
                .body("result.tasks.title", equalTo(List.of("Bulk 10", "bulk 11")));
        call("tasks.task.list", Map.of("filter", Map.of("TITLE", "call_back"), "select", List.of("ID", "TITLE")))
                .then().body("result.tasks.title", equalTo(List.of("Call back")));
        call("tasks.task.list", Map.of("filter", Map.of("!TITLE", "bulk%"), "select", List.of("ID", "TITLE")))
                .then().body("result.tasks.title", equalTo(List.of("Call back")));
    }

    /** A select naming DESCRIPTION brings DESCRIPTION_IN_BBCODE, which says how to read it (TaskList::prepareQuery). */
    @Test
    void theDescriptionComesWithHowToReadIt() {
        String id = call("tasks.task.add", Map.of("fields", Map.of("TITLE", "x", "RESPONSIBLE_ID", 2,
                "DESCRIPTION", "[b]Call[/b] back"))).path("result.task.id");
        call("tasks.task.get", Map.of("taskId", id, "select", List.of("ID", "DESCRIPTION"))).then().statusCode(200)
                .body("result.task.descriptionInBbcode", equalTo("Y"));
        call("tasks.task.list", Map.of("select", List.of("ID", "DESCRIPTION"))).then().statusCode(200)
                .body("result.tasks[0].descriptionInBbcode", equalTo("Y"));
        call("tasks.task.get", Map.of("taskId", id, "select", List.of("ID", "TITLE"))).then().statusCode(200)
                .body("result.task", not(hasKey("descriptionInBbcode")));
    }

    @Test
    void everyChangeIsAnEventWithTheTasksIdOnly() {
        String token = install("local.tasks", List.of("task"), null).getString("access_token");
        for (String event : List.of("OnTaskAdd", "OnTaskUpdate", "OnTaskDelete")) {
            oauth(token, "event.bind", Map.of("event", event, "event_type", "offline")).then().statusCode(200);
        }
        String id = call("tasks.task.add", Map.of("fields", Map.of("TITLE", "Evented", "RESPONSIBLE_ID", 2)))
                .then().statusCode(200).extract().path("result.task.id");
        // an edit saves even when it changes nothing (the queue keeps one update of the task); an action that changes
        // nothing saves nothing
        String created = call("tasks.task.get", Map.of("taskId", id)).path("result.task.changedDate");
        portal.clock().advance(java.time.Duration.ofMinutes(2));
        call("tasks.task.update", Map.of("taskId", id, "fields", Map.of("TITLE", "Evented"))).then().statusCode(200)
                .body("result.task.changedDate", not(equalTo(created)));
        call("tasks.task.complete", Map.of("taskId", id)).then().statusCode(200);
        portal.clock().advance(java.time.Duration.ofMinutes(2));
        String completed = call("tasks.task.get", Map.of("taskId", id)).path("result.task.changedDate");
        call("tasks.task.complete", Map.of("taskId", id)).then().statusCode(200) // completed already: no change
                .body("result.task.changedDate", equalTo(completed));
        call("tasks.task.delete", Map.of("taskId", id)).then().statusCode(200);
        Response queued = oauth(token, "event.offline.list", Map.of());
        queued.then().body("result.EVENT_NAME", equalTo(List.of("ONTASKADD", "ONTASKUPDATE", "ONTASKDELETE")))
                .body("result[0].EVENT_DATA.FIELDS_AFTER.ID", equalTo(id))
                .body("result[0].EVENT_DATA.FIELDS_BEFORE", equalTo("undefined"))
                .body("result[2].EVENT_DATA.FIELDS_AFTER", equalTo("undefined"));
        assertEquals(3, (int) queued.path("total"));
    }

    /** The activity follows the task's CRM objects; a list's STATUS is the meta status, -1 overdue. */
    @Test
    void theActivityFollowsTheBindingsAndOverdueTasksAreFound() {
        int deal = call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Bound"))).then().extract().path("result");
        String id = call("tasks.task.add", Map.of("fields", Map.of("TITLE", "Overdue", "RESPONSIBLE_ID", 2,
                "DEADLINE", "2001-01-01T10:00:00+00:00", "UF_CRM_TASK", List.of("D_" + deal))))
                .then().statusCode(200).extract().path("result.task.id");
        call("crm.activity.list", Map.of("filter", Map.of("PROVIDER_ID", "CRM_TASKS_TASK", "OWNER_TYPE_ID", 2,
                "OWNER_ID", deal))).then().body("total", equalTo(1));
        call("tasks.task.list", Map.of("filter", Map.of("STATUS", -1), "select", List.of("ID"))).then()
                .body("result.tasks.id", equalTo(List.of(id))).body("result.tasks[0].subStatus", equalTo("-1"));
        call("tasks.task.list", Map.of("filter", Map.of("STATUS", 2), "select", List.of("ID"))).then()
                .body("total", equalTo(0));
        String other = call("tasks.task.add", Map.of("fields", Map.of("TITLE", "Other", "RESPONSIBLE_ID", 3)))
                .then().extract().path("result.task.id");
        call("tasks.task.list", Map.of("filter", Map.of("::LOGIC", "OR", "::SUBFILTER-1", Map.of("RESPONSIBLE_ID", 3),
                "::SUBFILTER-2", Map.of("ID", id)), "order", Map.of("ID", "asc"), "select", List.of("ID"))).then()
                .body("result.tasks.id", equalTo(List.of(id, other)));
        call("tasks.task.update", Map.of("taskId", id, "fields", Map.of("UF_CRM_TASK", List.of("C_1")))).then()
                .statusCode(200);
        call("crm.activity.list", Map.of("filter", Map.of("PROVIDER_ID", "CRM_TASKS_TASK"),
                "select", List.of("ID", "OWNER_TYPE_ID", "OWNER_ID"))).then()
                .body("result.OWNER_TYPE_ID", equalTo(List.of("3"))).body("result.OWNER_ID", equalTo(List.of("1")));
        call("tasks.task.update", Map.of("taskId", id, "fields", Map.of("UF_CRM_TASK", List.of()))).then()
                .statusCode(200);
        call("crm.activity.list", Map.of("filter", Map.of("PROVIDER_ID", "CRM_TASKS_TASK"))).then()
                .body("total", equalTo(0));
    }
}
