package dev.b24emu.emulator.internal.outbound;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.support.EmulatorHarness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * D196: a portal's deliveries queued or in flight are bounded; past the bound one is journaled as failed and not
 * sent, as the queue server logs a failure and never resends. A thousand handlers and a batch of 50 adds made 50,000
 * at once, and two such batches ran the heap out.
 */
class PendingDeliveriesTest extends EmulatorHarness {
    @Test
    void pastTheBoundADeliveryIsJournaledAsFailedAndNotSent() throws Exception {
        Vertx vertx = Vertx.vertx();
        List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>()); // held open, unanswered
        try (ServerSocket silent = new ServerSocket(0)) { // takes connections, never answers
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Outbound outbound = new Outbound(() -> vertx, new SelfGuard(Set::of), 3);
            List<Future<Delivery>> posted = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                posted.add(outbound.post(portal, new Outbound.Message("ONTEST", i, "http://127.0.0.1:" + silent.getLocalPort()
                        + "/h" + i, "application/x-www-form-urlencoded", "a=1", JsonNodeFactory.instance.objectNode(), false)));
            }
            assertFalse(posted.get(0).isComplete(), "the first three wait for their answers");
            assertTrue(outbound.saturated(portal));
            Delivery refused = posted.get(4).toCompletionStage().toCompletableFuture().get();
            assertEquals(0, refused.status());
            assertTrue(refused.error().startsWith("Not sent: 3 deliveries of this portal are queued or in flight"),
                    refused.error());
            assertEquals(2, portal.store(DeliveryJournal.class).deliveries().size(), "the two past the bound");
            outbound.close();
        } finally {
            vertx.close();
        }
    }
}
