package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.support.AppHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * What call analytics reads beside the calls (D181): how each deal and lead moved through its stages, a row per move
 * written as the CRM's item operations write it, listed by the StageHistory controller in pages of 50.
 */
class StageHistoryApiTest extends AppHarness {

    private int deal(Map<String, ?> fields) {
        return call("crm.deal.add", Map.of("fields", fields)).then().statusCode(200).extract().path("result");
    }

    private List<Integer> types(int dealId) {
        return call("crm.stagehistory.list", Map.of("entityTypeId", 2, "filter", Map.of("OWNER_ID", dealId)))
                .then().statusCode(200).extract().path("result.items.TYPE_ID");
    }

    @Test
    void aDealsMovesAreWrittenAsTheyHappenAndGoWithIt() {
        int id = deal(Map.of("TITLE", "Chairs"));
        call("crm.deal.update", Map.of("id", id, "fields", Map.of("STAGE_ID", "PREPARATION")));
        // an update that leaves the stage writes nothing
        call("crm.deal.update", Map.of("id", id, "fields", Map.of("STAGE_ID", "PREPARATION", "TITLE", "Tables")));
        call("crm.deal.update", Map.of("id", id, "fields", Map.of("STAGE_ID", "WON")));
        call("crm.category.add", Map.of("entityTypeId", 2, "fields", Map.of("name", "Repeat sales"))).then()
                .statusCode(200);
        call("crm.item.update", Map.of("entityTypeId", 2, "id", id, "fields", Map.of("categoryId", 1))).then()
                .statusCode(200);
        call("crm.stagehistory.list", Map.of("entityTypeId", 2)).then().statusCode(200).body("total", equalTo(4))
                .body("result.items.TYPE_ID", equalTo(List.of(1, 2, 3, 5)))
                .body("result.items.STAGE_ID", equalTo(List.of("NEW", "PREPARATION", "WON", "C1:WON")))
                .body("result.items.STAGE_SEMANTIC_ID", equalTo(List.of("P", "P", "S", "S")))
                .body("result.items.CATEGORY_ID", equalTo(List.of(0, 0, 0, 1)))
                .body("result.items[0].OWNER_ID", equalTo(id)).body("result.items[0].ID", equalTo(1))
                .body("result.items[0].CREATED_TIME", org.hamcrest.Matchers.matchesPattern(
                        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d"))
                .body("result.items[0]", not(hasKey("STATUS_ID"))).body("$", not(hasKey("next")));
        // created in a final stage: one row of type 3
        int lost = deal(Map.of("TITLE", "Lost", "STAGE_ID", "LOSE"));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(3), types(lost));
        // the select's names in its order, ID last; the order's direction in any case
        call("crm.stagehistory.list", Map.of("entityTypeId", 2, "select", List.of("STAGE_ID", "OWNER_ID", "NAME"),
                "order", Map.of("ID", "desc", "COLOUR", "ASC"))).then().statusCode(200)
                .body("result.items[0]", equalTo(Map.of("STAGE_ID", "LOSE", "OWNER_ID", lost, "ID", 5)))
                .body("result.items.ID", equalTo(List.of(5, 4, 3, 2, 1)));
        // a deleted deal's history goes with it
        call("crm.deal.delete", Map.of("id", id)).then().statusCode(200);
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), types(id));
    }

    @Test
    void aLeadACallCreatedHasItsHistoryAndTheListIsPagedBy50() {
        call("telephony.externalcall.register", Map.of("USER_ID", 1, "PHONE_NUMBER", "+15557654321", "TYPE", 2,
                "CRM_CREATE", 1)).then().statusCode(200).body("result.CRM_CREATED_LEAD", equalTo(2));
        call("crm.lead.update", Map.of("id", 2, "fields", Map.of("STATUS_ID", "JUNK"))).then().statusCode(200);
        call("crm.stagehistory.list", Map.of("entityTypeId", 1, "filter", Map.of("OWNER_ID", 2))).then()
                .body("result.items.TYPE_ID", equalTo(List.of(1, 3)))
                .body("result.items.STATUS_ID", equalTo(List.of("NEW", "JUNK")))
                .body("result.items.STATUS_SEMANTIC_ID", equalTo(List.of("P", "F")))
                .body("result.items[0]", not(hasKey("CATEGORY_ID")));
        for (int i = 0; i < 55; i++) {
            call("crm.lead.add", Map.of("fields", Map.of("TITLE", "Lead " + i))).then().statusCode(200);
        }
        // the demo's lead, the call's two rows, 55 new leads
        call("crm.stagehistory.list", Map.of("entityTypeId", 1)).then().body("total", equalTo(58))
                .body("next", equalTo(50)).body("result.items.size()", equalTo(50));
        call("crm.stagehistory.list", Map.of("entityTypeId", 1, "start", 75)).then()
                .body("result.items.size()", equalTo(8)).body("result.items[0].ID", equalTo(51))
                .body("$", not(hasKey("next")));
        call("crm.stagehistory.list", Map.of("entityTypeId", 1, "filter", Map.of(">=ID", 57, "!STATUS_ID", "JUNK")))
                .then().body("result.items.ID", equalTo(List.of(57, 58)));
        // a keyed array is a list of values too (PHP's array, the ORM's IN)
        call("crm.stagehistory.list", Map.of("entityTypeId", 1, "filter", Map.of("@OWNER_ID", Map.of("x", 2))))
                .then().body("result.items.ID", equalTo(List.of(2, 3)));
    }

    @Test
    void whatTheControllerRefusesIsAnsweredAsItAnswersIt() {
        call("crm.stagehistory.list", Map.of("ENTITY_TYPE_ID", 2)).then().statusCode(400)
                .body("error", equalTo("100"))
                .body("error_description", equalTo("Could not find value for parameter {entityTypeId}"));
        call("crm.stagehistory.list", Map.of("entityTypeId", 3)).then().statusCode(400)
                .body("error", equalTo("ENTITY_TYPE_NOT_SUPPORTED"))
                .body("error_description", equalTo("Entity type Contact is not supported"));
        call("crm.stagehistory.list", Map.of("entityTypeId", 2, "filter", Map.of("stage_id", "NEW"))).then()
                .statusCode(400).body("error", equalTo("INVALID_ARG_VALUE"))
                .body("error_description", equalTo("Invalid filter: field 'stage_id' is not allowed in filter"));
        call("crm.stagehistory.list", Map.of("entityTypeId", 2, "filter", Map.of(">ID", List.of(1, 2)))).then()
                .statusCode(400).body("error_description", equalTo("Invalid filter: field '>ID' has invalid value"));
        // smart invoices have a history on a real portal; the emulator keeps none of them
        call("crm.stagehistory.list", Map.of("entityTypeId", 31)).then().statusCode(200)
                .body("result.items", equalTo(List.of())).body("total", equalTo(0));
    }

    /**
     * A direction other than DESC sorts ascending without an error, as prepareOrder reads it ("don't error on invalid
     * fields and values"), though the page lists INVALID_ARG_VALUE for it; the deviation is told in words.
     */
    @Test
    void anUnknownDirectionSortsAscendingAndIsReportedInWords() {
        deal(Map.of("TITLE", "First"));
        deal(Map.of("TITLE", "Second"));
        call("crm.stagehistory.list", Map.of("entityTypeId", 2, "order", Map.of("ID", "UP"), "select", List.of("ID")))
                .then().statusCode(200).body("result.items.ID", equalTo(List.of(1, 2)))
                .header("X-B24-Emulator-Warning",
                        equalTo("Parameter order is invalid at /order/ID: ASC or DESC expected, \"UP\" given"));
        call("crm.stagehistory.list", Map.of("entityTypeId", 2, "order", Map.of("ID", "desc"), "select", List.of("ID")))
                .then().statusCode(200).body("result.items.ID", equalTo(List.of(2, 1)));
    }
}
