package dev.b24emu.emulator.internal.events;

import dev.b24emu.emulator.support.AppHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Offline events: the latest-state queue, reservation by process_id, errors, and auth_connector echo suppression. */
class OfflineEventsTest extends AppHarness {
    @Test
    void offlineHandlersQueueTheLatestStatePerCall() {
        String token = telephonyApp("local.sync").getString("access_token");
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallEnd", "event_type", "offline")).then().statusCode(200);
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallStart", "event_type", "offline")).then().statusCode(200);
        String first = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2))
                .then().extract().path("result.CALL_ID");
        call("telephony.externalcall.register", Map.of("USER_ID", 3, "PHONE_NUMBER", "+79990000002", "TYPE", 2));
        call("telephony.externalcall.finish", Map.of("CALL_ID", first, "USER_ID", 2, "DURATION", 5));

        oauth(token, "event.offline.list", Map.of()).then().statusCode(200).body("total", equalTo(3))
                .body("result.EVENT_NAME", equalTo(List.of("ONVOXIMPLANTCALLSTART", "ONVOXIMPLANTCALLSTART", "ONVOXIMPLANTCALLEND")));
        var reserved = oauth(token, "event.offline.get", Map.of("clear", 0, "limit", 2)).then().statusCode(200)
                .body("result.events.size()", equalTo(2)).extract().jsonPath();
        String process = reserved.getString("result.process_id");
        // the process's own records again, not the one still unreserved (D128)
        oauth(token, "event.offline.get", Map.of("clear", 0, "process_id", process)).then()
                .body("result.events.size()", equalTo(2)).body("result.process_id", equalTo(process));
        oauth(token, "event.offline.get", Map.of("clear", 0)).then().body("result.events.size()", equalTo(1));
        oauth(token, "event.offline.error", Map.of("process_id", process,
                "message_id", List.of(reserved.getString("result.events[0].MESSAGE_ID")))).then().body("result", equalTo(true));
        oauth(token, "event.offline.clear", Map.of("process_id", process)).then().body("result", equalTo(true));
        oauth(token, "event.offline.list", Map.of()).then().body("total", equalTo(2))
                .body("result.ERROR", equalTo(List.of("1", "0")));
        oauth(token, "event.offline.get", Map.of("error", 1)).then().body("result.events.size()", equalTo(1))
                .body("result.process_id", nullValue());
        oauth(token, "event.offline.clear", Map.of()).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT")).body("error_description", equalTo("Argument 'PROCESS_ID' is null or empty"))
                .body("argument", equalTo("PROCESS_ID")); // ArgumentNullException: its parameter, as RestException answers it
    }

    /**
     * D150: EVENT_ADDITIONAL is {user_id: LOCAL_USER}, the handler's own user (auth_type) or else the user whose call
     * caused the event, as event.offline.get and event.offline.list answer it.
     */
    @Test
    void offlineRecordsNameTheUserWhoseActionTheyRecord() {
        String token = telephonyApp("local.who").getString("access_token");
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallStart", "event_type", "offline")).then().statusCode(200);
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallEnd", "event_type", "offline", "auth_type", 3))
                .then().statusCode(200);
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2))
                .then().extract().path("result.CALL_ID");
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 5)).then().statusCode(200);
        String webhookUser = Long.toString(portal.webhook().userId());
        oauth(token, "event.offline.list", Map.of()).then().statusCode(200)
                .body("result.EVENT_NAME", equalTo(List.of("ONVOXIMPLANTCALLSTART", "ONVOXIMPLANTCALLEND")))
                .body("result.EVENT_ADDITIONAL.user_id", equalTo(List.of(webhookUser, "3")));
        oauth(token, "event.offline.get", Map.of()).then().statusCode(200)
                .body("result.events.EVENT_ADDITIONAL", equalTo(List.of(Map.of("user_id", webhookUser), Map.of("user_id", "3"))));
    }

    /** on-offline-event.md: new records are announced to the application's OnOfflineEvent handlers, without data. */
    @Test
    void newOfflineRecordsAreAnnouncedByOnOfflineEvent() {
        String token = telephonyApp("local.notify").getString("access_token");
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallEnd", "event_type", "offline")).then().statusCode(200);
        oauth(token, "event.bind", Map.of("event", "OnOfflineEvent", "handler", handler.url("/queue"))).then().statusCode(200);
        String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2))
                .then().extract().path("result.CALL_ID");
        assertTrue(handler.received().stream().noneMatch(r -> "ONOFFLINEEVENT".equals(r.event())), "nothing queued yet");
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 5)).then().statusCode(200);
        var announced = handler.awaitEvent("ONOFFLINEEVENT");
        assertEquals("/queue", announced.path());
        assertTrue(announced.form().path("data").isMissingNode() || announced.form().path("data").isEmpty(),
                announced.form().toString());
        oauth(token, "event.offline.list", Map.of()).then().body("total", equalTo(1));
    }

    /**
     * on-offline-event.md: after a notification the next waits options.minTimeout seconds (1 by default), 0 telling
     * every request; the portal's clock decides.
     */
    @Test
    void onOfflineEventWaitsItsMinTimeoutBetweenNotifications() {
        String token = telephonyApp("local.throttle").getString("access_token");
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallEnd", "event_type", "offline")).then().statusCode(200);
        oauth(token, "event.bind", Map.of("event", "OnOfflineEvent", "handler", handler.url("/default"))).then().statusCode(200);
        oauth(token, "event.bind", Map.of("event", "OnOfflineEvent", "handler", handler.url("/minute"),
                "options", Map.of("minTimeout", 60))).then().statusCode(200);
        oauth(token, "event.bind", Map.of("event", "OnOfflineEvent", "handler", handler.url("/every"),
                "options", Map.of("minTimeout", 0))).then().statusCode(200);
        portal.clock().freeze();
        java.util.function.Supplier<List<String>> told = () -> handler.received().stream()
                .filter(r -> "ONOFFLINEEVENT".equals(r.event())).map(r -> r.path()).sorted().toList();
        Runnable call = () -> {
            String callId = call("telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001",
                    "TYPE", 2)).then().extract().path("result.CALL_ID");
            call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 2, "DURATION", 5)).then().statusCode(200);
        };
        call.run();
        awaitExactly(told, 3);
        assertEquals(List.of("/default", "/every", "/minute"), told.get());
        call.run(); // the same second: only the handler of minTimeout 0 is told
        awaitExactly(told, 4);
        portal.clock().advance(java.time.Duration.ofSeconds(1));
        call.run(); // a second later: the default handler again
        awaitExactly(told, 6);
        portal.clock().advance(java.time.Duration.ofSeconds(59));
        call.run(); // a minute after the first: all three
        awaitExactly(told, 9);
        assertEquals(List.of("/default", "/default", "/default", "/every", "/every", "/every", "/every", "/minute", "/minute"),
                told.get());
    }

    /** Waits for that many deliveries, then a moment more to see that no other comes (they are sent asynchronously). */
    private static void awaitExactly(java.util.function.Supplier<List<String>> told, int count) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (told.get().size() < count && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        java.util.concurrent.locks.LockSupport.parkNanos(300_000_000);
        assertEquals(count, told.get().size(), told.get()::toString);
    }

    @Test
    void aRequestWithTheHandlersSourceKeyIsNotEchoedBack() {
        String token = telephonyApp("local.echo").getString("access_token");
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallStart", "event_type", "offline",
                "auth_connector", "crm-sync")).then().statusCode(200);
        oauth(token, "telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000001", "TYPE", 2,
                "auth_connector", "crm-sync")).then().statusCode(200);
        oauth(token, "event.offline.list", Map.of("auth_connector", "crm-sync")).then().body("total", equalTo(0));
        oauth(token, "telephony.externalcall.register", Map.of("USER_ID", 2, "PHONE_NUMBER", "+79990000002", "TYPE", 2))
                .then().statusCode(200);
        oauth(token, "event.offline.list", Map.of("auth_connector", "crm-sync")).then().body("total", equalTo(1));
        oauth(token, "event.offline.list", Map.of()).then().body("total", equalTo(0));
        // another connector is another queue, not a duplicate handler (EventTable::checkUniq, D128)
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallStart", "event_type", "offline",
                "auth_connector", "erp-sync")).then().statusCode(200);
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallStart", "event_type", "offline",
                "auth_connector", "erp-sync")).then().statusCode(400).body("error", equalTo("ERROR_HANDLER_ALREADY_EXIST"));
    }

    @Test
    void offlineBindingNeedsAnAdministrator() {
        var spec = Map.of("clientId", "local.user", "clientSecret", "s", "scopes", List.of("telephony"), "userId", 2);
        String token = io.restassured.RestAssured.given().contentType("application/json").body(spec)
                .post(base() + "/_emulator/portals/" + portal.id() + "/apps").then().statusCode(201).extract().path("access_token");
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallEnd", "event_type", "offline")).then().statusCode(403)
                .body("error", equalTo("ACCESS_DENIED"))
                .body("error_description", equalTo("Access denied! Offline events binding requires administrator access rights"));
        oauth(token, "event.bind", Map.of("event", "OnVoximplantCallEnd", "handler", "http://127.0.0.1:1/h", "auth_type", 1))
                .then().statusCode(403);
        oauth(token, "event.offline.list", Map.of()).then().statusCode(403);
    }
}
