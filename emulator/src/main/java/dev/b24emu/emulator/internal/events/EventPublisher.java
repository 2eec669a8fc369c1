package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.apps.OAuthServer;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.FormCodec;

import java.util.Locale;

/**
 * Outbound delivery of events, as the Bitrix24 queue server does it: an application/x-www-form-urlencoded POST of
 * {event, event_handler_id, data, ts, auth} to each bound online handler, asynchronously, never blocking the request
 * that caused it, and without retries (a portal may opt in to retries). Offline handlers get the event queued
 * instead. Every attempt is journaled on the portal.
 */
public final class EventPublisher {
    private final Outbound outbound;
    private final OAuthServer oauth;
    private final Endpoints endpoints;

    public EventPublisher(Outbound outbound, OAuthServer oauth, Endpoints endpoints) {
        this.outbound = outbound;
        this.oauth = oauth;
        this.endpoints = endpoints;
    }

    /**
     * Who the event concerns.
     *
     * @param actingUserId  the user whose action caused it; deliveries carry this user's token unless the handler names one
     * @param onlyAppKey    deliver only to this application's handlers (OnExternalCallStart goes to the line's owner), or null
     * @param authConnector the source key of the request that caused it: offline handlers with the same key skip it
     * @param objectKey     what the offline queue keeps the latest state of (e.g. the CALL_ID)
     */
    public record Emit(long actingUserId, String onlyAppKey, String authConnector, String objectKey) {
    }

    public void publish(Portal portal, String eventName, ObjectNode data, Emit emit) {
        String event = eventName.toUpperCase(Locale.ROOT);
        for (EventHandler handler : portal.events().handlers(h -> h.event().equals(event)
                && (emit.onlyAppKey() == null || emit.onlyAppKey().equals(h.appKey())))) {
            App app = portal.apps().byAppKey(handler.appKey()).orElse(null);
            if (app == null) {
                continue;
            }
            if (handler.offline()) {
                boolean selfEcho = emit.authConnector() != null && !emit.authConnector().isEmpty()
                        && emit.authConnector().equals(handler.authConnector());
                if (!selfEcho) {
                    portal.events().enqueue(handler, event + ":" + emit.objectKey(), event, data, portal.isoNow());
                }
                continue;
            }
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            payload.put("event", event);
            payload.put("event_handler_id", Long.toString(handler.id()));
            payload.set("data", stringsOnly(data));
            payload.put("ts", Long.toString(portal.now().getEpochSecond()));
            long userId = handler.authUserId() > 0 ? handler.authUserId() : emit.actingUserId();
            payload.set("auth", auth(portal, app, userId));
            deliver(portal, event, handler.id(), handler.handler(), payload);
        }
    }

    /** ONAPPINSTALL to an application's handler URL: the installation callback, with no handler ID. */
    public void installed(Portal portal, App app, long userId) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("event", "ONAPPINSTALL");
        ObjectNode data = payload.putObject("data");
        data.put("VERSION", "1");
        data.put("ACTIVE", "Y");
        data.put("INSTALLED", "Y");
        data.put("LANGUAGE_ID", "en");
        payload.put("ts", Long.toString(portal.now().getEpochSecond()));
        payload.set("auth", auth(portal, app, userId));
        deliver(portal, "ONAPPINSTALL", 0, app.handlerUrl(), payload);
    }

    /** The auth block of a delivery (_includes/auth-params-in-events.md); every value a string. */
    public ObjectNode auth(Portal portal, App app, long userId) {
        OAuthServer.Tokens tokens = oauth.forDelivery(portal, app, userId);
        ObjectNode auth = JsonNodeFactory.instance.objectNode();
        auth.put("access_token", tokens.accessToken());
        auth.put("expires", Long.toString(tokens.expiresAt().getEpochSecond()));
        auth.put("expires_in", Long.toString(tokens.expiresIn()));
        auth.put("scope", app.scopeList());
        auth.put("domain", endpoints.domain());
        auth.put("server_endpoint", endpoints.serverEndpoint());
        auth.put("status", "L");
        auth.put("client_endpoint", endpoints.clientEndpoint());
        auth.put("member_id", portal.memberId());
        auth.put("user_id", Long.toString(userId));
        auth.put("refresh_token", tokens.refreshToken());
        auth.put("application_token", app.applicationToken());
        return auth;
    }

    private void deliver(Portal portal, String event, long handlerId, String url, ObjectNode payload) {
        outbound.post(portal, event, handlerId, url, "application/x-www-form-urlencoded", FormCodec.encode(payload),
                payload);
    }

    /** A form body carries only strings: nested values keep their shape, scalars become PHP strings. */
    private static ObjectNode stringsOnly(ObjectNode data) {
        return FormCodec.decode(FormCodec.encode(data));
    }
}
