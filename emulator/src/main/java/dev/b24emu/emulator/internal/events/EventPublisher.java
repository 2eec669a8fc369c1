package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.outbound.Delivery;
import dev.b24emu.emulator.internal.outbound.Outbound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.FormCodec;
import io.vertx.core.Future;

import java.util.Locale;
import java.util.Set;

/**
 * Outbound delivery of events, as the Bitrix24 queue server does it: an application/x-www-form-urlencoded POST of
 * {event, event_handler_id, data, ts, auth} to each bound online handler, asynchronously, never blocking the request
 * that caused it, and without retries (a portal may opt in to retries). Offline handlers get the event queued
 * instead. A handler whose application lost the event's scope gets nothing. Every attempt is journaled.
 */
public final class EventPublisher {
    private final Outbound outbound;
    private final Applications applications;

    public EventPublisher(Outbound outbound, Applications applications) {
        this.outbound = outbound;
        this.applications = applications;
    }

    /**
     * Who the event concerns.
     *
     * @param actingUserId  the user whose action caused it; deliveries carry this user's token unless the handler names one
     * @param onlyAppKey    deliver only to this application's handlers (OnExternalCallStart goes to the line's owner), or null
     * @param authConnector the source key of the request that caused it: offline handlers with the same key skip it
     * @param objectKey     what the offline queue keeps the latest state of (e.g. the CALL_ID)
     * @param endpoints     the addresses of the request that caused it (domain, client_endpoint in the auth block)
     */
    public record Emit(long actingUserId, String onlyAppKey, String authConnector, String objectKey, Endpoints endpoints) {
    }

    public void publish(Portal portal, String eventName, ObjectNode data, Emit emit) {
        String event = eventName.toUpperCase(Locale.ROOT);
        EventStore events = portal.store(EventStore.class);
        for (EventHandler handler : events.handlers(h -> h.event().equals(event)
                && (emit.onlyAppKey() == null || emit.onlyAppKey().equals(h.appKey())))) {
            Set<String> scopes = applications.scopes(portal, handler.appKey()).orElse(null);
            if (scopes == null || !EventNames.allowed(event, scopes)) {
                continue;
            }
            if (handler.offline()) {
                boolean selfEcho = emit.authConnector() != null && !emit.authConnector().isEmpty()
                        && emit.authConnector().equals(handler.authConnector());
                if (!selfEcho) {
                    events.enqueue(handler, event + ":" + emit.objectKey(), event, data, portal.isoNow());
                }
                continue;
            }
            long userId = handler.authUserId() > 0 ? handler.authUserId() : emit.actingUserId();
            deliver(portal, payload(portal, event, handler.id(), data, handler.appKey(), userId, emit.endpoints()),
                    handler.handler());
        }
    }

    /** ONAPPINSTALL to an application's handler URL: the installation callback, with no handler ID. */
    public void installed(Portal portal, String appKey, String handlerUrl, long userId, Endpoints endpoints) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("VERSION", "1");
        data.put("ACTIVE", "Y");
        data.put("INSTALLED", "Y");
        data.put("LANGUAGE_ID", "en");
        deliver(portal, payload(portal, EventNames.APP_INSTALL, 0, data, appKey, userId, endpoints), handlerUrl);
    }

    /**
     * One event to a URL on an application's behalf, whether or not a handler is bound there (what the command
     * line's {@code trigger} sends to a handler under development). The payload is the one a bound handler gets: the
     * application's handler of this event at this URL gives its ID, if there is one (0 otherwise).
     *
     * @return the attempt, once it is over (it is in the delivery journal too)
     */
    public Future<Delivery> send(Portal portal, String eventName, ObjectNode data, String appKey, long userId,
                                 String url, Endpoints endpoints) {
        String event = eventName.toUpperCase(Locale.ROOT);
        long handlerId = portal.store(EventStore.class).handlers(h -> h.event().equals(event)
                && appKey.equals(h.appKey()) && h.handler().equals(url)).stream()
                .mapToLong(EventHandler::id).findFirst().orElse(0);
        return deliver(portal, payload(portal, event, handlerId, data, appKey, userId, endpoints), url);
    }

    /** {event, event_handler_id (none for ONAPPINSTALL), data (strings only), ts, auth} as a handler decodes it. */
    private ObjectNode payload(Portal portal, String event, long handlerId, ObjectNode data, String appKey,
                               long userId, Endpoints endpoints) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("event", event);
        if (!event.equals(EventNames.APP_INSTALL)) {
            payload.put("event_handler_id", Long.toString(handlerId));
        }
        payload.set("data", stringsOnly(data));
        payload.put("ts", Long.toString(portal.now().getEpochSecond()));
        payload.set("auth", applications.auth(portal, appKey, userId, endpoints));
        return payload;
    }

    private Future<Delivery> deliver(Portal portal, ObjectNode payload, String url) {
        long handlerId = Long.parseLong(payload.path("event_handler_id").asText("0"));
        return outbound.post(portal, payload.get("event").asText(), handlerId, url, "application/x-www-form-urlencoded",
                FormCodec.encode(payload), payload);
    }

    /** A form body carries only strings: nested values keep their shape, scalars become PHP strings. */
    private static ObjectNode stringsOnly(ObjectNode data) {
        return FormCodec.decode(FormCodec.encode(data));
    }
}
