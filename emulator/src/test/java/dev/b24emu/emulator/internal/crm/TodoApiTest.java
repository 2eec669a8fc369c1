package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * crm.activity.todo.* (D138): a missed call's "call back" to-do, as a PBX connector writes it, is an activity of its
 * owner's timeline that crm.activity.get shows; the actions bind their arguments as controllers do and refuse a
 * completed to-do with the pages' codes.
 */
class TodoApiTest extends EmulatorHarness {
    private int contact() {
        return call("crm.contact.add", Map.of("fields", Map.of("NAME", "Ivan"))).then().statusCode(200)
                .extract().path("result");
    }

    private static Map<String, Object> todo(int owner, Object... more) {
        Map<String, Object> params = new HashMap<>(Map.of("ownerTypeId", 3, "ownerId", owner,
                "deadline", "2026-12-07T15:00:00+03:00"));
        for (int i = 0; i < more.length; i += 2) {
            params.put((String) more[i], more[i + 1]);
        }
        return params;
    }

    @Test
    void aToDoIsAnActivityOfItsOwnersTimeline() {
        int contact = contact();
        int id = call("crm.activity.todo.add", todo(contact, "title", "Call back", "description", "Missed call [b]+7999[/b]",
                "responsibleId", 2, "pingOffsets", List.of(0, 15), "colorId", 3)).then().statusCode(200)
                .extract().path("result.id");
        call("crm.activity.get", Map.of("id", id)).then().statusCode(200)
                .body("result.TYPE_ID", equalTo("6")).body("result.PROVIDER_ID", equalTo("CRM_TODO"))
                .body("result.PROVIDER_TYPE_ID", equalTo("TODO")).body("result.SUBJECT", equalTo("Call back"))
                .body("result.DESCRIPTION", equalTo("Missed call [b]+7999[/b]")).body("result.DESCRIPTION_TYPE", equalTo("2"))
                .body("result.DEADLINE", equalTo("2026-12-07T12:00:00+00:00"))
                .body("result.START_TIME", equalTo("2026-12-07T12:00:00+00:00"))
                .body("result.END_TIME", equalTo("2026-12-07T12:00:00+00:00"))
                .body("result.COMPLETED", equalTo("N")).body("result.RESPONSIBLE_ID", equalTo("2"))
                .body("result.AUTHOR_ID", equalTo("1")).body("result.OWNER_TYPE_ID", equalTo("3"))
                .body("result.OWNER_ID", equalTo(Integer.toString(contact))).body("result.SETTINGS.COLOR", equalTo("3"));
        call("crm.activity.list", Map.of("filter", Map.of("PROVIDER_ID", "CRM_TODO"))).then()
                .body("result.ID", hasItem(Integer.toString(id)));

        // a follow-up to-do completes the one it follows; update writes "" over an omitted title (the action's default)
        int next = call("crm.activity.todo.add", todo(contact, "title", "Second try", "parentActivityId", id,
                "deadline", "2026-12-08 10:00")).then().statusCode(200).extract().path("result.id");
        call("crm.activity.get", Map.of("id", next)).then().body("result.ASSOCIATED_ENTITY_ID", equalTo(Integer.toString(id)))
                .body("result.DEADLINE", equalTo("2026-12-08T10:00:00+00:00")).body("result.RESPONSIBLE_ID", equalTo("1"));
        call("crm.activity.get", Map.of("id", id)).then().body("result.COMPLETED", equalTo("Y"));
        call("crm.activity.todo.update", todo(contact, "id", next, "deadline", "2026-12-09T09:00:00", "description", "Again"))
                .then().statusCode(200).body("result.id", equalTo(next));
        call("crm.activity.get", Map.of("id", next)).then().body("result.SUBJECT", equalTo(""))
                .body("result.DESCRIPTION", equalTo("Again")).body("result.DEADLINE", equalTo("2026-12-09T09:00:00+00:00"));
        call("crm.activity.todo.updateDeadline", Map.of("ownerTypeId", 3, "ownerId", contact, "id", next,
                "value", "2026-12-10T09:30:00")).then().statusCode(200);
        call("crm.activity.todo.updateDescription", Map.of("ownerTypeId", 3, "ownerId", contact, "id", next, "value", ""))
                .then().statusCode(200);
        call("crm.activity.todo.updateColor", Map.of("ownerTypeId", 3, "ownerId", contact, "id", next, "colorId", "7"))
                .then().statusCode(200);
        call("crm.activity.todo.updateResponsibleUser", Map.of("ownerTypeId", 3, "ownerId", contact, "id", next,
                "responsibleId", 3)).then().statusCode(200);
        call("crm.activity.get", Map.of("id", next)).then().body("result.DEADLINE", equalTo("2026-12-10T09:30:00+00:00"))
                .body("result.DESCRIPTION", equalTo("")).body("result.SETTINGS.COLOR", equalTo("7"))
                .body("result.RESPONSIBLE_ID", equalTo("3")).body("result.EDITOR_ID", equalTo("1"));
    }

