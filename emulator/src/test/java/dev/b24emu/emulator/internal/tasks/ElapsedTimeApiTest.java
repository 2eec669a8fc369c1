package dev.b24emu.emulator.internal.tasks;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Time logged on tasks (D175) as call reports read it, and the task fields SDKs ask for first (D176): the arguments
 * bound by their order, not their names; every value a string; a page of 50 without a task.
 */
class ElapsedTimeApiTest extends AppHarness {

    private String task(String title) {
        return call("tasks.task.add", Map.of("fields", Map.of("TITLE", title, "RESPONSIBLE_ID", 1)))
                .path("result.task.id");
    }

    /** The parameters in the order given: the task.* methods bind them by position. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    @Test
    void aReportAddsUpTheTimeLoggedOnTasksByItsUsers() {
        String first = task("Call back");
        String second = task("Send the offer");
        call("task.elapseditem.add", ordered("TASKID", first, "ARFIELDS", Map.of("SECONDS", 3600, "COMMENT_TEXT",
                "call"))).then().statusCode(200).body("result", equalTo(1));
        call("task.elapseditem.add", ordered("TASKID", second, "ARFIELDS", Map.of("SECONDS", 90, "USER_ID", 2,
                "CREATED_DATE", "2026-11-30T10:00:00+03:00"))).then().body("result", equalTo(2));
        // the names do not count, only the order: order, filter without a task means every task's entries
        Response byUser = call("task.elapseditem.getlist", ordered("order", Map.of("ID", "asc"), "filter",
                Map.of("USER_ID", "1")));
        byUser.then().statusCode(200).body("total", equalTo(1)).body("result[0].ID", equalTo("1"))
                .body("result[0].TASK_ID", equalTo(first)).body("result[0].SECONDS", equalTo("3600"))
                .body("result[0].MINUTES", equalTo("60")).body("result[0].SOURCE", equalTo("2"))
                .body("result[0].COMMENT_TEXT", equalTo("call")).body("result[0]", not(hasKey("next")));
        // an entry's start and stop are the time it was logged unless given, as its creation is
        String logged = byUser.path("result[0].CREATED_DATE");
        byUser.then().body("result[0].DATE_START", equalTo(logged)).body("result[0].DATE_STOP", equalTo(logged));
        call("task.elapseditem.getlist", ordered("order", Map.of("ID", "desc"), "filter",
                Map.of("<CREATED_DATE", "2026-12-01"))).then().body("result.ID", equalTo(List.of("2")))
                .body("result[0].MINUTES", equalTo("2")).body("result[0].USER_ID", equalTo("2"))
                .body("result[0].CREATED_DATE", equalTo("2026-11-30T07:00:00+00:00"));
        // a task's own entries, and the task's TIME_SPENT_IN_LOGS their sum
        call("task.elapseditem.getlist", ordered("TASKID", second)).then().body("result.ID", equalTo(List.of("2")));
        call("tasks.task.get", Map.of("taskId", first)).then().body("result.task.timeSpentInLogs", equalTo("3600"));
        call("task.elapseditem.get", ordered("TASKID", first, "ITEMID", 1)).then()
                .body("result.COMMENT_TEXT", equalTo("call"));
        // a deleted task takes its entries along
        call("tasks.task.delete", Map.of("taskId", first));
        call("task.elapseditem.getlist", ordered("order", Map.of(), "filter", Map.of())).then()
                .body("result.ID", equalTo(List.of("2")));
    }

    @Test
    void theArgumentsAreCheckedAsTheManifestDescribesThem() {
        String id = task("Call back");
        // a filter sent alone lands where the order goes, and the order takes no operator
        call("task.elapseditem.getlist", Map.of("FILTER", Map.of(">=CREATED_DATE", "2026-12-01"))).then()
                .statusCode(400).body("error", equalTo("ERROR_CORE")).body("error_description", equalTo(
                        "TASKS_ERROR_EXCEPTION_#256; Param #1 (order) for method ctaskelapseditem::getlist() must not"
                                + " contain key \">=CREATED_DATE\".; 256/TE/WRONG_ARGUMENTS<br>"));
        call("task.elapseditem.getlist", ordered("order", Map.of(), "filter", Map.of("user_id", 1))).then()
                .statusCode(400).body("error_description", equalTo("TASKS_ERROR_EXCEPTION_#256; Param #2 (filter) for"
                        + " method ctaskelapseditem::getlist() must not contain key \"user_id\".; 256/TE/WRONG_ARGUMENTS<br>"));
        call("task.elapseditem.add", ordered("TASKID", id, "ARFIELDS", Map.of("MINUTES", 5))).then().statusCode(400)
                .body("error_description", equalTo("TASKS_ERROR_EXCEPTION_#256; Param #1 (fields) for method"
                        + " ctaskelapseditem::add() must not contain key \"MINUTES\".; 256/TE/WRONG_ARGUMENTS<br>"));
        call("task.elapseditem.add", ordered("TASKID", id, "ARFIELDS", Map.of("COMMENT_TEXT", "no time"))).then()
                .statusCode(400).body("error_description", equalTo("TASKS_ERROR_ASSERT_EXCEPTION<br>"));
        call("task.elapseditem.add", ordered("TASKID", id)).then().statusCode(400).body("error_description",
                equalTo("TASKS_ERROR_EXCEPTION_#256; Param #1 (fields) expected by method ctaskelapseditem::add(), but"
                        + " not given.; 256/TE/WRONG_ARGUMENTS<br>"));
        call("task.elapseditem.add", ordered("TASKID", "999", "ARFIELDS", Map.of("SECONDS", 60))).then()
                .statusCode(400).body("error_description", equalTo("TASKS_ERROR_EXCEPTION_#1; Task not found or not"
                        + " accessible; 1/TE/TASK_NOT_FOUND_OR_NOT_ACCESSIBLE<br>"));
        call("task.elapseditem.get", ordered("TASKID", id, "ITEMID", 42)).then().statusCode(400)
                .body("error_description", equalTo("TASKS_ERROR_UNKNOWN<br>"));
        // nothing was stored by the refusals
        call("task.elapseditem.getlist", ordered("TASKID", id)).then().body("total", equalTo(0));
    }

    @Test
    void aListWithoutATaskIsAPageOfFiftyAndNavParamsPageIt() {
        String id = task("Busy");
        for (int i = 0; i < 55; i++) {
            given().formParam("TASKID", id).formParam("ARFIELDS[SECONDS]", 60).post(webhook + "task.elapseditem.add")
                    .then().statusCode(200);
        }
        call("task.elapseditem.getlist", ordered("order", Map.of("ID", "asc"), "filter", Map.of())).then()
                .body("result.size()", equalTo(50)).body("total", equalTo(55)).body("next", equalTo(50));
        // a task's own entries come all at once
        call("task.elapseditem.getlist", ordered("TASKID", id)).then().body("result.size()", equalTo(55))
                .body("next", nullValue());
        call("task.elapseditem.getlist", ordered("TASKID", id, "ORDER", Map.of("ID", "desc"), "FILTER", Map.of(),
                "SELECT", List.of("ID"), "PARAMS", Map.of("NAV_PARAMS", Map.of("nPageSize", 10, "iNumPage", 6)))).then()
                .body("result.ID", equalTo(List.of("5", "4", "3", "2", "1"))).body("result[0]", not(hasKey("SECONDS")))
                .body("total", equalTo(55)).body("next", nullValue());
    }

    @Test
    void taskFieldsAreAnsweredAsARealPortalAnswersThem() {
        Response fields = call("tasks.task.getFields", Map.of());
        fields.then().statusCode(200).body("result.fields.ID.primary", equalTo(true))
                .body("result.fields.TITLE.required", equalTo(true))
                .body("result.fields.STATUS.values.5", equalTo("Complete"))
                .body("result.fields.TIME_SPENT_IN_LOGS.type", equalTo("integer"))
                .body("result.fields.UF_CRM_TASK.type", equalTo("crm"))
                .body("result.fields.CREATED_DATE.title", nullValue());
        List<String> names = List.copyOf(fields.jsonPath().<String, Object>getMap("result.fields").keySet());
        org.junit.jupiter.api.Assertions.assertEquals(List.of("ID", "PARENT_ID", "TITLE"), names.subList(0, 3));
    }
}
