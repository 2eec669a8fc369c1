package dev.b24emu.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.events.Delivery;
import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.portal.Portal;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One isolated portal as a test sees it: its webhook, its clock and settings, and what it received and sent, with
 * assertions that say what happened instead when they fail.
 */
public final class TestPortal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Bitrix24Emulator emulator;
    private final Portal portal;

    TestPortal(Bitrix24Emulator emulator, Portal portal) {
        this.emulator = emulator;
        this.portal = portal;
    }

    public String id() {
        return portal.id();
    }

    /** The webhook URL, ending in a slash. */
    public String webhookUrl() {
        return emulator.webhookUrl(portal);
    }

    public String memberId() {
        return portal.memberId();
    }

    /** Changes settings, e.g. {@code settings("{\"crmMode\":\"SIMPLE\"}")}; see the README for the keys. */
    public TestPortal settings(String json) {
        try {
            portal.settings(portal.settings().patch(JSON.readTree(json)));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Settings must be JSON: " + json, e);
        }
        return this;
    }

    public TestPortal advanceClock(Duration by) {
        portal.clock().advance(by);
        return this;
    }

    /** Installs an application and answers its token response (access_token, refresh_token, application_token...). */
    public JsonNode installApp(String clientId, String clientSecret, List<String> scopes, String handlerUrl) {
        ObjectNode spec = JSON.createObjectNode().put("clientId", clientId).put("clientSecret", clientSecret);
        scopes.forEach(spec.putArray("scopes")::add);
        if (handlerUrl != null) {
            spec.put("handlerUrl", handlerUrl);
        }
        return emulator.installation().install(portal, spec);
    }

    public List<RequestJournal.Entry> requests() {
        return portal.journal().entries();
    }

    public List<Delivery> deliveries() {
        return portal.events().deliveries();
    }

    /** The calls of a method this portal served (any case). */
    public List<RequestJournal.Entry> requests(String method) {
        return requests().stream().filter(e -> e.method().equalsIgnoreCase(method)).toList();
    }

    /** Fails unless the method was called at least once, listing what was called instead. */
    public RequestJournal.Entry assertCalled(String method) {
        List<RequestJournal.Entry> calls = requests(method);
        if (calls.isEmpty()) {
            throw new AssertionError("Expected a call of " + method + " on portal " + id() + "; it served: " + summary());
        }
        return calls.get(calls.size() - 1);
    }

    /** Fails unless an event was delivered, listing the deliveries there were. */
    public Delivery assertDelivered(String event) {
        return deliveries().stream().filter(d -> d.event().equalsIgnoreCase(event)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("Expected a delivery of " + event + " on portal " + id()
                        + "; there were: " + deliveries().stream().map(d -> d.event() + " -> " + d.status())
                        .collect(Collectors.toList())));
    }

    private String summary() {
        return requests().stream().map(e -> e.method() + " " + e.status() + (e.error() == null ? "" : " " + e.error()))
                .collect(Collectors.toList()).toString();
    }

    /** The portal itself, for what the test API does not cover. */
    public Portal portal() {
        return portal;
    }
}
