package dev.b24emu.conformance.steps;

import dev.b24emu.conformance.ConformanceException;
import dev.b24emu.conformance.ConformanceKit;
import dev.b24emu.conformance.Session;

/**
 * The scenario's {@link Session}, handed by Cucumber's PicoContainer (one per scenario) to the hooks and every step
 * class's constructor: the hooks begin and end it, the steps use it.
 */
public final class ScenarioSession {
    private Session session;

    void begin(ConformanceKit kit) {
        session = Session.begin(kit);
    }

    /** The running scenario's session. */
    Session get() {
        if (session == null) {
            throw new ConformanceException("No scenario is running (the conformance Hooks must be on the glue path)");
        }
        return session;
    }

    void end() {
        if (session != null) {
            session.end();
            session = null;
        }
    }
}
