package dev.b24emu.emulator;

import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.server.EmulatorServer;

import java.time.Duration;
import java.time.Instant;

/** The control API from Java: portals, the emulator clock, reset. */
public final class Controls {
    private final EmulatorServer server;

    Controls(EmulatorServer server) {
        this.server = server;
    }

    /** The server, while it is open: a closed emulator's portals made or changed here would serve nobody. */
    private EmulatorServer open() {
        if (server.closed()) {
            throw new IllegalStateException("The emulator is closed");
        }
        return server;
    }

    /** A new isolated portal with the demo data. */
    public TestPortal newPortal() {
        return create(open().portals().seeds().demo());
    }

    /** A new isolated portal from a seed in the format of --seed files (users, contacts, ..., settings). */
    public TestPortal newPortal(String seedJson) {
        try {
            return create(open().portals().seeds().parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(seedJson)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("A seed must be JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A new isolated portal with the demo data at a Bitrix24 domain (acme.bitrix24.ru): it announces that domain in
     * every token and delivery, and the proxy ({@link EmulatorOptions.Builder#proxyPort}) answers for it.
     */
    public TestPortal newPortalAt(String domain) {
        return new TestPortal(server, open().portals().createAtRunTime(new PortalRegistry.PortalSpec(null, null, null, null,
                open().portals().seeds().demo(), domain)));
    }

    private TestPortal create(PortalSeed seed) {
        return new TestPortal(server, open().portals().createAtRunTime(new PortalRegistry.PortalSpec(null, null, null, null, seed)));
    }

    /** Every portal, by ID. */
    public java.util.List<TestPortal> portals() {
        return open().portals().all().stream().map(portal -> new TestPortal(server, portal)).toList();
    }

    /** The portal of that ID; an IllegalArgumentException names an ID no portal has. */
    public TestPortal portal(String id) {
        try {
            return new TestPortal(server, open().portals().require(id));
        } catch (dev.b24emu.emulator.internal.portal.PortalNotFound missing) {
            throw new IllegalArgumentException(missing.getMessage());
        }
    }

    public TestPortal defaultPortal() {
        return portal(PortalRegistry.DEFAULT_ID);
    }

    /**
     * The REST requests refused because their credentials name no portal of this emulator (a mistyped webhook URL, an
     * access token from another run), oldest first: no portal's {@code requests()} has them. Each one's last warning
     * says what was wrong with its credentials; the newest 500 are kept.
     */
    public java.util.List<RecordedRequest> noPortalRequests() {
        return open().noPortalRequests().entries().stream().map(TestPortal::recorded).toList();
    }

    /** Moves the emulator clock (every portal's) forward. */
    public Controls advanceClock(Duration by) {
        open().portals().clock().advance(by);
        return this;
    }

    /** Sets the emulator clock. */
    public Controls setClock(Instant now) {
        open().portals().clock().set(now);
        return this;
    }

    /** Back to the seeded state: the default portal re-seeded, other portals deleted, the clock reset. */
    public Controls reset() {
        open().portals().resetAll();
        return this;
    }
}
