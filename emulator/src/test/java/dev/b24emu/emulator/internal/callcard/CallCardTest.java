package dev.b24emu.emulator.internal.callcard;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** CallCard::* events: EntityChanged exactly on its four triggers, state changes, and the 65-second close rule. */
class CallCardTest extends AppHarness {
    private String token;

    @BeforeEach
    void widget() {
        token = install("local.widget", List.of("telephony", "crm", "user", "placement"), null).getString("access_token");
        oauth(token, "placement.bind", Map.of("PLACEMENT", "CALL_CARD", "HANDLER", handler.url("/card"))).then().statusCode(200);
        oauth(token, "placement.bindEvent", Map.of("PLACEMENT", "CallCard::EntityChanged", "HANDLER", handler.url("/cc"))).then().statusCode(200);
        oauth(token, "placement.bindEvent", Map.of("PLACEMENT", "CallCard::BeforeClose", "HANDLER", handler.url("/cc"))).then().statusCode(200);
    }

    private String cardPath(String callId, int user) {
        return base() + "/_emulator/portals/" + portal.id() + "/cards/" + callId + "/" + user;
    }

    private JsonPath card(String callId, int user) {
        return given().get(cardPath(callId, user)).then().statusCode(200).extract().jsonPath();
    }

    private List<String> events(String callId, int user, String name) {
        return card(callId, user).getList("events.findAll { it.name == '" + name + "' }.trigger");
    }

    private String register(Map<String, ?> params) {
        return call("telephony.externalcall.register", params).then().statusCode(200).extract().path("result.CALL_ID");
    }

    @Test
    void entityChangedFiresOnceForEachDocumentedTriggerAndForNothingElse() {
        String callId = register(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2));
        assertEquals(List.of("opened"), events(callId, 2, CallCardService.ENTITY_CHANGED), "the card loaded CRM data");
        assertEquals("+79990000001", card(callId, 2).getString("events[0].args[0].PHONE_NUMBER"));
        assertEquals(1, card(callId, 2).getInt("events[0].args[0].CRM_ENTITY_ID"));

