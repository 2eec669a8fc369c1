package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.support.AppHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * crm.status.add / update / delete / get / fields (D148): a connector adds its own lead source, which register's
 * CRM_SOURCE then takes; the server's checks and texts; call-list statuses through the same guide.
 */
class StatusApiTest extends AppHarness {
    @Test
    void aConnectorsOwnSourceIsAddedThenUsedByRegister() {
        int id = call("crm.status.add", Map.of("fields", Map.of("ENTITY_ID", "SOURCE", "STATUS_ID", "PBX_CALL",
                "NAME", "Call to the PBX", "SORT", 0, "COLOR", "ff0000"))).then().statusCode(200).extract().path("result");
        call("crm.status.get", Map.of("id", id)).then().statusCode(200)
                .body("result.STATUS_ID", equalTo("PBX_CALL")).body("result.SYSTEM", equalTo("N"))
                .body("result.SORT", equalTo("10")).body("result.COLOR", equalTo("#ff0000"));
        call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79995550971", "TYPE", 2,
                "CRM_CREATE", 1, "CRM_SOURCE", "PBX_CALL")).then().statusCode(200);
        call("crm.lead.list", Map.of("filter", Map.of("SOURCE_ID", "PBX_CALL"), "select", List.of("ID"))).then()
                .body("total", equalTo(1));
        // only NAME, SORT and COLOR change; the ID stays
        call("crm.status.update", Map.of("ID", id, "fields", Map.of("NAME", "PBX", "STATUS_ID", "OTHER", "SORT", 75)))
                .then().statusCode(200).body("result", equalTo(true));
        call("crm.status.get", Map.of("ID", id)).then().body("result.NAME", equalTo("PBX"))
                .body("result.STATUS_ID", equalTo("PBX_CALL")).body("result.SORT", equalTo("75"));
        call("crm.status.delete", Map.of("id", id)).then().statusCode(200).body("result", equalTo(true));
        call("crm.status.get", Map.of("id", id)).then().statusCode(400)
                .body("error_description", equalTo("CRM Status is not found."));
        call("crm.status.entity.items", Map.of("entityId", "SOURCE")).then()
                .body("result.STATUS_ID", not(hasItem("PBX_CALL"))).body("result.STATUS_ID", hasItem("CALL"));
    }

    @Test
    void theServersChecksAndTexts() {
        call("crm.status.add", Map.of("fields", Map.of("NAME", "x"))).then().statusCode(400)
                .body("error_description", equalTo("The field ENTITY_ID is required.\nThe field STATUS_ID is required."));
        call("crm.status.add", Map.of("fields", Map.of("ENTITY_ID", "NOPE", "STATUS_ID", "X", "NAME", "x")))
                .then().statusCode(400).body("error_description", equalTo("Specified entity type is not supported."));
        call("crm.status.add", Map.of("fields", Map.of("ENTITY_ID", "STATUS", "STATUS_ID", "A_VERY_LONG_LEAD_STAGE_ID",
                "NAME", "x"))).then().statusCode(400)
                .body("error_description", equalTo("Exceeded maximum length of status ID: 21."));
        call("crm.status.add", Map.of("fields", Map.of("ENTITY_ID", "STATUS", "STATUS_ID", "NEW STAGE", "NAME", "x")))
                .then().statusCode(400).body("error_description",
                        equalTo("Status ID may include Latin characters, numbers, minus and underscore characters only"));
        call("crm.status.add", Map.of("fields", Map.of("ENTITY_ID", "SOURCE", "STATUS_ID", "CALL", "NAME", "x")))
                .then().statusCode(400).body("error_description", equalTo("The specified status ID already exists."));
        // a system value goes only when forced; a lead stage with a lead in it not at all
        int call = call("crm.status.entity.items", Map.of("entityId", "SOURCE")).then().extract().path("result.size()");
        String callRow = call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "SOURCE", "STATUS_ID", "CALL")))
                .then().extract().path("result[0].ID");
        call("crm.status.delete", Map.of("id", callRow)).then().statusCode(400).body("error_description",
                equalTo("CRM System Status can be deleted only if parameter FORCED is specified and equal to \"Y\"."));
        call("crm.status.delete", Map.of("id", callRow, "params", Map.of("FORCED", "Y"))).then().statusCode(200);
        call("crm.status.entity.items", Map.of("entityId", "SOURCE")).then().body("result.size()", equalTo(call - 1));
        String newStage = call("crm.status.list", Map.of("filter", Map.of("ENTITY_ID", "STATUS", "STATUS_ID", "NEW")))
                .then().extract().path("result[0].ID");
        call("crm.status.delete", Map.of("id", newStage, "params", Map.of("FORCED", "Y"))).then().statusCode(400)
                .body("error_description", equalTo("There are active items in this status."));
        call("crm.status.update", Map.of("id", 99999, "fields", Map.of("NAME", "x"))).then().statusCode(400)
                .body("error_description", equalTo("Status is not found."));
        call("crm.status.fields", Map.of()).then().body("result.STATUS_ID.isImmutable", equalTo(true))
                .body("result.NAME.isRequired", equalTo(true));
        // a user who is not an administrator may not change the guides
        String token = install("local.user2", List.of("crm"), null, 2).getString("access_token");
        oauth(token, "crm.status.add", Map.of("fields", Map.of("ENTITY_ID", "SOURCE", "STATUS_ID", "MINE",
                "NAME", "x"))).then().statusCode(400).body("error_description", equalTo("Access denied."));
    }
}
