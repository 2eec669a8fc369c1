package dev.b24emu.emulator.internal.events;

import dev.b24emu.emulator.support.AppHarness;
import dev.b24emu.emulator.testing.HandlerServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The CRM events (D137): every change to a lead, deal, contact, company, activity or timeline comment reaches the
 * handlers bound to its event with the object's ID only, whoever made it: a REST method, telephony's lead and call
 * activity, the control API as Bitrix24's own pages; an application's offline queue does not record its own change
 * made with the queue's source key (ProviderOffline).
 */
class CrmEventsTest extends AppHarness {
    private static final List<String> EVENTS = List.of("OnCrmLeadAdd", "OnCrmLeadUpdate", "OnCrmActivityAdd",
            "OnCrmContactAdd", "OnCrmContactUpdate", "OnCrmContactDelete", "OnCrmTimelineCommentAdd",
            "OnCrmTimelineCommentUpdate", "OnCrmTimelineCommentDelete");

    private static String id(HandlerServer.Received delivery) {
        assertEquals(1, delivery.form().path("data").size(), "data holds FIELDS only: " + delivery.body());
        assertEquals(1, delivery.form().path("data").path("FIELDS").size(), "FIELDS holds ID only: " + delivery.body());
        return delivery.form().path("data").path("FIELDS").path("ID").asText();
    }

    private long updates() {
        return handler.received().stream().filter(r -> "ONCRMCONTACTUPDATE".equals(r.event())).count();
    }

    private HandlerServer.Received only(String event) {
        List<HandlerServer.Received> all = handler.received().stream().filter(r -> event.equals(r.event())).toList();
        assertEquals(1, all.size(), event + " once: " + all);
        return all.get(0);
    }

