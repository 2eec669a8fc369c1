package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Deal pipelines (D171): a call-analytics report lists them by crm.category.list (or crm.dealcategory.list on older
 * portals) and reads each one's stages; a pipeline added has the eight stages of the default one, its deals start
 * at C{id}:NEW, and it cannot be deleted while deals are in it.
 */
class DealCategoriesApiTest extends EmulatorHarness {
    private int addPipeline(String name, int sort) {
        return call("crm.category.add", Map.of("entityTypeId", 2, "fields", Map.of("name", name, "sort", sort)))
                .then().statusCode(200).extract().path("result.category.id");
    }

    @Test
    void aPipelineIsAddedWithItsStagesAndListedBesideTheDefaultOne() {
        call("crm.category.list", Map.of("entityTypeId", 2)).then().statusCode(200).body("total", equalTo(1))
                .body("next", nullValue())
                .body("result.categories", equalTo(List.of(Map.of("id", 0, "name", "General", "sort", 0,
                        "entityTypeId", 2, "isDefault", "Y"))));

        call("crm.category.add", Map.of("entityTypeId", 2, "fields", Map.of("name", "  Inbound calls ", "sort", 100,
                "isDefault", "Y"))).then().statusCode(200)
                .body("result.category", equalTo(Map.of("id", 1, "name", "Inbound calls", "sort", 100, "entityTypeId", 2,
                        "isDefault", "N", "originId", "", "originatorId", "")));
        int second = addPipeline("Callbacks", 50);
        call("crm.category.list", Map.of("entityTypeId", 2)).then().body("total", equalTo(3))
                .body("result.categories.name", equalTo(List.of("General", "Callbacks", "Inbound calls")));

        // the default pipeline's eight stages, each prefixed: crm.status.list and the legacy stage list show them
        call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "DEAL_STAGE_1"))).then()
                .body("result.STATUS_ID", equalTo(List.of("C1:NEW", "C1:PREPARATION", "C1:PREPAYMENT_INVOICE",
                        "C1:EXECUTING", "C1:FINAL_INVOICE", "C1:WON", "C1:LOSE", "C1:APOLOGY")))
                .body("result[0].CATEGORY_ID", equalTo("1")).body("result[5].SEMANTICS", equalTo("S"));
        call("crm.dealcategory.stage.list", Map.of("id", 1)).then().statusCode(200)
                .body("result[0]", equalTo(Map.of("NAME", "New", "SORT", 10, "STATUS_ID", "C1:NEW")))
                .body("result.size()", equalTo(8));
        call("crm.dealcategory.stage.list", Map.of()).then().body("result[0].STATUS_ID", equalTo("NEW"));
        call("crm.dealcategory.stage.list", Map.of("id", 77)).then().body("result", equalTo(List.of()));
        call("crm.dealcategory.status", Map.of("id", second)).then().body("result", equalTo("DEAL_STAGE_" + second));

        // a deal of the pipeline starts at its first stage
        int deal = call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Missed call", "CATEGORY_ID", 1)))
                .then().statusCode(200).extract().path("result");
        call("crm.deal.get", Map.of("id", deal)).then().body("result.STAGE_ID", equalTo("C1:NEW"))
                .body("result.IS_NEW", equalTo("Y")).body("result.STAGE_SEMANTIC_ID", equalTo("P"));
        call("crm.deal.update", Map.of("id", deal, "fields", Map.of("STAGE_ID", "C1:WON"))).then().statusCode(200);
        call("crm.deal.get", Map.of("id", deal)).then().body("result.STAGE_SEMANTIC_ID", equalTo("S"))
                .body("result.CLOSED", equalTo("Y"));

        // not while a deal is in it; then with its stages
        call("crm.category.delete", Map.of("entityTypeId", 2, "id", 1)).then().statusCode(400)
                .body("error", equalTo("0")).body("error_description", equalTo("Found \"Inbound calls\" pipeline deals"));
        call("crm.dealcategory.delete", Map.of("id", 1)).then().statusCode(400).body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("Found \"Inbound calls\" pipeline deals"));
        call("crm.deal.delete", Map.of("id", deal)).then().statusCode(200);
        call("crm.category.delete", Map.of("entityTypeId", 2, "id", 1)).then().statusCode(200).body("result", nullValue());
        call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "DEAL_STAGE_1"))).then().body("result", equalTo(List.of()));
        call("crm.category.get", Map.of("entityTypeId", 2, "id", 1)).then().statusCode(400)
                .body("error", equalTo("NOT_FOUND")).body("error_description", equalTo("Item was not found."));
        call("crm.category.delete", Map.of("entityTypeId", 2, "id", 0)).then().statusCode(400)
                .body("error", equalTo("0")).body("error_description", equalTo("Default deal category can not be deleted"));
    }

    @Test
    void theDefaultPipelineIsRenamedButNeverARowOfTheLegacyMethods() {
        call("crm.category.update", Map.of("entityTypeId", 2, "id", 0, "fields", Map.of("name", "Sales", "sort", -5)))
                .then().statusCode(200).body("result.category.name", equalTo("Sales")).body("result.category.sort", equalTo(0))
                .body("result.category", not(hasKey("originId")));
        call("crm.dealcategory.default.get", Map.of()).then().body("result", equalTo(Map.of("ID", 0, "NAME", "Sales")));
        call("crm.dealcategory.default.set", Map.of("name", "")).then().body("result", equalTo(true));
        call("crm.category.get", Map.of("entityTypeId", 2, "id", 0)).then().body("result.category.name", equalTo("General"));

        int id = call("crm.dealcategory.add", Map.of("fields", Map.of("NAME", "Legacy", "SORT", 300, "IS_LOCKED", "Y")))
                .then().statusCode(200).extract().path("result");
        call("crm.dealcategory.list", Map.of()).then().body("total", equalTo(1))
                .body("result[0].ID", equalTo(Integer.toString(id))).body("result[0].SORT", equalTo("300"))
                .body("result[0].IS_LOCKED", equalTo("N"))
                .body("result[0].CREATED_DATE", matchesPattern("\\d{4}-\\d{2}-\\d{2}T00:00:00\\+00:00"));
        call("crm.dealcategory.update", Map.of("id", id, "fields", Map.of("NAME", " ", "SORT", 10))).then()
                .body("result", equalTo(true));
        call("crm.dealcategory.get", Map.of("id", id)).then().body("result.NAME", equalTo("Legacy"))
                .body("result.SORT", equalTo("10"));
        call("crm.dealcategory.get", Map.of("id", 0)).then().statusCode(400).body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("ID is not defined or invalid."));
        call("crm.dealcategory.get", Map.of("id", 99)).then().statusCode(400).body("error_description", equalTo("Not found"));
        call("crm.dealcategory.update", Map.of("id", 99, "fields", Map.of("NAME", "x"))).then().statusCode(400)
                .body("error_description", equalTo("Not found."));
        call("crm.dealcategory.add", Map.of("fields", "Legacy")).then().statusCode(400)
                .body("error_description", equalTo("Parameter 'fields' must be array."));
        call("crm.dealcategory.fields", Map.of()).then().body("result.NAME.isRequired", equalTo(true))
                .body("result.IS_LOCKED.isDeprecated", equalTo(true));
        // the server's RestException has an empty code, which the emulator sends as ERROR_CORE unless asked (D1)
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON).body("{\"emptyErrorCode\":true}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("crm.dealcategory.get", Map.of("id", 99)).then().statusCode(400).body("error", equalTo(""));
    }

    @Test
    void refusalsAreTheControllersAndTheStageIdsAreCutAt21Characters() {
        call("crm.category.list", Map.of()).then().statusCode(400).body("error", equalTo("100"))
                .body("error_description", equalTo("Could not find value for parameter {entityTypeId}"));
        call("crm.category.list", Map.of("entityTypeId", 1)).then().statusCode(400)
                .body("error", equalTo("ENTITY_TYPE_NOT_SUPPORTED"))
                .body("error_description", equalTo("Entity type Lead is not supported"));
        call("crm.category.list", Map.of("entityTypeId", 3)).then().statusCode(400).body("error", equalTo("NOT_FOUND"))
                .header("X-B24-Emulator-Notice", matchesPattern("crm.category.\\*: the emulator keeps the pipelines of deals only.*"));
        call("crm.category.add", Map.of("entityTypeId", 2, "fields", Map.of("sort", 10))).then().statusCode(400)
                .body("error", equalTo("0")).body("error_description", equalTo("Field 'NAME' is required."));
        call("crm.category.update", Map.of("entityTypeId", 2, "id", 5, "fields", Map.of("name", "x"))).then()
                .statusCode(400).body("error", equalTo("NOT_FOUND"));
        int last = 0;
        for (int i = 0; i < 10; i++) {
            last = addPipeline("Queue " + i, 0);
        }
        assertEquals(10, last);
        call("crm.dealcategory.stage.list", Map.of("id", 10)).then().body("result[2].STATUS_ID", equalTo("C10:PREPAYMENT_INVOIC"));
        call("crm.category.fields", Map.of("entityTypeId", 2)).then().body("result.fields.entityTypeId.isRequired", equalTo(true))
                .body("result.fields.name.upperName", equalTo("NAME"));
    }

    @Test
    void aPipelinesStageGuideIsListedAndTakesValuesUnderItsPrefix() {
        call("crm.status.entity.types", Map.of()).then().body("result.find { it.ID == 'DEAL_STAGE' }.NAME", equalTo("Deal Stage"));
        addPipeline("Inbound", 100);
        addPipeline("Outbound", 0); // sort 0: a tie with the default pipeline, which comes after it
        call("crm.status.entity.types", Map.of()).then()
                .body("result.ID", equalTo(List.of("STATUS", "SOURCE", "CONTACT_TYPE", "COMPANY_TYPE", "EMPLOYEES",
                        "INDUSTRY", "DEAL_TYPE", "DEAL_STAGE_2", "DEAL_STAGE", "DEAL_STAGE_1", "QUOTE_STATUS",
                        "HONORIFIC", "CALL_LIST")))
                .body("result[7]", equalTo(Map.of("ID", "DEAL_STAGE_2", "NAME", "Outbound deal stages",
                        "PARENT_ID", "DEAL_STAGE", "SEMANTIC_INFO", Map.of("START_FIELD", "C2:NEW",
                                "FINAL_SUCCESS_FIELD", "C2:WON", "FINAL_UNSUCCESS_FIELD", "C2:LOSE", "FINAL_SORT", 0),
                        "PREFIX", "C2", "FIELD_ATTRIBUTE_SCOPE", "category_2", "ENTITY_TYPE_ID", 2, "CATEGORY_ID", "2")))
                .body("result[8].NAME", equalTo("General deal stages")).body("result[8].CATEGORY_ID", equalTo(0));

        // the value is prefixed C1: whatever prefix it came with, and checked without it (19 characters at most)
        int id = call("crm.status.add", Map.of("fields", Map.of("ENTITY_ID", "DEAL_STAGE_1", "STATUS_ID", "C2:DECISION",
                "NAME", "Decision", "SORT", 55))).then().statusCode(200).extract().path("result");
        call("crm.status.get", Map.of("id", id)).then().body("result.STATUS_ID", equalTo("C1:DECISION"))
                .body("result.CATEGORY_ID", equalTo("1"));
        call("crm.status.add", Map.of("fields", Map.of("ENTITY_ID", "DEAL_STAGE_1", "STATUS_ID", "ABCDEFGHIJKLMNOPQRST",
                "NAME", "Long"))).then().statusCode(400).body("error_description", equalTo("Exceeded maximum length of status ID: 19."));
        call("crm.status.add", Map.of("fields", Map.of("ENTITY_ID", "DEAL_STAGE_9", "STATUS_ID", "X", "NAME", "None")))
                .then().statusCode(400).body("error_description", equalTo("Specified entity type is not supported."));

        // a deal added with another pipeline's stage takes its own of the same semantics; an update keeps its stage
        io.restassured.response.Response added = call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Won elsewhere",
                "CATEGORY_ID", 1, "STAGE_ID", "C2:WON")));
        int deal = added.then().statusCode(200).extract().path("result");
        added.then().header("X-B24-Emulator-Warning", matchesPattern("STAGE_ID C2:WON is no stage of the deal's pipeline 1.*C1:WON"));
        call("crm.deal.get", Map.of("id", deal)).then().body("result.STAGE_ID", equalTo("C1:WON"));
        call("crm.deal.update", Map.of("id", deal, "fields", Map.of("STAGE_ID", "NEW"))).then().statusCode(200)
                .header("X-B24-Emulator-Warning", matchesPattern(".*the real server keeps the deal's stage"));
        call("crm.deal.get", Map.of("id", deal)).then().body("result.STAGE_ID", equalTo("C1:WON"));
        call("crm.deal.update", Map.of("id", deal, "fields", Map.of("STAGE_ID", "C1:DECISION"))).then().statusCode(200);
        call("crm.deal.get", Map.of("id", deal)).then().body("result.STAGE_ID", equalTo("C1:DECISION"));
    }
}
