package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Every POST the portal sends to an integration (events, placement openings, CallCard::* subscriptions):
 * asynchronous, 5 s to answer, journaled attempt by attempt on the portal, retried only when the portal opts in.
 */
public final class Outbound {
    /** How long a handler may take to answer before the attempt counts as failed. */
    public static final int TIMEOUT_MILLIS = 5_000;

    private final Vertx vertx;
    private final WebClient client;

    public Outbound(Vertx vertx) {
        this.vertx = vertx;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(TIMEOUT_MILLIS)
                .setUserAgent("Bitrix24 Webhook Engine")
                .setFollowRedirects(false));
    }

    /**
     * @param label   what the journal calls it (the event name, or the placement code)
     * @param payload the body as a parameter tree, for the journal
     */
    public void post(Portal portal, String label, long handlerId, String url, String contentType, String body,
                     ObjectNode payload) {
        post(portal, label, handlerId, url, contentType, body, payload, 1);
    }

    private void post(Portal portal, String label, long handlerId, String url, String contentType, String body,
                      ObjectNode payload, int attempt) {
        long started = System.nanoTime();
        client.postAbs(url)
                .timeout(TIMEOUT_MILLIS)
                .putHeader("Content-Type", contentType)
                .sendBuffer(Buffer.buffer(body))
                .onComplete(outcome -> {
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    int status = outcome.succeeded() ? outcome.result().statusCode() : 0;
                    String error = outcome.failed() ? String.valueOf(outcome.cause().getMessage())
                            : status / 100 == 2 ? null : "HTTP " + status;
                    portal.events().journal(portal.isoNow(), portal.id(), label, handlerId, url, payload, attempt,
                            status, error, millis);
                    if (error != null && attempt <= portal.settings().eventRetries()) {
                        vertx.setTimer(500L * attempt,
                                t -> post(portal, label, handlerId, url, contentType, body, payload, attempt + 1));
                    }
                });
    }
}