        register(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2));
        call("telephony.externalcall.show", Map.of("CALL_ID", callId, "USER_ID", 2));
        given().contentType("application/json").body(Map.of("state", "connected")).post(cardPath(callId, 2) + "/state")
                .then().statusCode(200);
        assertEquals(List.of("opened"), events(callId, 2, CallCardService.ENTITY_CHANGED),
                "a reused CALL_ID, a show of an open card and a state change are not client changes");

        given().post(cardPath(callId, 2) + "/refresh").then().statusCode(200);
        given().contentType("application/json").body(Map.of("entityType", "COMPANY", "entityId", 1))
                .post(cardPath(callId, 2) + "/bind").then().statusCode(200).body("entityType", equalTo("COMPANY"));
        given().contentType("application/json").body(Map.of("entityType", "LEAD", "fields", Map.of("TITLE", "From card")))
                .post(cardPath(callId, 2) + "/create").then().statusCode(200).body("entityType", equalTo("LEAD"));
        assertEquals(List.of("opened", "refreshed", "bound", "created"), events(callId, 2, CallCardService.ENTITY_CHANGED));
        call("crm.lead.get", Map.of("id", 2)).then().body("result.TITLE", equalTo("From card"))
                .body("result.PHONE[0].VALUE", equalTo("+79990000001"));
        handler.await(r -> handler.received().stream().filter(x -> x.path().equals("/cc")).count() >= 4, "4 REST posts");
        handler.assertAllConform();
    }

    @Test
    void callListModeFollowsTheOperatorToTheNextClient() {
        int list = call("crm.calllist.add", Map.of("ENTITY_TYPE", "CONTACT", "ENTITIES", List.of(1, 2))).then()
                .statusCode(200).extract().path("result");
        given().contentType("application/json").body(Map.of("userId", 3))
                .post(base() + "/_emulator/portals/" + portal.id() + "/call-lists/" + list + "/start").then()
                .statusCode(200).body("ENTITY_ID", equalTo(1));
        String callId = register(Map.of("USER_ID", 3, "PHONE_NUMBER", "+79990000001", "TYPE", 1, "CALL_LIST_ID", list));
        assertEquals(Boolean.TRUE, card(callId, 3).getBoolean("status.CALL_LIST_MODE"));
        given().contentType("application/json").body(Map.of("userId", 3))
                .post(base() + "/_emulator/portals/" + portal.id() + "/call-lists/" + list + "/next").then()
                .statusCode(200).body("ENTITY_ID", equalTo(2)).body("NAME", equalTo("Elena Daisy"));
        assertEquals(List.of("opened", "call list next"), events(callId, 3, CallCardService.ENTITY_CHANGED));
        assertEquals("+79990000002", card(callId, 3).getString("events.findAll { it.name == 'CallCard::EntityChanged' }[1].args[0].PHONE_NUMBER"));
        // after the last client the first again (the card's moveToNextItem)
        next(list, 3).then().statusCode(200).body("ENTITY_ID", equalTo(1));
        // a result moves the client out of the clients in work the card shows: next stays among those left
        given().contentType("application/json").body(Map.of("userId", 3, "entityId", 1, "status", "SUCCESS"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/call-lists/" + list + "/status").then()
                .statusCode(200);
        next(list, 3).then().statusCode(200).body("ENTITY_ID", equalTo(2));
        next(list, 3).then().statusCode(200).body("ENTITY_ID", equalTo(2));
        // with none left in work, the card shows the first status that has clients
        given().contentType("application/json").body(Map.of("userId", 3, "entityId", 2, "status", "WRONG_NUMBER"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/call-lists/" + list + "/status").then()
                .statusCode(200);
        next(list, 3).then().statusCode(200).body("ENTITY_ID", equalTo(1));
    }

    private io.restassured.response.Response next(int list, int userId) {
        return given().contentType("application/json").body(Map.of("userId", userId))
                .post(base() + "/_emulator/portals/" + portal.id() + "/call-lists/" + list + "/next");
    }

    @Test
    void beforeCloseArrivesTwiceWhenAutoCloseIsDisabledAndTheDelayRunsOnThePortalClock() {
        String callId = register(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2));
        given().contentType("application/json").body(Map.of("command", "disableAutoClose"))
                .post(cardPath(callId, 2) + "/command").then().statusCode(200).body("size()", equalTo(0));
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "STATUS_CODE", "486")).then().statusCode(200);
        assertEquals(List.of("call ended"), events(callId, 2, CallCardService.BEFORE_CLOSE));
        assertEquals("idle", card(callId, 2).getString("state"));
        assertEquals("486", card(callId, 2).getString("events.find { it.name == 'CallCard::CallStateChanged' }.args[1].failedCode"));
        advancePortalClock("PT64S");
        given().contentType("application/json").body(Map.of("command", "disableAutoClose"))
                .post(cardPath(callId, 2) + "/command").then().statusCode(200);
        advancePortalClock("PT64S");
        assertEquals(Boolean.FALSE, card(callId, 2).getBoolean("closed"), "disableAutoClose restarted the 65 s");
        advancePortalClock("PT2S");
        assertEquals(List.of("call ended", "auto-close delay over"), events(callId, 2, CallCardService.BEFORE_CLOSE));
        assertEquals(Boolean.TRUE, card(callId, 2).getBoolean("closed"));
    }

    @Test
    void withoutDisableTheCardClosesAtOnceAndEnableClosesADelayedOne() {
        String quick = register(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2));
        call("telephony.externalcall.finish", Map.of("CALL_ID", quick, "USER_ID", 2)).then().statusCode(200);
        assertEquals(List.of("call ended"), events(quick, 2, CallCardService.BEFORE_CLOSE));
        assertEquals(Boolean.TRUE, card(quick, 2).getBoolean("closed"));

        String slow = register(Map.of("USER_ID", 3, "PHONE_NUMBER", "+79990000002", "TYPE", 2));
        given().contentType("application/json").body(Map.of("command", "disableAutoClose")).post(cardPath(slow, 3) + "/command");
        call("telephony.externalcall.finish", Map.of("CALL_ID", slow, "USER_ID", 3)).then().statusCode(200);
        given().contentType("application/json").body(Map.of("command", "enableAutoClose")).post(cardPath(slow, 3) + "/command")
                .then().statusCode(200);
        assertEquals(List.of("call ended", "auto-close enabled"), events(slow, 3, CallCardService.BEFORE_CLOSE));
        assertEquals(Boolean.TRUE, card(slow, 3).getBoolean("closed"));
    }

    @Test
    void theCardListsItsWidgetsAsItOpensThemAndTheUserClosesIt() {
        String callId = register(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2));
        given().get(cardPath(callId, 2) + "/widgets").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].form.PLACEMENT", equalTo("CALL_CARD")).body("[0].isAdmin", equalTo(false))
                .body("[0].url", org.hamcrest.Matchers.startsWith(handler.url("/card") + "?DOMAIN="));
        given().post(cardPath(callId, 2) + "/close").then().statusCode(200).body("closed", equalTo(true));
        assertEquals(List.of("closed by user"), events(callId, 2, CallCardService.BEFORE_CLOSE));
    }

    /**
     * The user's close is the card's close(), at once: a widget's disabled auto-close holds back only the close after
     * the call, and a card waiting out that delay closes when its user closes it (D44).
     */
    @Test
    void theUsersCloseClosesAtOnceWhateverAutoCloseSays() {
        String callId = register(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2));
        given().contentType("application/json").body(Map.of("command", "disableAutoClose")).post(cardPath(callId, 2) + "/command");
        given().post(cardPath(callId, 2) + "/close").then().statusCode(200).body("closed", equalTo(true));
        String waiting = register(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000002", "TYPE", 2));
        given().contentType("application/json").body(Map.of("command", "disableAutoClose")).post(cardPath(waiting, 2) + "/command");
        call("telephony.externalcall.finish", Map.of("CALL_ID", waiting, "USER_ID", 2)).then().statusCode(200);
        assertEquals(Boolean.FALSE, card(waiting, 2).getBoolean("closed"), "the close after the call waits");
        given().post(cardPath(waiting, 2) + "/close").then().statusCode(200).body("closed", equalTo(true));
        assertEquals(List.of("call ended", "closed by user"), events(waiting, 2, CallCardService.BEFORE_CLOSE));
    }

    @Test
    void getStatusReturnsTheCardsCurrentData() {
        String callId = register(Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 1, "LINE_NUMBER", "500"));
        given().contentType("application/json").body(Map.of("command", "getStatus")).post(cardPath(callId, 2) + "/command")
                .then().statusCode(200).body("CALL_ID", equalTo(callId)).body("PHONE_NUMBER", equalTo("+79990000001"))
                .body("LINE_NUMBER", equalTo("500")).body("CRM_ENTITY_TYPE", equalTo("CONTACT"))
                .body("CRM_ENTITY_ID", equalTo(1)).body("CALL_DIRECTION", equalTo("outgoing"))
                .body("CALL_STATE", equalTo("connecting")).body("CALL_LIST_MODE", equalTo(false))
                .body("CRM_BINDINGS[0].ENTITY_ID", equalTo(1));
        given().contentType("application/json").body(Map.of("command", "selfDestruct")).post(cardPath(callId, 2) + "/command")
                .then().statusCode(400);
    }

    @Test
    void callListMethods() {
        call("crm.calllist.add", Map.of("ENTITY_TYPE", "DEAL", "ENTITIES", List.of(1))).then().statusCode(400)
                .body("error", equalTo("ENTITY_TYPE_ERROR"));
        call("crm.calllist.add", Map.of("ENTITY_TYPE", "CONTACT", "ENTITIES", List.of(99))).then().statusCode(400)
                .body("error", equalTo("ENTITY_ERROR"));
        call("crm.calllist.add", Map.of("ENTITY_TYPE", "CONTACT")).then().statusCode(400)
                .body("error_description", equalTo("ENTITIES is not found"));
        int id = call("crm.calllist.add", Map.of("ENTITY_TYPE", "CONTACT", "ENTITIES", List.of(1, 2))).then()
                .extract().path("result");
        call("crm.calllist.get", Map.of("ID", id)).then().body("result.ENTITY_TYPE", equalTo("CONTACT"))
                .body("result.ENTITY_TYPE_ID", equalTo("3"));
        call("crm.calllist.items.get", Map.of("LIST_ID", id)).then().body("result.ID", equalTo(List.of(1, 2)))
                .body("result[0].STATUS", equalTo("IN_WORK")).body("result[0].ENTITY_TYPE", equalTo(3));
        call("crm.calllist.update", Map.of("LIST_ID", id, "ENTITY_TYPE", "CONTACT", "ENTITIES", List.of(2))).then()
                .body("result", equalTo(true));
        call("crm.calllist.items.get", Map.of("LIST_ID", id)).then().body("result.ID", equalTo(List.of(2)));
        // D153: the controller's order of checks; a member kept stays before the ones added
        call("crm.calllist.update", Map.of("LIST_ID", id, "ENTITY_TYPE", "CONTACT", "ENTITIES", List.of(1, 2))).then()
                .body("result", equalTo(true));
        call("crm.calllist.items.get", Map.of("LIST_ID", id)).then().body("result.ID", equalTo(List.of(2, 1)));
        call("crm.calllist.add", Map.of("ENTITY_TYPE", "CONTACT", "ENTITIES", List.of())).then().statusCode(400)
                .body("error", equalTo("ENTITIES_ERROR")).body("error_description", equalTo("Incorrect entities id"));
        call("crm.calllist.add", Map.of("ENTITY_TYPE", "CONTACT", "ENTITIES", List.of(1, 1))).then().statusCode(400)
                .body("error", equalTo("ENTITY_ERROR"));
        call("crm.calllist.update", Map.of("LIST_ID", 99, "ENTITIES", List.of(1))).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT")).body("error_description", equalTo("ENTITY_TYPE is not found"));
        call("crm.calllist.update", Map.of("LIST_ID", 99, "ENTITY_TYPE", "CONTACT", "ENTITIES", List.of(99))).then()
                .statusCode(400).body("error", equalTo("ENTITIES_ERROR"));
        call("crm.calllist.update", Map.of("LIST_ID", 99, "ENTITY_TYPE", "CONTACT", "ENTITIES", List.of(1))).then()
                .statusCode(400).body("error", equalTo("LIST_ID_ERROR"))
                .body("error_description", equalTo("Incorrect list id or access denied"));
        call("crm.calllist.update", Map.of("LIST_ID", id, "ENTITY_TYPE", "COMPANY", "ENTITIES", List.of(99))).then()
                .statusCode(400).body("error", equalTo("ENTITIES_ERROR")); // the clients before the list's own type
        call("crm.calllist.update", Map.of("LIST_ID", id, "ENTITY_TYPE", "CONTACT", "ENTITIES", List.of(2))).then()
                .body("result", equalTo(true));
        // the CallList controller writes neither total nor next (D143)
        call("crm.calllist.list", Map.of()).then().body("result.size()", equalTo(1))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("total")));
        call("crm.calllist.statuslist", Map.of()).then().body("result.STATUS_ID",
                equalTo(List.of("IN_WORK", "SUCCESS", "WRONG_NUMBER", "STOP_CALLING")));
        call("crm.calllist.get", Map.of("ID", 99)).then().statusCode(400).body("error", equalTo("LIST_ID_ERROR"));
        // D147: the list came with its activity; deleting the activity, as the docs advise, leaves the list
        String activity = call("crm.activity.list", Map.of("filter", Map.of("SUBJECT", "Call list #" + id))).then()
                .body("result.size()", equalTo(1))
                .body("result[0].PROVIDER_ID", equalTo("CALL_LIST")).body("result[0].TYPE_ID", equalTo("6"))
                .body("result[0].OWNER_TYPE_ID", equalTo("12")).body("result[0].OWNER_ID", equalTo(Integer.toString(id)))
                .body("result[0].ASSOCIATED_ENTITY_ID", equalTo(Integer.toString(id)))
                .body("result[0].COMPLETED", equalTo("N")).body("result[0].RESPONSIBLE_ID", equalTo("1"))
                .extract().path("result[0].ID");
        call("crm.activity.list", Map.of("filter", Map.of("BINDINGS", List.of(Map.of("OWNER_TYPE_ID", 12, "OWNER_ID", id)))))
                .then().statusCode(200).body("result.ID", equalTo(List.of(activity)));
        call("crm.activity.update", Map.of("id", activity, "fields", Map.of("COMPLETED", "Y"))).then().statusCode(200);
        call("crm.activity.delete", Map.of("id", activity)).then().statusCode(200).body("result", equalTo(true));
        call("crm.calllist.get", Map.of("ID", id)).then().statusCode(200).body("result.ID", equalTo(Integer.toString(id)));
        call("crm.calllist.items.get", Map.of("LIST_ID", id)).then().body("result.ID", equalTo(List.of(2)));
    }

    /**
     * D152: crm.calllist.items.get answers 50 clients from start (an offset, without next or total), and a page
     * without a client, past the last one or of a status nobody has yet, is 403 ACCESS_ERROR, as on a real portal.
     */
    @Test
    void callListItemsComeFiftyFromStartAndAnEmptyPageIsAccessError() {
        List<Integer> contacts = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            contacts.add(call("crm.contact.add", Map.of("fields", Map.of("NAME", "Client " + i))).then().statusCode(200)
                    .extract().path("result"));
        }
        int id = call("crm.calllist.add", Map.of("ENTITY_TYPE", "CONTACT", "ENTITIES", contacts)).then().statusCode(200)
                .extract().path("result");
        call("crm.calllist.items.get", Map.of("LIST_ID", id)).then().statusCode(200)
                .body("result.ID", equalTo(contacts.subList(0, 50)))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("next")))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("total")));
        call("crm.calllist.items.get", Map.of("LIST_ID", id, "start", 55)).then().statusCode(200)
                .body("result.ID", equalTo(contacts.subList(55, 60)));
        call("crm.calllist.items.get", Map.of("LIST_ID", id, "start", -1)).then().body("result.size()", equalTo(50));
        for (Map<String, ?> empty : List.of(Map.of("LIST_ID", id, "start", 60),
                Map.of("LIST_ID", id, "FILTER", Map.of("STATUS", "SUCCESS")))) {
            call("crm.calllist.items.get", empty).then().statusCode(403).body("error", equalTo("ACCESS_ERROR"))
                    .body("error_description", equalTo("You do not have access to the participants of this call list"));
        }
    }

    /**
     * D154: the operator's result for a client (the card's SET_ELEMENT_STATUS) orders the list by the statuses' SORT,
     * then rank (+5500 for the client just set), items.get answers that order and its status filter, the last client
     * out of work completes the list's activity, and update then keeps the clients by STATUS_ID.
     */
    @Test
    void anOperatorsResultsReorderTheListAndTheLastOneCompletesItsActivity() {
        int c3 = call("crm.contact.add", Map.of("fields", Map.of("NAME", "Third"))).then().extract().path("result");
        int c4 = call("crm.contact.add", Map.of("fields", Map.of("NAME", "Fourth"))).then().extract().path("result");
        int id = call("crm.calllist.add", Map.of("ENTITY_TYPE", "CONTACT", "ENTITIES", List.of(1, 2, c3, c4))).then()
                .extract().path("result");
        status(id, 2, "SUCCESS").body("ID", equalTo(List.of(1, c3, c4, 2)));
        call("crm.calllist.items.get", Map.of("LIST_ID", id, "FILTER", Map.of("STATUS", "SUCCESS"))).then()
                .body("result.ID", equalTo(List.of(2)));
        call("crm.calllist.items.get", Map.of("LIST_ID", id)).then().body("result.ID", equalTo(List.of(1, c3, c4, 2)));
        status(id, 1, "WRONG_NUMBER").body("ID", equalTo(List.of(c3, c4, 2, 1)));
        status(id, c3, "STOP_CALLING").body("ID", equalTo(List.of(c4, 2, 1, c3)));
        String activity = call("crm.activity.list", Map.of("filter", Map.of("SUBJECT", "Call list #" + id))).then()
                .body("result[0].COMPLETED", equalTo("N")).extract().path("result[0].ID");
        status(id, c4, "SUCCESS").body("ID", equalTo(List.of(2, c4, 1, c3))).body("STATUS",
                equalTo(List.of("SUCCESS", "SUCCESS", "WRONG_NUMBER", "STOP_CALLING")));
        call("crm.activity.get", Map.of("id", activity)).then().body("result.COMPLETED", equalTo("Y"));
        // update numbers the kept clients as createWithId loads them: by STATUS_ID, then rank
        call("crm.calllist.update", Map.of("LIST_ID", id, "ENTITY_TYPE", "CONTACT", "ENTITIES", List.of(1, 2, c3, c4)))
                .then().body("result", equalTo(true));
        call("crm.calllist.items.get", Map.of("LIST_ID", id)).then().body("result.ID", equalTo(List.of(c3, 2, c4, 1)));
        given().contentType("application/json").body(Map.of("entityId", 2, "status", "MAYBE"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/call-lists/" + id + "/status").then().statusCode(400);
        given().contentType("application/json").body(Map.of("entityId", 99, "status", "SUCCESS"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/call-lists/" + id + "/status").then().statusCode(400);
    }

    private io.restassured.response.ValidatableResponse status(int list, int entity, String status) {
        return given().contentType("application/json").body(Map.of("entityId", entity, "status", status, "userId", 2))
                .post(base() + "/_emulator/portals/" + portal.id() + "/call-lists/" + list + "/status").then().statusCode(200);
    }
}
