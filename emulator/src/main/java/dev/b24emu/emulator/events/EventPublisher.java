package dev.b24emu.emulator.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.apps.App;
import dev.b24emu.emulator.apps.OAuthServer;
import dev.b24emu.emulator.portal.Portal;
import dev.b24emu.emulator.transport.Endpoints;
import dev.b24emu.emulator.transport.FormCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.Locale;

/**
 * Outbound delivery of events, as the Bitrix24 queue server does it: an application/x-www-form-urlencoded POST of
 * {event, event_handler_id, data, ts, auth} to each bound online handler, asynchronously, never blocking the request
 * that caused it, and without retries (a portal may opt in to retries). Offline handlers get the event queued
 * instead. Every attempt is journaled on the portal.
 */
public final class EventPublisher {
    /** How long a handler may take to answer before the attempt counts as failed. */
    public static final int TIMEOUT_MILLIS = 5_000;

    private final Vertx vertx;
    private final WebClient client;
    private final OAuthServer oauth;
    private final Endpoints endpoints;

    public EventPublisher(Vertx vertx, OAuthServer oauth, Endpoints endpoints) {
        this.vertx = vertx;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(TIMEOUT_MILLIS)
                .setUserAgent("Bitrix24 Webhook Engine")
                .setFollowRedirects(false));
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
            deliver(portal, event, handler.id(), handler.handler(), payload, 1);
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
        deliver(portal, "ONAPPINSTALL", 0, app.handlerUrl(), payload, 1);
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

    private void deliver(Portal portal, String event, long handlerId, String url, ObjectNode payload, int attempt) {
        long started = System.nanoTime();
        client.postAbs(url)
                .timeout(TIMEOUT_MILLIS)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer(FormCodec.encode(payload)))
                .onComplete(outcome -> {
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    int status = outcome.succeeded() ? outcome.result().statusCode() : 0;
                    String error = outcome.failed() ? String.valueOf(outcome.cause().getMessage())
                            : status / 100 == 2 ? null : "HTTP " + status;
                    portal.events().journal(portal.isoNow(), portal.id(), event, handlerId, url, payload, attempt,
                            status, error, millis);
                    if (error != null && attempt <= portal.settings().eventRetries()) {
                        vertx.setTimer(500L * attempt, t -> deliver(portal, event, handlerId, url, payload, attempt + 1));
                    }
                });
    }

    /** A form body carries only strings: nested values keep their shape, scalars become PHP strings. */
    private static ObjectNode stringsOnly(ObjectNode data) {
        return FormCodec.decode(FormCodec.encode(data));
    }
}
