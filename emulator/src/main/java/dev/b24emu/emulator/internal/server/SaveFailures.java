package dev.b24emu.emulator.internal.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic state saves' failures, in the log: the first one, then at most one a minute while they go on, and the
 * save that works again. A save every 30 s into a folder the emulator may not write failed without a word, and the
 * state was lost at stop (audit 60b).
 */
final class SaveFailures {
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.state");
    private static final long QUIET_NANOS = 60_000_000_000L;
    private long lastReported;
    private boolean failing;

    /** A save's outcome: null when it worked. */
    synchronized void report(Throwable failure) {
        long now = System.nanoTime();
        if (failure == null) {
            if (failing) {
                LOG.info("The state file is saved again");
            }
            failing = false;
            return;
        }
        if (!failing || now - lastReported >= QUIET_NANOS) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            LOG.warn("{}: {}", failure.getMessage(), String.valueOf(cause)); // a line, no stack trace
            lastReported = now;
        }
        failing = true;
    }
}
