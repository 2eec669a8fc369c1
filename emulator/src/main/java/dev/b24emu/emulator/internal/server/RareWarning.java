package dev.b24emu.emulator.internal.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A warning let through at most once every 10 s: a client that meets one of the server's limits meets it with every
 * request or read, and a line each time would flood the log.
 */
final class RareWarning {
    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong next = new AtomicLong(System.nanoTime());

    /** True for the caller that is to write the line now; any thread. */
    boolean due() {
        long now = System.nanoTime();
        long due = next.get();
        return now - due >= 0 && next.compareAndSet(due, now + EVERY_NANOS);
    }
}
