package dev.b24emu.emulator.internal.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How many listeners a server starts by default: what a JVM test suite pays at every start and stop. */
class VertxLeaseTest {
    @Test
    void inProcessServersListenOnAtMostTwoEventLoopsUnlessTold() {
        VertxLease shared = new VertxLease(null, false); // the instance is not used for the count
        assertEquals(2, shared.listeners(0, 16));
        assertEquals(1, shared.listeners(0, 1));
        assertEquals(8, shared.listeners(8, 16));
    }

    @Test
    void theCommandLinesServerListensOnEveryCoreUnlessTold() {
        VertxLease own = new VertxLease(null, true);
        assertEquals(16, own.listeners(0, 16));
        assertEquals(3, own.listeners(3, 16));
    }
}