    @Test
    void telephonysLeadAndCallActivityAndEveryCrmChangeReachTheHandlers() throws InterruptedException {
        String token = telephonyApp("local.crmsync").getString("access_token");
        EVENTS.forEach(event -> bind(token, event, handler.url("/crm")));

        String lead = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79995550101",
                "TYPE", 2, "CRM_CREATE", 1)).then().statusCode(200).extract().path("result.CRM_CREATED_LEAD").toString();
        assertEquals(lead, id(handler.awaitEvent("ONCRMLEADADD")));
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79995550101",
                "TYPE", 2)).then().extract().path("result.CALL_ID"); // the lead's number: nothing new is created
        String activity = call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 30))
                .then().statusCode(200).extract().path("result.CRM_ACTIVITY_ID").toString();
        assertEquals(activity, id(handler.awaitEvent("ONCRMACTIVITYADD")));
        assertEquals("/crm", only("ONCRMACTIVITYADD").path());
        String delivered = only("ONCRMACTIVITYADD").form().path("auth").path("access_token").asText();
        assertNotEquals(token, delivered, "a pair of the delivery's own, not the one the application holds (D207)");
        oauth(delivered, "user.current", Map.of()).then().statusCode(200)
                .body("result.ID", org.hamcrest.Matchers.equalTo("1")); // the handler's application's, as the user who acted

        String contact = call("crm.contact.add", Map.of("fields", Map.of("NAME", "Ivan"))).then().statusCode(200)
                .extract().path("result").toString();
        assertEquals(contact, id(handler.awaitEvent("ONCRMCONTACTADD")));
        call("crm.contact.update", Map.of("id", contact, "fields", Map.of("LAST_NAME", "Petrov"))).then().statusCode(200);
        assertEquals(contact, id(handler.awaitEvent("ONCRMCONTACTUPDATE")));
        // one request, one delivery of each kind: a batch updating the contact twice sends one update (Sender's Buffer)
        call("batch", Map.of("cmd", Map.of("a", "crm.contact.update?id=" + contact + "&fields[NAME]=Ivan",
                "b", "crm.contact.update?id=" + contact + "&fields[NAME]=Ioann"))).then().statusCode(200);
        call("crm.contact.update", Map.of("id", contact, "fields", Map.of("NAME", "John"))).then().statusCode(200);
        handler.await(r -> updates() == 3, "the batch's update and the next request's");
        Thread.sleep(300); // a second delivery of the batch's would have come before the next request's
        assertEquals(3, updates());
        String comment = call("crm.timeline.comment.add", Map.of("fields", Map.of("ENTITY_ID", contact,
                "ENTITY_TYPE", "contact", "COMMENT", "Called back"))).then().extract().path("result").toString();
        assertEquals(comment, id(handler.awaitEvent("ONCRMTIMELINECOMMENTADD")));
        call("crm.timeline.comment.update", Map.of("id", comment, "fields", Map.of("COMMENT", "Called back twice")))
                .then().statusCode(200);
        assertEquals(comment, id(handler.awaitEvent("ONCRMTIMELINECOMMENTUPDATE")));
        call("crm.timeline.comment.delete", Map.of("id", comment)).then().statusCode(200);
        assertEquals(comment, id(handler.awaitEvent("ONCRMTIMELINECOMMENTDELETE")));
        call("crm.contact.delete", Map.of("id", contact)).then().statusCode(200);
        assertEquals(contact, id(handler.awaitEvent("ONCRMCONTACTDELETE")));
        call("crm.contact.delete", Map.of("id", contact)).then().statusCode(400);

        // a contact added in Bitrix24's own pages (the control API) is a change like any other
        String seeded = given().contentType(ContentType.JSON).body(Map.of("NAME", "Olga"))
                .post(base() + "/_emulator/portals/" + portal.id() + "/crm/contact").then().statusCode(201)
                .extract().path("ID");
        handler.await(r -> "ONCRMCONTACTADD".equals(r.event()) && seeded.equals(id(r)), "the page's contact");

        assertEquals(1, handler.received().stream().filter(r -> "ONCRMCONTACTDELETE".equals(r.event())).count(),
                "deleting what is gone changes nothing");
        assertFalse(handler.received().stream().anyMatch(r -> r.event().equals("ONCRMDEALADD")), "nothing unbound");
    }

    @Test
    void anApplicationsOfflineQueueDoesNotRecordItsOwnChangeMadeWithTheQueuesSourceKey() {
        String token = telephonyApp("local.erp").getString("access_token");
        oauth(token, "event.bind", Map.of("event", "OnCrmContactAdd", "event_type", "offline")).then().statusCode(200);
        oauth(token, "event.bind", Map.of("event", "OnCrmContactAdd", "event_type", "offline",
                "auth_connector", "erp")).then().statusCode(200);

        String unkeyed = oauth(token, "crm.contact.add", Map.of("fields", Map.of("NAME", "Own, no key")))
                .then().statusCode(200).extract().path("result").toString();
        String keyed = oauth(token, "crm.contact.add", Map.of("fields", Map.of("NAME", "Own, erp key"),
                "auth_connector", "erp")).then().statusCode(200).extract().path("result").toString();
        String webhooks = call("crm.contact.add", Map.of("fields", Map.of("NAME", "Webhook's"))).then().statusCode(200)
                .extract().path("result").toString();

        // the default queue: the application's keyed change and the webhook's; the erp queue: the unkeyed and the webhook's
        oauth(token, "event.offline.list", Map.of()).then().body("total", equalTo(2))
                .body("result.EVENT_DATA.FIELDS.ID", equalTo(List.of(keyed, webhooks)));
        oauth(token, "event.offline.list", Map.of("auth_connector", "erp")).then().body("total", equalTo(2))
                .body("result.EVENT_DATA.FIELDS.ID", equalTo(List.of(unkeyed, webhooks)));

        // offline-events.md's reading: only a request with the queue's key is skipped, an unkeyed one recorded
        patchSettings("{\"offlineRecordsOwnChanges\": true}");
        String own = oauth(token, "crm.contact.add", Map.of("fields", Map.of("NAME", "Own again")))
                .then().statusCode(200).extract().path("result").toString();
        oauth(token, "event.offline.list", Map.of()).then().body("total", equalTo(3))
                .body("result.EVENT_DATA.FIELDS.ID", equalTo(List.of(keyed, webhooks, own)));
    }

    @Test
    void anOutgoingWebhookReceivesCrmEventsAndAnApplicationNeedsTheCrmScope() {
        given().contentType(ContentType.JSON).body(Map.of("handlerUrl", handler.url("/hook"), "events",
                List.of("OnCrmDealAdd"))).post(base() + "/_emulator/portals/" + portal.id() + "/outgoing-webhooks")
                .then().statusCode(201);
        String deal = call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Renewal"))).then().statusCode(200)
                .extract().path("result").toString();
        HandlerServer.Received delivery = handler.awaitEvent("ONCRMDEALADD");
        assertEquals(deal, id(delivery));
        assertFalse(delivery.form().path("auth").has("access_token"), "an outgoing webhook gets no token");

        String telephonyOnly = install("local.pbx", List.of("telephony"), null).getString("access_token");
        oauth(telephonyOnly, "event.bind", Map.of("event", "OnCrmDealAdd", "handler", handler.url("/x")))
                .then().statusCode(400).body("error", equalTo("ERROR_EVENT_NOT_FOUND"));
    }

    /** crm.item.* writes through the same operations: their events, and none for an update that changes nothing (D167). */
    @Test
    void universalWritesSendTheLegacyEventsAndANoOpUpdateNone() {
        String token = telephonyApp("local.items").getString("access_token");
        for (String event : List.of("OnCrmDealAdd", "OnCrmDealUpdate", "OnCrmDealDelete")) {
            oauth(token, "event.bind", Map.of("event", event, "event_type", "offline")).then().statusCode(200);
        }
        int deal = call("crm.item.add", Map.of("entityTypeId", 2, "fields", Map.of("title", "Universal")))
                .then().statusCode(200).body("result.item.title", equalTo("Universal")).extract().path("result.item.id");
        call("crm.item.update", Map.of("entityTypeId", 2, "id", deal, "fields", Map.of("title", "Renamed")))
                .then().statusCode(200).body("result.item.title", equalTo("Renamed"));
        String updated = call("crm.item.get", Map.of("entityTypeId", 2, "id", deal)).then().extract()
                .path("result.item.updatedTime");
        portal.clock().advance(java.time.Duration.ofMinutes(5));
        call("crm.item.update", Map.of("entityTypeId", 2, "id", deal, "fields", Map.of("title", "Renamed",
                "opportunity", "0.00"))).then().statusCode(200).body("result.item.updatedTime", equalTo(updated));
        call("crm.item.delete", Map.of("entityTypeId", 2, "id", deal)).then().statusCode(200)
                .body("result", equalTo(List.of()));
        String id = Integer.toString(deal);
        oauth(token, "event.offline.list", Map.of()).then().body("total", equalTo(3))
                .body("result.EVENT_NAME", equalTo(List.of("ONCRMDEALADD", "ONCRMDEALUPDATE", "ONCRMDEALDELETE")))
                .body("result.EVENT_DATA.FIELDS.ID", equalTo(List.of(id, id, id)));
    }

    /** crm.activity.binding.add and .delete save the activity with its new bindings: OnCrmActivityUpdate each (D170). */
    @Test
    void rebindingAnActivityIsAnUpdate() {
        String token = telephonyApp("local.rebind").getString("access_token");
        oauth(token, "event.bind", Map.of("event", "OnCrmActivityUpdate", "event_type", "offline")).then().statusCode(200);
        int contact = call("crm.contact.add", Map.of("fields", Map.of("NAME", "Ivan"))).then().extract().path("result");
        int deal = call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Queue"))).then().extract().path("result");
        int activity = call("crm.activity.todo.add", Map.of("ownerTypeId", 3, "ownerId", contact,
                "deadline", "2026-12-07T15:00:00+03:00")).then().statusCode(200).extract().path("result.id");
        Map<String, Object> binding = Map.of("activityId", activity, "entityTypeId", 2, "entityId", deal);
        call("crm.activity.binding.add", binding).then().statusCode(200);
        oauth(token, "event.offline.get", Map.of()).then().body("result.events.EVENT_NAME",
                equalTo(List.of("ONCRMACTIVITYUPDATE"))).body("result.events[0].EVENT_DATA.FIELDS.ID", equalTo(
                        Integer.toString(activity)));
        call("crm.activity.binding.add", binding).then().statusCode(400); // already bound: nothing saved, nothing told
        call("crm.activity.binding.delete", binding).then().statusCode(200);
        oauth(token, "event.offline.get", Map.of()).then().body("result.events.EVENT_NAME",
                equalTo(List.of("ONCRMACTIVITYUPDATE")));
    }

    /**
     * crm.item.update with another categoryId moves a deal (D171): its stage becomes the new pipeline's of the same
     * semantics, and onCrmDealMoveToCategory tells the pipeline and the stage beside onCrmDealUpdate.
     */
    @Test
    void aDealMovedToAnotherPipelineIsTold() {
        String token = telephonyApp("local.pipelines").getString("access_token");
        for (String event : List.of("OnCrmDealUpdate", "OnCrmDealMoveToCategory")) {
            oauth(token, "event.bind", Map.of("event", event, "event_type", "offline")).then().statusCode(200);
        }
        int pipeline = call("crm.category.add", Map.of("entityTypeId", 2, "fields", Map.of("name", "Callbacks")))
                .then().statusCode(200).extract().path("result.category.id");
        int deal = call("crm.deal.add", Map.of("fields", Map.of("TITLE", "Won", "STAGE_ID", "WON"))).then()
                .statusCode(200).extract().path("result");
        call("crm.item.update", Map.of("entityTypeId", 2, "id", deal, "fields", Map.of("categoryId", pipeline)))
                .then().statusCode(200).body("result.item.categoryId", equalTo(pipeline))
                .body("result.item.stageId", equalTo("C" + pipeline + ":WON"));
        String id = Integer.toString(deal);
        oauth(token, "event.offline.get", Map.of()).then()
                .body("result.events.EVENT_NAME", equalTo(List.of("ONCRMDEALUPDATE", "ONCRMDEALMOVETOCATEGORY")))
                .body("result.events[1].EVENT_DATA.FIELDS", equalTo(Map.of("ID", id,
                        "CATEGORY_ID", Integer.toString(pipeline), "STAGE_ID", "C" + pipeline + ":WON")));
        // crm.deal.update cannot move it (CATEGORY_ID is immutable there): no move is told
        call("crm.deal.update", Map.of("id", deal, "fields", Map.of("CATEGORY_ID", 0, "TITLE", "Still won")))
                .then().statusCode(200);
        oauth(token, "event.offline.get", Map.of()).then()
                .body("result.events.EVENT_NAME", equalTo(List.of("ONCRMDEALUPDATE")));
    }
}
