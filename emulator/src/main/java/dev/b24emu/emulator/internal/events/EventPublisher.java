package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.outbound.Delivery;
import dev.b24emu.emulator.internal.outbound.Outbound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.RandomHex;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.FormCodec;
import io.vertx.core.Future;

import java.util.Locale;
import java.util.Set;

/**
 * Outbound delivery of events, as the Bitrix24 queue server does it: an application/x-www-form-urlencoded POST of
 * {event, event_handler_id, data, ts, auth} to each bound online handler and each outgoing webhook subscribed to the
 * event, asynchronously, never blocking the request that caused it, and without retries (a portal may opt in to
 * retries). Offline handlers get the event queued instead. A handler whose application lost the event's scope gets
 * nothing. An outgoing webhook's auth block holds only domain, client_endpoint, server_endpoint, member_id and its
 * application_token (api-reference/events/index.md). Every attempt is journaled.
 */
public final class EventPublisher {
    /** how every event travels: a PHP-style form */
    private static final String FORM = "application/x-www-form-urlencoded";
    private final Outbound outbound;
    private final Applications applications;

    public EventPublisher(Outbound outbound, Applications applications) {
        this.outbound = outbound;
        this.applications = applications;
    }

    /**
     * Who the event concerns.
     *
     * @param origin     who caused it: deliveries carry its user's token unless the handler names one, and the address
     *                   it came to; its application's offline handlers with its source key skip it
     * @param onlyAppKey deliver only to this application's handlers (OnExternalCallStart goes to the line's owner),
     *                   {@link #OUTGOING_WEBHOOKS} only to the outgoing webhooks, or null to every subscriber
     * @param objectKey  what the offline queue keeps the latest state of (e.g. the CALL_ID)
     */
    public record Emit(Origin origin, String onlyAppKey, String objectKey) {
        long actingUserId() {
            return origin.actingUserId();
        }

        Endpoints endpoints() {
            return origin.endpoints();
        }
    }

    /**
     * The application key of the outgoing webhooks: they have none (the server's handler rows with APP_ID 0), as
     * calls registered through an incoming webhook have none.
     */
    public static final String OUTGOING_WEBHOOKS = "";

    public void publish(Portal portal, String eventName, ObjectNode data, Emit emit) {
        publish(portal, eventName, () -> data, emit);
    }

    /**
     * As above, the data built only when a handler or webhook receives it: most calls of a load test have no
     * listener, and building each event's data was a tenth of a register's time.
     */
    public void publish(Portal portal, String eventName, java.util.function.Supplier<ObjectNode> lazyData, Emit emit) {
        ObjectNode[] built = new ObjectNode[1];
        java.util.function.Supplier<ObjectNode> once = () -> built[0] != null ? built[0] : (built[0] = lazyData.get());
        String event = eventName.toUpperCase(Locale.ROOT);
        EventStore events = portal.store(EventStore.class);
        Set<String> queuedFor = null; // the applications that got offline records: their OnOfflineEvent handlers are told
        for (EventHandler handler : events.handlers(h -> h.event().equals(event)
                && (emit.onlyAppKey() == null || emit.onlyAppKey().equals(h.appKey())))) {
            Set<String> scopes = applications.scopes(portal, handler.appKey()).orElse(null);
            if (scopes == null || !EventNames.allowed(event, scopes)) {
                continue;
            }
            // Sender's LOCAL_USER: the handler's own user, else the one who caused the event
            long userId = handler.authUserId() > 0 ? handler.authUserId() : emit.actingUserId();
            if (handler.offline()) {
                if (emit.origin().recordsFor(handler.appKey(), handler.authConnector(),
                        portal.settings().offlineRecordsOwnChanges())
                        && !event.equals(EventNames.OFFLINE_EVENT)) {
                    events.enqueue(handler, event + ":" + emit.objectKey(), event, once.get(), portal.isoNow(), userId);
                    queuedFor = queuedFor == null ? new java.util.HashSet<>() : queuedFor;
                    queuedFor.add(handler.appKey());
                }
                continue;
            }
            if (outbound.saturated(portal)) { // journaled as failed, without building what would not be sent
                outbound.refused(portal, new Outbound.Message(event, handler.id(), handler.handler(), FORM, "",
                        JsonNodeFactory.instance.objectNode(), false));
                continue;
            }
            String delivery = "handler " + handler.id() + " " + event + " " + userId + " ";
            if (emit.origin().firstInHit(() -> delivery + once.get())
                    && (!event.equals(EventNames.OFFLINE_EVENT) || events.offlineNoticeDue(handler, portal.now()))) {
                deliver(portal, event, handler.id(), handler.handler(),
                        appPayload(portal, event, handler.id(), once.get(), handler.appKey(), userId, emit.endpoints()));
            }
        }
        if (queuedFor != null) {
            // on-offline-event.md: new records in the queue are announced to the application's online handlers of
            // OnOfflineEvent, with empty data, once per request; the records themselves are read with event.offline.get
            for (String appKey : queuedFor) {
                publish(portal, EventNames.OFFLINE_EVENT, JsonNodeFactory.instance::objectNode,
                        new Emit(emit.origin().portalNotice(), appKey, ""));
            }
        }
        if (emit.onlyAppKey() == null || emit.onlyAppKey().equals(OUTGOING_WEBHOOKS)) {
            for (OutgoingWebhook webhook : events.webhooks(event)) {
                long handlerId = webhook.handlerId(event).orElseThrow();
                if (!emit.origin().firstInHit(() -> "webhook " + handlerId + " " + event + " " + once.get())) {
                    continue;
                }
                ObjectNode payload = payload(portal, event, handlerId, once.get());
                payload.set("auth", tokenlessAuth(portal, webhook.applicationToken(), emit.endpoints()));
                deliver(portal, event, handlerId, webhook.handlerUrl(), payload);
            }
        }
    }

