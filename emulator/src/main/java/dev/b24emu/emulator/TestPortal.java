package dev.b24emu.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.control.FaultControl;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.crm.api.CrmArea;
import dev.b24emu.emulator.internal.im.CallChatStore;
import dev.b24emu.emulator.internal.im.NotificationStore;
import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.outbound.Delivery;
import dev.b24emu.emulator.internal.outbound.DeliveryJournal;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.FaultStore;
import dev.b24emu.emulator.internal.server.EmulatorServer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One isolated portal as a test sees it: its webhook, its clock and settings, its CRM and applications, and what it
 * received and sent, with assertions that say what happened instead when they fail.
 */
public final class TestPortal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EmulatorServer server;
    private final Portal handle;

    TestPortal(EmulatorServer server, Portal portal) {
        this.server = server;
        this.handle = portal;
    }

    /**
     * The portal, while it is one of its emulator's: a portal deleted (by {@link #delete()}, {@link Controls#reset()},
     * the bound of portals) or of a closed emulator is named so, where its webhook answered 401 and its journal nothing
     * and a test went looking in its own integration (audit 49c).
     */
    private Portal portal() {
        if (server.closed()) {
            throw new IllegalStateException("Portal " + handle.id() + ": its emulator is closed");
        }
        if (server.portals().get(handle.id()).orElse(null) != handle) {
            throw new IllegalStateException("Portal " + handle.id() + " was deleted (delete(), controls().reset(), or"
                    + " the emulator's bound of portals): make another with controls().newPortal()");
        }
        return handle;
    }

    public String id() {
        return handle.id();
    }

    /** The webhook URL, ending in a slash. */
    public String webhookUrl() {
        return server.webhookUrl(portal());
    }

    /**
     * The webhook URL over HTTPS (trust {@link Bitrix24Emulator#trustedCertificate()}), or null when the emulator has no
     * HTTPS listener: the official JS SDK refuses a webhook that is not https.
     */
    public String httpsWebhookUrl() {
        return server.httpsWebhookUrl(portal());
    }

    /** The host name the proxy answers for as this portal: its own domain, or {@code <id>.bitrix24.test}. */
    public String domain() {
        return portal().domain();
    }

    /** The webhook as Bitrix24 issues it, at the portal's domain: reach it through the proxy. */
    public String domainWebhookUrl() {
        Portal portal = portal();
        return "https://" + portal.domain() + "/rest/" + portal.webhook().userId() + "/" + portal.webhook().token() + "/";
    }

    public String memberId() {
        return portal().memberId();
    }

    /** Changes settings, e.g. {@code settings("{\"crmMode\":\"SIMPLE\"}")}; see the README for the keys. */
    public TestPortal settings(String json) {
        try {
            portal().settings(portal().settings().patch(JSON.readTree(json)));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Settings must be JSON: " + json, e);
        }
        return this;
    }

    /** The portal's settings as GET …/settings shows them. */
    public JsonNode settings() {
        return portal().settings().toJson();
    }

    /** Moves this portal's clock forward (token expiry, the 30-minute rule, card timers); other portals keep theirs. */
    public TestPortal advanceClock(Duration by) {
        portal().clock().advance(by);
        return this;
    }

    /** Sets this portal's clock. */
    public TestPortal setClock(Instant now) {
        portal().clock().set(now);
        return this;
    }

    /** The portal's time now. */
    public Instant now() {
        return portal().now();
    }

    /**
     * Adds a CRM object without a REST call (so the request journal keeps only what clients asked), with fields as
     * crm.{type}.add takes them; answers its ID.
     *
     * @param type lead, contact, company or deal
     */
    public long addCrm(String type, Map<String, ?> fields) {
        ObjectNode added = (ObjectNode) CrmArea.add(portal(), type, JSON.valueToTree(fields), server.endpoints());
        return added.get("ID").asLong();
    }

    /** Puts a number on the CRM exclusion list: calls from it create nothing in the CRM. */
    public TestPortal exclude(String phone) {
        portal().store(CrmStore.class).exclude(phone);
        return this;
    }

    /** Installs an application and answers its token response (access_token, refresh_token, application_token...). */
    public JsonNode installApp(String clientId, String clientSecret, List<String> scopes, String handlerUrl) {
        ObjectNode spec = JSON.createObjectNode().put("clientId", clientId).put("clientSecret", clientSecret);
        scopes.forEach(spec.putArray("scopes")::add);
        if (handlerUrl != null) {
            spec.put("handlerUrl", handlerUrl);
        }
        return server.installApp(portal(), spec);
    }

    /** Every REST call the portal served (the last --journal-size of them), oldest first. */
    public List<RecordedRequest> requests() {
        return portal().store(RequestJournal.class).entries().stream().map(TestPortal::recorded).toList();
    }

    /** Every delivery attempt the portal made, oldest first. */
    public List<RecordedDelivery> deliveries() {
        return portal().store(DeliveryJournal.class).deliveries().stream().map(TestPortal::recorded).toList();
    }

    /** The notifications the portal sent with im.notify.*, oldest first (the newest 1,000). */
    public List<SentNotification> notifications() {
        return portal().store(NotificationStore.class).all().stream().map(n -> new SentNotification(n.id(), n.toUserId(),
                n.fromUserId(), n.system(), n.message(), n.messageOut(), n.tag())).toList();
    }

    /**
     * The messenger's messages, oldest first (the newest 1,000): those finished calls left (finish with ADD_TO_CHAT)
     * and those clients sent (im.message.add).
     */
    public List<SentChatMessage> chatMessages() {
        return portal().store(CallChatStore.class).all().stream().map(m -> new SentChatMessage(m.id(), m.dialogId(),
                m.userId(), m.fromUserId(), m.chatTitle(), m.message(), m.callId())).toList();
    }

    /** The calls of a method this portal served (any case). */
    public List<RecordedRequest> requests(String method) {
        return requests().stream().filter(e -> e.method().equalsIgnoreCase(method)).toList();
    }

    /**
     * Fails unless the method was called and answered 2xx at least once, listing what was called instead (with each
     * answer's status and error); answers the last such call. {@link #requests(String)} has the failed ones too.
     */
    public RecordedRequest assertCalled(String method) {
        return requests(method).stream().filter(RecordedRequest::succeeded).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("Expected a successful call of " + method + " on portal " + id()
                        + "; it served: " + summary()));
    }

    /**
     * Fails unless an event was delivered (its handler answered 2xx) within {@link #DELIVERY_WAIT}, listing the
     * attempts there were with their statuses and errors; answers the last delivery. Deliveries are asynchronous, so it
     * waits, as the container's TestPortal and the PHP, Node and Python clients do: asserted right after the call that
     * sends the event, it found none. {@link #deliveries()} has the failed attempts too.
     */
    public RecordedDelivery assertDelivered(String event) {
        return assertDelivered(event, DELIVERY_WAIT);
    }

    /** {@link #assertDelivered(String)}, waiting at most {@code within} for the delivery. */
    public RecordedDelivery assertDelivered(String event, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            java.util.Optional<RecordedDelivery> delivered = deliveries().stream()
                    .filter(d -> d.event().equalsIgnoreCase(event) && d.delivered()).reduce((a, b) -> b);
            if (delivered.isPresent()) {
                return delivered.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Expected a delivery of " + event + " on portal " + id() + " within "
                        + within.toMillis() + " ms; there were: " + deliveries().stream().map(d -> d.event() + " -> "
                        + d.status() + (d.error() == null ? "" : " " + d.error())).collect(Collectors.toList()));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for a delivery of " + event, interrupted);
            }
        }
    }

    /** How long {@link #assertDelivered(String)} waits for a delivery: a handler's 5 s deadline, as the clients wait. */
    public static final Duration DELIVERY_WAIT = Duration.ofSeconds(5);

    /**
     * Injects a fault into the portal's REST methods, as POST …/faults takes it, e.g.
     * {@code fault("{\"method\":\"telephony.externalcall.register\",\"error\":\"QUERY_LIMIT_EXCEEDED\",\"count\":1}")}
     * (README, "Faults"); answers its ID. {@link #clearFaults()} removes them.
     */
    public long fault(String json) {
        try {
            return new FaultControl(dev.b24emu.specs.Contracts.shared()).inject(portal(), JSON.readTree(json)).id();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("A fault must be JSON: " + json, e);
        }
    }

    /** Removes every fault of the portal. */
    public TestPortal clearFaults() {
        portal().store(FaultStore.class).clear();
        return this;
    }

    /** Deletes the portal: its webhook and tokens stop working. */
    public void delete() {
        server.portals().delete(portal().id());
    }

    private String summary() {
        return requests().stream().map(e -> e.method() + " " + e.status() + (e.error() == null ? "" : " " + e.error()))
                .collect(Collectors.toList()).toString();
    }

    static RecordedRequest recorded(RequestJournal.Entry e) {
        return new RecordedRequest(e.time(), e.method(), e.httpMethod(), e.auth(), e.app(), e.credential(), e.params(),
                e.status(), e.error(), e.result(), e.warnings(), e.notices(), e.latencyMicros());
    }

    private static RecordedDelivery recorded(Delivery d) {
        return new RecordedDelivery(d.time(), d.event(), d.handlerId(), d.url(), d.payload(), d.attempt(), d.status(),
                d.error(), d.latencyMillis());
    }
}
