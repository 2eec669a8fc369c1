package dev.b24emu.emulator;

import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.PortalSeed;

import java.time.Duration;

/** The control API from Java: portals, the emulator clock, reset. */
public final class Controls {
    private final Bitrix24Emulator emulator;
    private final PortalRegistry portals;

    Controls(Bitrix24Emulator emulator, PortalRegistry portals) {
        this.emulator = emulator;
        this.portals = portals;
    }

    /** A new isolated portal with the demo data. */
    public TestPortal newPortal() {
        return new TestPortal(emulator, portals.create(new PortalRegistry.PortalSpec(null, null, null, null,
                PortalSeed.demo())));
    }

    /** A new isolated portal from a seed (the format of --seed files). */
    public TestPortal newPortal(PortalSeed seed) {
        return new TestPortal(emulator, portals.create(new PortalRegistry.PortalSpec(null, null, null, null, seed)));
    }

    public TestPortal portal(String id) {
        return new TestPortal(emulator, portals.require(id));
    }

    public TestPortal defaultPortal() {
        return portal(PortalRegistry.DEFAULT_ID);
    }

    public Controls advanceClock(Duration by) {
        portals.clock().advance(by);
        return this;
    }

    /** Back to the seeded state: the default portal re-seeded, other portals deleted. */
    public Controls reset() {
        portals.resetAll();
        return this;
    }
}