    /** The top of every delivery: event, event_handler_id, data (strings only), ts on the portal's clock. */
    private static ObjectNode payload(Portal portal, String event, long handlerId, ObjectNode data) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("event", event);
        payload.put("event_handler_id", Long.toString(handlerId));
        payload.set("data", stringsOnly(data));
        payload.put("ts", Long.toString(portal.now().getEpochSecond()));
        return payload;
    }

    /**
     * "An outgoing webhook receives only domain, client_endpoint, server_endpoint, member_id, and application_token";
     * so do the events sent without auth (ONAPPUNINSTALL: the server's sendAuth false) and those no user caused (D156).
     */
    public static ObjectNode tokenlessAuth(Portal portal, String applicationToken, Endpoints endpoints) {
        Endpoints announced = portal.endpoints(endpoints); // its Bitrix24 domain, if it has one
        ObjectNode auth = JsonNodeFactory.instance.objectNode();
        auth.put("domain", announced.domain());
        auth.put("client_endpoint", announced.clientEndpoint());
        auth.put("server_endpoint", announced.serverEndpoint());
        auth.put("member_id", portal.memberId());
        auth.put("application_token", applicationToken);
        return auth;
    }

    /** The data of ONAPPINSTALL (api-reference/common/events/on-app-install.md). */
    public static ObjectNode installData(int version) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("VERSION", Integer.toString(version));
        data.put("ACTIVE", "Y");
        data.put("INSTALLED", "Y");
        data.put("LANGUAGE_ID", "en");
        return data;
    }

    /** ONAPPINSTALL to an application's handler URL: the installation callback, with no handler ID. */
    public void installed(Portal portal, String appKey, int version, String handlerUrl, long userId, Endpoints endpoints) {
        ObjectNode data = installData(version);
        deliver(portal, EventNames.APP_INSTALL, 0, handlerUrl,
                appPayload(portal, EventNames.APP_INSTALL, 0, data, appKey, userId, endpoints));
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
        long handlerId = handlerAt(portal, event, appKey, url);
        return deliver(portal, event, handlerId, url, appPayload(portal, event, handlerId, data, appKey, userId, endpoints));
    }

    /**
     * An impostor's copy of what {@link #send} (or an outgoing webhook) delivers: the same payload, handler ID
     * included, with an auth block whose access, refresh and application tokens the portal never issued. Only the
     * application_token can tell it from the portal's own delivery, which is what a handler must check
     * (api-reference/events/safe-event-handlers.md). Journaled as forged.
     *
     * @param appKey the application it pretends to come from, or {@link #OUTGOING_WEBHOOKS} for an outgoing
     *               webhook's delivery (an auth block without user tokens, as ONAPPUNINSTALL's)
     */
    public Future<Delivery> forge(Portal portal, String eventName, ObjectNode data, String appKey, long userId,
                                  String url, Endpoints endpoints) {
        String event = eventName.toUpperCase(Locale.ROOT);
        EventStore events = portal.store(EventStore.class);
        boolean webhook = appKey.equals(OUTGOING_WEBHOOKS);
        long handlerId = webhook
                ? events.webhooks(event).stream().filter(w -> w.handlerUrl().equals(url))
                        .mapToLong(w -> w.handlerId(event).orElse(0L)).findFirst().orElse(0)
                : handlerAt(portal, event, appKey, url);
        // the same shape as the portal's own, so that only the tokens tell them apart (a forged ONAPPINSTALL carried
        // event_handler_id=0, which the real one does not: audit 50c)
        ObjectNode payload = webhook ? payload(portal, event, handlerId, data) : appTop(portal, event, handlerId, data);
        // ONAPPUNINSTALL carries no tokens from the portal either (sendAuth false): a forgery copies that shape
        payload.set("auth", webhook || event.equals(EventNames.APP_UNINSTALL)
                ? tokenlessAuth(portal, RandomHex.of(16), endpoints)
                : forgedAuth(portal, event, applications.forgedAuth(portal, appKey, userId, endpoints)));
        return outbound.post(portal, new Outbound.Message(event, handlerId, url, FORM, FormCodec.encode(payload),
                payload, true));
    }

    /** The ID of the application's handler of the event at the URL, 0 when it has none there. */
    private static long handlerAt(Portal portal, String event, String appKey, String url) {
        return portal.store(EventStore.class).handlers(h -> h.event().equals(event) && appKey.equals(h.appKey())
                && h.handler().equals(url)).stream().mapToLong(EventHandler::id).findFirst().orElse(0);
    }

    /** {event, event_handler_id (none for ONAPPINSTALL), data (strings only), ts, auth} as an application's handler decodes it. */
    private ObjectNode appPayload(Portal portal, String event, long handlerId, ObjectNode data, String appKey,
                                  long userId, Endpoints endpoints) {
        ObjectNode payload = appTop(portal, event, handlerId, data);
        Applications.Handout handout = !carriesRefreshToken(portal, event) ? Applications.Handout.ACCESS_TOKEN
                : event.equals(EventNames.APP_INSTALL) ? Applications.Handout.INSTALLATION_PAIR : Applications.Handout.PAIR;
        payload.set("auth", applications.auth(portal, appKey, userId, endpoints, handout));
        return payload;
    }

    /** The top of an application's delivery: ONAPPINSTALL, sent from the installation itself, names no handler. */
    private static ObjectNode appTop(Portal portal, String event, long handlerId, ObjectNode data) {
        ObjectNode payload = payload(portal, event, handlerId, data);
        if (event.equals(EventNames.APP_INSTALL)) {
            payload.remove("event_handler_id");
        }
        return payload;
    }

    /** A forged auth block in the shape of the event's own: a refresh token only where the event carries one. */
    private static ObjectNode forgedAuth(Portal portal, String event, ObjectNode auth) {
        if (!carriesRefreshToken(portal, event)) {
            auth.remove("refresh_token");
        }
        return auth;
    }

    /** Whether the server sends the event's auth block with a refresh token: only where the event is given one (D94). */
    private static boolean carriesRefreshToken(Portal portal, String event) {
        return EventNames.carriesRefreshToken(event) || portal.settings().refreshTokenInEveryEvent();
    }

    /**
     * ONAPPUNINSTALL to the application's bound handlers, before they are removed: data LANGUAGE_ID and CLEAN (1 or
     * 0), an auth block without tokens (api-reference/common/events/on-app-uninstall.md).
     */
    public void uninstalled(Portal portal, String appKey, String applicationToken, boolean clean, Endpoints endpoints) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("LANGUAGE_ID", "en");
        data.put("CLEAN", clean ? 1 : 0);
        for (EventHandler handler : portal.store(EventStore.class).handlers(h -> h.event().equals(EventNames.APP_UNINSTALL)
                && h.appKey().equals(appKey) && !h.offline())) {
            if (applications.scopes(portal, appKey).isEmpty()) {
                return;
            }
            ObjectNode payload = payload(portal, EventNames.APP_UNINSTALL, handler.id(), data);
            payload.set("auth", tokenlessAuth(portal, applicationToken, endpoints));
            deliver(portal, EventNames.APP_UNINSTALL, handler.id(), handler.handler(), payload);
        }
    }

    private Future<Delivery> deliver(Portal portal, String event, long handlerId, String url, ObjectNode payload) {
        return outbound.post(portal, event, handlerId, url, FORM, FormCodec.encode(payload), payload);
    }

    /** A form body carries only strings: nested values keep their shape, scalars become PHP strings. */
    private static ObjectNode stringsOnly(ObjectNode data) {
        return FormCodec.decode(FormCodec.encode(data));
    }
}
