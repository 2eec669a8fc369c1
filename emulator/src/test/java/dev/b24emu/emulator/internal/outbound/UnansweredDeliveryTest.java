package dev.b24emu.emulator.internal.outbound;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.support.EmulatorHarness;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A handler that takes the connection and never answers is journalled with why: no answer within the delivery's
 * time, not the reset the emulator then sends ("Stream reset: 0", which `trigger` and `tail` printed).
 */
class UnansweredDeliveryTest extends EmulatorHarness {
    @Test
    void aHandlerThatNeverAnswersIsJournalledAsNoAnswerInTime() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (Socket held = silent.accept()) {
                    Thread.sleep(Outbound.TIMEOUT_MILLIS * 2L);
                } catch (java.io.IOException | InterruptedException over) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Outbound outbound = new Outbound(() -> vertx, new SelfGuard(Set::of), 3);
            Delivery delivery = outbound.post(portal, new Outbound.Message("ONTEST", 1, "http://127.0.0.1:"
                    + silent.getLocalPort() + "/h", "application/x-www-form-urlencoded", "a=1",
                    JsonNodeFactory.instance.objectNode(), false)).toCompletionStage().toCompletableFuture().get();
            assertEquals(0, delivery.status());
            assertEquals("No complete answer within " + Outbound.TIMEOUT_MILLIS + " ms", delivery.error());
            outbound.close();
        } finally {
            vertx.close();
        }
    }
}