    @Test
    void argumentsAreBoundInTheActionsOrderAndEachRefusalHasThePagesCode() {
        int contact = contact();
        call("crm.activity.todo.add", Map.of("ownerId", contact)).then().statusCode(400).body("error", equalTo("100"))
                .body("error_description", equalTo("Could not find value for parameter {ownerTypeId}"));
        call("crm.activity.todo.add", Map.of("ownerTypeId", "deal", "ownerId", contact)).then().statusCode(400)
                .body("error_description", equalTo("Invalid value deal to match with parameter {ownerTypeId}. Should be value of type int."));
        call("crm.activity.todo.add", Map.of("ownerTypeId", 3, "ownerId", contact)).then().statusCode(400)
                .body("error_description", equalTo("Could not find value for parameter {deadline}"));
        call("crm.activity.todo.add", todo(999_999)).then().statusCode(400).body("error", equalTo("NOT_FOUND"))
                .body("error_description", equalTo("Not found."));
        call("crm.activity.todo.add", todo(contact, "ownerTypeId", 7)).then().statusCode(400).body("error", equalTo("NOT_FOUND"));
        call("crm.activity.todo.add", todo(contact, "deadline", "next Tuesday-ish")).then().statusCode(400)
                .body("error", equalTo("WRONG_DATETIME_FORMAT"));

        int id = call("crm.activity.todo.add", todo(contact)).then().extract().path("result.id");
        Map<String, Object> ofOwner = Map.of("ownerTypeId", 3, "ownerId", contact, "id", id);
        call("crm.activity.todo.updateColor", with(ofOwner, "colorId", "9")).then().statusCode(400)
                .body("error", equalTo("CAN_NOT_UPDATE_WRONG_COLOR_TODO"));
        call("crm.activity.todo.updateResponsibleUser", with(ofOwner, "responsibleId", 0)).then().statusCode(400)
                .body("error", equalTo("INVALID_ARG_VALUE"))
                .body("error_description", equalTo("Parameter \"responsibleId\" must be greater than 0"));
        // another owner's view of it, and an activity that is no to-do, are not found
        call("crm.activity.todo.updateDescription", Map.of("ownerTypeId", 3, "ownerId", contact(), "id", id, "value", "x"))
                .then().statusCode(400).body("error", equalTo("NOT_FOUND"));
        call("crm.activity.todo.update", todo(contact)).then().statusCode(400).body("error", equalTo("NOT_FOUND"));

        call("crm.activity.update", Map.of("id", id, "fields", Map.of("COMPLETED", "Y"))).then().statusCode(200);
        call("crm.activity.todo.updateDeadline", with(ofOwner, "value", "2026-12-10T09:30:00")).then().statusCode(400)
                .body("error", equalTo("CAN_NOT_UPDATE_COMPLETED_TODO"));
        call("crm.activity.todo.updateColor", with(ofOwner, "colorId", "1")).then().statusCode(400)
                .body("error", equalTo("CAN_NOT_UPDATE_COLOR_COMPLETED_TODO"));
        call("crm.activity.todo.updateResponsibleUser", with(ofOwner, "responsibleId", 2)).then().statusCode(400)
                .body("error", equalTo("CAN_NOT_UPDATE_RESPONSIBLE_USER_COMPLETED_TODO"));
        call("crm.activity.todo.update", todo(contact, "id", id)).then().statusCode(400)
                .body("error", equalTo("CAN_NOT_UPDATE_COMPLETED_TODO")).body("result", nullValue());
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> params = new HashMap<>(base);
        params.put(key, value);
        return params;
    }
}
