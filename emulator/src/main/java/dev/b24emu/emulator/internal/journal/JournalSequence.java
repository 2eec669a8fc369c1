package dev.b24emu.emulator.internal.journal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One order for the request journal and the delivery journal of every portal: a request journaled after a delivery
 * was sent has a higher seq, so a reader (the conformance kit) can tell what an integration did after an event.
 */
public final class JournalSequence {
    private static final AtomicLong LAST = new AtomicLong();

    private JournalSequence() {
    }

    public static long next() {
        return LAST.incrementAndGet();
    }
}
