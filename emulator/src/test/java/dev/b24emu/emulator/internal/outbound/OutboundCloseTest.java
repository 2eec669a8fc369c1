package dev.b24emu.emulator.internal.outbound;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP client is made on the first delivery, on the event loop of whichever listener's verticle asked for it, and
 * Vert.x ties it to that verticle: undeploying the verticle closes the client and keeps only a weak reference to it.
 * Vert.x 5.1's close of a client so collected answers null instead of a future, which once failed a CI run's
 * {@code Bitrix24Emulator.close()} with a NullPointerException (the server undeploys its listeners and closes the
 * client together). The server now closes the client first; the outbound side answers a completed close either way.
 */
class OutboundCloseTest {
    @Test
    void closingAfterTheVerticleThatMadeTheClientWasUndeployedAndCollectedCompletes() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Outbound outbound = new Outbound(() -> vertx, new SelfGuard(Set::of));
            String deployment = vertx.deployVerticle(new VerticleBase() {
                @Override
                public Future<?> start() {
                    outbound.client(); // as a first delivery from a listener's event loop makes it
                    return Future.succeededFuture();
                }
            }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                System.gc(); // a full collection clears the weak reference Vert.x kept
            }
            Future<Void> closing = outbound.close();
            assertNotNull(closing, "close answers a future");
            closing.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(closing.succeeded());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
