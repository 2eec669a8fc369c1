package dev.b24emu.emulator.internal.portal;

import dev.b24emu.emulator.internal.server.EmulatorServer;
import dev.b24emu.emulator.support.Servers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the heap guard deletes once a major collection leaves the heap fuller than its share (D123): a quarter of the
 * portals made at run time, those used least recently first, never the most recently used one, the default portal or
 * a state file's. The collections themselves are the @D123 scenario's (features).
 */
class HeapGuardTest {
    private static List<String> ids(PortalRegistry portals) {
        return portals.all().stream().map(Portal::id).sorted().toList();
    }

    @Test
    void aFullHeapDeletesAQuarterOfThePortalsMadeAtRunTimeUsedLeastRecentlyFirst() {
        try (EmulatorServer emulator = EmulatorServer.start(Servers.config().build())) {
            PortalRegistry portals = emulator.portals();
            for (String id : List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8")) {
                portals.createAtRunTime(new PortalRegistry.PortalSpec(id, null, null, null, null));
            }
            List.of("p8", "p7", "p6", "p5", "p4", "p3", "p2", "p1").forEach(portals::require); // p8 now the least recent
            HeapGuard guard = new HeapGuard(portals, 75, () -> 1_000);

            guard.afterMajorCollection(750);
            assertEquals(9, portals.all().size(), "at the share, nothing goes");

            guard.afterMajorCollection(751);
            assertEquals(List.of("default", "p1", "p2", "p3", "p4", "p5", "p6"), ids(portals), "a quarter of 8");

            portals.require("p6"); // used again: now the most recent
            guard.afterMajorCollection(900);
            assertEquals(List.of("default", "p1", "p2", "p3", "p4", "p6"), ids(portals), "a quarter of 6 is one");

            IntStream.range(0, 10).forEach(i -> guard.afterMajorCollection(1_000));
            assertEquals(List.of("default", "p6"), ids(portals), "the most recently used stays, and the default portal");
        }
    }
}
