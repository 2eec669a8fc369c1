package dev.b24emu.emulator.internal.portal;

import dev.b24emu.emulator.internal.transport.RestError;

/**
 * The bound on the configuration objects of each kind a portal holds (D120): external lines, event handlers,
 * placement handlers and event subscriptions, users, SIP connections. A real portal keeps a few dozen of each; a
 * client adding them in a loop (350,000 external lines in 15 s under wrk) filled the heap, and a list method that
 * answers all of them at once could no longer be answered. An add past the bound is refused, not made at the cost of
 * an older one: configuration an application relies on never disappears by itself.
 */
public final class ConfigBound {
    private ConfigBound() {
    }

    /** Refuses an add when the portal already holds {@code held} objects of that kind; call under the store's lock. */
    public static void admit(Portal portal, long held, String kind) {
        int max = portal.bounds().configObjects();
        if (held >= max) {
            throw RestError.of("ERROR_CORE", "The emulator keeps at most " + max + " " + kind
                    + " per portal (--max-config-objects, D120)");
        }
    }
}
