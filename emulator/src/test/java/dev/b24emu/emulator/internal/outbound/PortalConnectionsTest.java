package dev.b24emu.emulator.internal.outbound;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.support.EmulatorHarness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One portal's stalled handlers take nothing from another portal's deliveries to the same handler host: the client's
 * pool is per host and shared, and its bound alone let 256 stalled deliveries of one portal make another portal's
 * delivery there wait the 5 s they took to fail (audit 60a). Each portal now holds its own connections, at most
 * {@link Outbound#PORTAL_CONNECTIONS}.
 */
class PortalConnectionsTest extends EmulatorHarness {
    @Test
    void aPortalsStalledHandlersDoNotDelayAnotherPortalsDeliveriesToTheSameHost() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            // one handler service for both portals: /hang never answers, /ok at once
            HttpServer handlers = vertx.createHttpServer().requestHandler(request -> {
                if (!request.path().startsWith("/hang")) {
                    request.response().end("ok");
                }
            });
            int port = handlers.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).actualPort();
            Outbound outbound = new Outbound(() -> vertx, new SelfGuard(Set::of));
            Portal flooding = newPortal();
            List<Future<Delivery>> stalled = new ArrayList<>();
            for (int i = 0; i < Outbound.PORTAL_CONNECTIONS + 20; i++) { // distinct URLs: none waits for its turn
                stalled.add(outbound.post(flooding, message("http://127.0.0.1:" + port + "/hang/" + i)));
            }
            Thread.sleep(300); // the flood's connections are open
            long sent = System.nanoTime();
            Delivery other = outbound.post(portal, message("http://127.0.0.1:" + port + "/ok"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertEquals(200, other.status(), String.valueOf(other.error()));
            assertTrue(millis < 2_000, "the other portal's delivery took " + millis + " ms");
            assertFalse(stalled.get(0).isComplete(), "the flood is still stalled");
            // the flood's own attempts past its bound wait for its connections, and then get their 5 s
            Delivery last = stalled.get(stalled.size() - 1).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertEquals("No complete answer within 5000 ms", last.error());
            outbound.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A redirect is journaled with where it pointed; it is not followed (audit 60a: "HTTP 302" alone). */
    @Test
    void aRedirectIsJournaledWithWhereItPointed() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer handlers = vertx.createHttpServer().requestHandler(request -> request.response()
                    .setStatusCode(302).putHeader("Location", "https://handler.example/events/").end());
            int port = handlers.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).actualPort();
            Outbound outbound = new Outbound(() -> vertx, new SelfGuard(Set::of));
            Delivery moved = outbound.post(portal, message("http://127.0.0.1:" + port + "/events"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(302, moved.status());
            assertEquals("HTTP 302 to https://handler.example/events/ (not followed: a delivery succeeds on 2xx)",
                    moved.error());
            outbound.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A handler URL's user-info and query stay out of the log, in the URL and in the error alike (audit 60f). */
    @Test
    void theLogLineLeavesOutAHandlerUrlsSecrets() {
        assertEquals("http://127.0.0.1:9000/events?…", Outbound.redacted("http://user:PASSW0RD@127.0.0.1:9000/events?key=s"));
        assertEquals("HTTP 302 to https://handler.example/next?… (not followed: a delivery succeeds on 2xx)",
                Outbound.redacted("HTTP 302 to https://handler.example/next?token=abc (not followed: a delivery succeeds on 2xx)"));
        assertEquals("Connection refused: /127.0.0.1:9000", Outbound.redacted("Connection refused: /127.0.0.1:9000"));
    }

    private static Outbound.Message message(String url) {
        return new Outbound.Message("ONTEST", 1, url, "application/x-www-form-urlencoded", "a=1",
                JsonNodeFactory.instance.objectNode(), false);
    }
}
