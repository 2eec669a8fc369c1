package dev.b24emu.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * One isolated portal of the container, as a test sees it (the embedded {@code TestPortal}'s methods, over the
 * control API): its webhook, clock and settings, its CRM and applications, what it received and sent, with
 * assertions that say what happened instead when they fail.
 */
public final class TestPortal {
    private final ControlApi api;
    private final String id;
    private final String webhookUrl;
    private final String memberId;

    TestPortal(ControlApi api, JsonNode view) {
        this.api = api;
        this.id = view.path("id").asText();
        this.webhookUrl = view.path("webhookUrl").asText();
        this.memberId = view.path("memberId").asText();
    }

    public String id() {
        return id;
    }

    /** The webhook URL, ending in a slash, as the test reaches the container. */
    public String webhookUrl() {
        return webhookUrl;
    }

    public String memberId() {
        return memberId;
    }

    /** Changes settings, e.g. {@code settings("{\"crmMode\":\"SIMPLE\"}")}; see the README for the keys. */
    public TestPortal settings(String json) {
        api.patch(path("/settings"), json);
        return this;
    }

    /** The portal's settings as GET …/settings shows them. */
    public JsonNode settings() {
        return api.get(path("/settings"));
    }

    /** Moves this portal's clock forward (token expiry, the 30-minute rule, card timers); other portals keep theirs. */
    public TestPortal advanceClock(Duration by) {
        api.post(path("/clock"), Map.of("advance", by.toString()));
        return this;
    }

    /** Sets this portal's clock. */
    public TestPortal setClock(Instant now) {
        api.post(path("/clock"), Map.of("set", now.toString()));
        return this;
    }

    /** The portal's time now. */
    public Instant now() {
        return OffsetDateTime.parse(api.get(path("/clock")).path("now").asText()).toInstant();
    }

    /**
     * Adds a CRM object without a REST call (so the request journal keeps only what clients asked), with fields as
     * crm.{type}.add takes them; answers its ID.
     *
     * @param type lead, contact, company or deal
     */
    public long addCrm(String type, Map<String, ?> fields) {
        return api.post(path("/crm/" + encode(type)), fields).path("ID").asLong();
    }

    /** Puts a number on the CRM exclusion list: calls from it create nothing in the CRM. */
    public TestPortal exclude(String phone) {
        api.post(path("/crm-exclusions"), Map.of("phone", phone));
        return this;
    }

    /**
     * Installs an application and answers its token response (access_token, refresh_token, application_token...).
     * A handler URL is as the container reaches it: {@link Bitrix24EmulatorContainer#hostUrl(int, String)}.
     */
    public JsonNode installApp(String clientId, String clientSecret, List<String> scopes, String handlerUrl) {
        ObjectNode spec = ControlApi.JSON.createObjectNode().put("clientId", clientId).put("clientSecret", clientSecret);
        scopes.forEach(spec.putArray("scopes")::add);
        if (handlerUrl != null) {
            spec.put("handlerUrl", handlerUrl);
        }
        return api.post(path("/apps"), spec);
    }

    /**
     * Sends a documented event (OnVoximplantCallEnd, …) to a handler now, as the installed application receives it:
     * the example data of its docs page with these values over it. Answers the delivery once the handler answered.
     */
    public RecordedDelivery trigger(String event, String handlerUrl, Map<String, ?> data) {
        return RecordedDelivery.of(api.post(path("/trigger"), Map.of("event", event, "handlerUrl", handlerUrl, "data", data)));
    }

    /** Every REST call the portal served (the last --journal-size of them), oldest first. */
    public List<RecordedRequest> requests() {
        return StreamSupport.stream(api.get(path("/requests")).spliterator(), false).map(RecordedRequest::of).toList();
    }

    /** The calls of a method this portal served (any case). */
    public List<RecordedRequest> requests(String method) {
        return requests().stream().filter(e -> e.method().equalsIgnoreCase(method)).toList();
    }

    /** The notifications the portal sent with im.notify.*, oldest first (the newest 1,000). */
    public List<SentNotification> notifications() {
        return StreamSupport.stream(api.get(path("/notifications")).spliterator(), false).map(SentNotification::of).toList();
    }

    /** Every delivery attempt the portal made, oldest first. */
    public List<RecordedDelivery> deliveries() {
        return StreamSupport.stream(api.get(path("/events")).spliterator(), false).map(RecordedDelivery::of).toList();
    }

    /**
     * Fails unless the method was called and answered 2xx at least once, listing what was called instead (with each
     * answer's status and error); answers the last such call. {@link #requests(String)} has the failed ones too.
     */
    public RecordedRequest assertCalled(String method) {
        return requests(method).stream().filter(RecordedRequest::succeeded).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("Expected a successful call of " + method + " on portal " + id
                        + "; it served: " + requests().stream().map(e -> e.method() + " " + e.status()
                        + (e.error() == null ? "" : " " + e.error())).collect(Collectors.toList())));
    }

    /**
     * Fails unless an event was delivered (its handler answered 2xx), listing the attempts there were with their
     * statuses and errors; answers the last delivery. Deliveries are asynchronous and the container is another
     * process, so it waits up to 5 s for one to be recorded. {@link #deliveries()} has the failed attempts too.
     */
    public RecordedDelivery assertDelivered(String event) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<RecordedDelivery> all = deliveries();
            var last = all.stream().filter(d -> d.event().equalsIgnoreCase(event) && d.delivered()).reduce((a, b) -> b);
            if (last.isPresent()) {
                return last.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected a delivery of " + event + " on portal " + id + "; there were: "
                        + all.stream().map(d -> d.event() + " -> " + d.status() + (d.error() == null ? "" : " "
                        + d.error())).collect(Collectors.toList()));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + event, e);
            }
        }
    }

    /** Deletes the portal: its webhook and tokens stop working. */
    public void delete() {
        api.delete(path(""));
    }

    private String path(String below) {
        return "/_emulator/portals/" + encode(id) + below;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
