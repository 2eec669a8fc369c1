package dev.b24emu.emulator.internal.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.events.EventNames;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.outbound.Delivery;
import dev.b24emu.emulator.internal.outbound.SelfGuard;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.FormCodec;
import dev.b24emu.emulator.internal.transport.Urls;
import dev.b24emu.specs.Contracts;
import io.vertx.core.Future;

import java.util.List;
import java.util.Locale;

/**
 * A documented event sent on demand to a handler under development (the command line's {@code trigger}), signed as
 * one of the portal's installed applications would receive it: its real application_token and a working access
 * token of the acting user, so the handler's checks pass as they would for a real delivery. The data is the
 * example on the event's docs page (kept in its schema in specs/) with the caller's values over it, and the whole
 * payload must still keep the event's contract: a handler never receives what Bitrix24 would not send.
 */
public final class EventTrigger {
    private final EventPublisher publisher;
    private final SelfGuard self;

    public EventTrigger(EventPublisher publisher, SelfGuard self) {
        this.publisher = publisher;
        this.self = self;
    }

    /**
     * Body of POST /_emulator/portals/{id}/trigger: {"event", "handlerUrl", "data"?, "clientId"?, "userId"?,
     * "forged"?}; a bad value is an IllegalArgumentException naming it. A forged event is what someone who knows the
     * portal's address but none of its secrets would post: the payload of the application's delivery (of an outgoing
     * webhook's when no application is installed), tokens nobody issued.
     */
    public Future<Delivery> trigger(Portal portal, JsonNode spec, Endpoints endpoints) {
        Contracts contracts = Contracts.shared();
        String requested = spec.path("event").asText("");
        String event = contracts.eventName(requested).orElseThrow(() -> new IllegalArgumentException(
                "event must be a documented event: one of " + contracts.eventNames()));
        String url = spec.path("handlerUrl").asText("");
        if (!Urls.isHttp(url) || self.reachesEmulator(url)) {
            throw new IllegalArgumentException("handlerUrl must be an absolute http(s) URL of the handler, outside the emulator itself (D204)");
        }
        JsonNode forged = spec.path("forged");
        if (!forged.isMissingNode() && !forged.isBoolean()) {
            throw new IllegalArgumentException("forged must be true or false");
        }
        String clientId = spec.path("clientId").asText(null);
        ObjectNode data = data(contracts, event, spec.get("data"));
        if (forged.asBoolean() && clientId == null && portal.store(AppStore.class).all().isEmpty()) {
            return publisher.forge(portal, event, data, EventPublisher.OUTGOING_WEBHOOKS, 0, url, endpoints);
        }
        App app = app(portal, clientId);
        long userId = Installation.activeUser(portal,
                spec.hasNonNull("userId") ? spec.get("userId").asLong() : app.installedBy()).id();
        if (forged.asBoolean()) { // an impostor is bound by no scope
            return publisher.forge(portal, event, data, app.appKey(), userId, url, endpoints);
        }
        if (!EventNames.allowed(event, app.scopes())) {
            throw new IllegalArgumentException("Application " + app.clientId() + " may not receive " + event
                    + ": it needs the scope " + EventNames.scopeOf(event).orElse("?") + " (it has " + app.scopeList() + ")");
        }
        return publisher.send(portal, event, data, app.appKey(), userId, url, endpoints);
    }

    /** The named application, or the one installed last. */
    private static App app(Portal portal, String clientId) {
        List<App> apps = portal.store(AppStore.class).all();
        if (clientId != null) {
            return portal.store(AppStore.class).byClientId(clientId).orElseThrow(() -> new IllegalArgumentException(
                    "No application " + clientId + " is installed on portal " + portal.id() + "; installed: "
                            + apps.stream().map(App::clientId).toList()));
        }
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("No application is installed on portal " + portal.id()
                    + ": install one first (POST /_emulator/portals/" + portal.id() + "/apps)");
        }
        return apps.get(apps.size() - 1);
    }

    /** The docs page's example data with the caller's values over it, checked against the event's data schema. */
    private static ObjectNode data(Contracts contracts, String event, JsonNode given) {
        ObjectNode data = contracts.eventExample(event).map(JsonNode::deepCopy).map(ObjectNode.class::cast)
                .orElseGet(JsonNodeFactory.instance::objectNode);
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw new IllegalArgumentException("data must be an object of the event's data fields");
            }
            given.fields().forEachRemaining(field -> data.set(field.getKey(), field.getValue()));
        }
        // the form body carries strings only: check what the handler will decode
        ObjectNode probe = JsonNodeFactory.instance.objectNode().put("event", event.toUpperCase(Locale.ROOT));
        probe.set("data", FormCodec.decode(FormCodec.encode(data)));
        List<String> problems = contracts.validateEvent(event, probe).stream()
                .filter(v -> v.location().startsWith("/data")).map(v -> v.location() + ": " + v.message()).toList();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The data is not what " + event + " carries: " + problems);
        }
        return data;
    }
}
