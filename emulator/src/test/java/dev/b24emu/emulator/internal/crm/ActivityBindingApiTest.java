package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.support.EmulatorHarness;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * crm.activity.binding.* (D170): a PBX connector re-binds the call's activity to the deals of its queue after the
 * call; the list shows what the activity is bound to, its owner among them; add and delete make the owner again as
 * CCrmActivity::Update does, and refuse with the controller's codes.
 */
class ActivityBindingApiTest extends EmulatorHarness {
    private int add(String type, Map<String, Object> fields) {
        return call("crm." + type + ".add", Map.of("fields", fields)).then().statusCode(200).extract().path("result");
    }

    /** A finished call of the contact's number: its activity, owned by and bound to the contact. */
    private int callActivity(String phone) {
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", phone, "TYPE", 2))
                .then().statusCode(200).extract().path("result.CALL_ID");
        return call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 20))
                .then().statusCode(200).extract().path("result.CRM_ACTIVITY_ID");
    }

    private static Map<String, Object> binding(int activity, int typeId, Object entityId) {
        return Map.of("activityId", activity, "entityTypeId", typeId, "entityId", entityId);
    }

    private List<Map<String, Integer>> bindings(int activity) {
        return call("crm.activity.binding.list", Map.of("activityId", activity)).then().statusCode(200)
                .extract().path("result");
    }

    @Test
    void aCallsActivityIsReboundAndItsOwnerFollowsTheBindings() {
        int contact = add("contact", Map.of("NAME", "Ivan", "PHONE", List.of(Map.of("VALUE", "+79995550201"))));
        int activity = callActivity("+79995550201");
        assertEquals(List.of(Map.of("entityTypeId", 3, "entityId", contact)), bindings(activity), "the owner is a binding");

        // a deal bound after a contact becomes the owner (the last binding that is no contact or company)
        int deal = add("deal", Map.of("TITLE", "Queue 5", "CONTACT_ID", contact));
        call("crm.activity.binding.add", binding(activity, 2, deal)).then().statusCode(200).body("result", equalTo(true));
        int company = add("company", Map.of("TITLE", "Roga"));
        call("crm.activity.binding.add", binding(activity, 4, String.valueOf(company))).then().statusCode(200);
        assertEquals(List.of(Map.of("entityTypeId", 3, "entityId", contact), Map.of("entityTypeId", 2, "entityId", deal),
                Map.of("entityTypeId", 4, "entityId", company)), bindings(activity), "in the order they were bound");
        call("crm.activity.get", Map.of("id", activity)).then().body("result.OWNER_TYPE_ID", equalTo("2"))
                .body("result.OWNER_ID", equalTo(Integer.toString(deal))).body("result.EDITOR_ID", equalTo("1"));
        // the deal's timeline now lists it
        call("crm.activity.list", Map.of("filter", Map.of("OWNER_TYPE_ID", 2, "OWNER_ID", deal))).then()
                .body("result.ID", hasItem(Integer.toString(activity)));

        // unbinding the deal leaves contacts and companies only: the first of them owns it
        call("crm.activity.binding.delete", binding(activity, 2, deal)).then().statusCode(200).body("result", equalTo(true));
        call("crm.activity.get", Map.of("id", activity)).then().body("result.OWNER_TYPE_ID", equalTo("3"))
                .body("result.OWNER_ID", equalTo(Integer.toString(contact)));
        call("crm.activity.binding.delete", binding(activity, 3, contact)).then().statusCode(200);
        call("crm.activity.get", Map.of("id", activity)).then().body("result.OWNER_TYPE_ID", equalTo("4"))
                .body("result.OWNER_ID", equalTo(Integer.toString(company)));
        call("crm.activity.binding.delete", binding(activity, 4, company)).then().statusCode(400)
                .body("error", equalTo("LAST_BINDING_CANNOT_BE_DELETED"))
                .body("error_description", equalTo("Cannot delete the only one activity-to-entity link."));
        assertEquals(List.of(Map.of("entityTypeId", 4, "entityId", company)), bindings(activity), "nothing was lost");
    }

    @Test
    void eachRefusalHasTheControllersCodeInItsOrder() {
        int contact = add("contact", Map.of("NAME", "Olga"));
        int activity = call("crm.activity.todo.add", Map.of("ownerTypeId", 3, "ownerId", contact,
                "deadline", "2026-12-07T15:00:00+03:00")).then().statusCode(200).extract().path("result.id");

        call("crm.activity.binding.list", Map.of("ACTIVITY_ID", activity)).then().statusCode(400)
                .body("error", equalTo("100"))
                .body("error_description", equalTo("Could not find value for parameter {activityId}"));
        call("crm.activity.binding.add", Map.of("activityId", activity, "entityTypeId", "deal", "entityId", 1))
                .then().statusCode(400).body("error", equalTo("100")).body("error_description",
                        equalTo("Invalid value deal to match with parameter {entityTypeId}. Should be value of type int."));
        call("crm.activity.binding.add", Map.of("activityId", activity, "entityTypeId", 2, "entityId", "\uFF11\uFF12"))
                .then().statusCode(400).body("error", equalTo("100")); // fullwidth digits are no number to is_numeric
        call("crm.activity.binding.list", Map.of("activityId", 999_999)).then().statusCode(400)
                .body("error", equalTo("NOT_FOUND")).body("error_description", equalTo("Item was not found."));
        call("crm.activity.binding.add", binding(999_999, 3, contact)).then().statusCode(400).body("error", equalTo("NOT_FOUND"));
        // a type without a factory, or no ID, grants no right: checked before whether the pair is bound
        for (Map<String, Object> params : List.of(binding(activity, 5, contact), binding(activity, 3, 0))) {
            call("crm.activity.binding.add", params).then().statusCode(400).body("error", equalTo("ACCESS_DENIED"))
                    .body("error_description", equalTo("Access denied"));
            call("crm.activity.binding.delete", params).then().statusCode(400).body("error", equalTo("ACCESS_DENIED"));
        }
        call("crm.activity.binding.add", binding(activity, 3, contact)).then().statusCode(400)
                .body("error", equalTo("ACTIVITY_IS_ALREADY_BOUND"))
                .body("error_description", equalTo("Activity is already linked to this entity")).body("result", nullValue());
        call("crm.activity.binding.delete", binding(activity, 1, 12)).then().statusCode(400)
                .body("error", equalTo("BINDING_NOT_FOUND"))
                .body("error_description", equalTo("Activity is not linked to this entity"));
        assertEquals(List.of(Map.of("entityTypeId", 3, "entityId", contact)), bindings(activity));
    }

    @Test
    void anObjectThatDoesNotExistIsBoundAsARealPortalBindsItAndReported() {
        int contact = add("contact", Map.of("NAME", "Petr"));
        int activity = call("crm.activity.todo.add", Map.of("ownerTypeId", 3, "ownerId", contact,
                "deadline", "2026-12-07T15:00:00+03:00")).then().extract().path("result.id");
        Response bound = call("crm.activity.binding.add", binding(activity, 1, 777_777));
        bound.then().statusCode(200).body("result", equalTo(true))
                .header("X-B24-Emulator-Warning", startsWith("crm.activity.binding.add: no object of type 1 with ID 777777"));
        assertEquals(List.of(Map.of("entityTypeId", 3, "entityId", contact), Map.of("entityTypeId", 1, "entityId", 777_777)),
                bindings(activity));

        given().contentType(ContentType.JSON).body("{\"validation\":\"strict\"}")
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        call("crm.activity.binding.add", binding(activity, 2, 777_777)).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT"));
        assertEquals(2, bindings(activity).size(), "strict mode refused it before anything was saved");
    }
}
