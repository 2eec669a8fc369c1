package dev.b24emu.emulator.internal.control;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Whether the emulator can still serve, for /_emulator/health: a CI job that waits for UP must also see DOWN when the
 * heap is exhausted (what was left after the last collection is nearly all of it) or a fatal error of the JVM hit a
 * request, instead of a health check that says UP while every REST call fails.
 */
public final class HealthCheck {
    /** The share of a heap pool still in use after a collection above which the server is considered unable to serve. */
    private static final double EXHAUSTED = 0.95;

    private volatile String fatal;
    /** made when the server starts (the control routes are made at their first request, and counted from there: 0 s) */
    private final long startedNanos = System.nanoTime();

    /** Whole seconds since the server started (monotonic: moving the emulator's clock does not move it). */
    public long uptimeSeconds() {
        return java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
    }

    /** Records an error no request survives (an OutOfMemoryError, a StackOverflowError in a handler). */
    public void failed(Throwable error) {
        if (error instanceof VirtualMachineError) {
            fatal = error.getClass().getSimpleName() + " while serving a request";
        }
    }

    /** Why the server cannot serve, or null when it can. */
    public String trouble() {
        if (fatal != null) {
            return fatal;
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            // the old generation only (the one heap pool with a usage threshold): a survivor space is routinely full
            // after a young collection, the more so with a small young generation (bin/b24-emulator's -Xmn32m)
            if (pool.getType() != MemoryType.HEAP || !pool.isCollectionUsageThresholdSupported()
                    || !pool.isUsageThresholdSupported()) {
                continue;
            }
            MemoryUsage afterCollection = pool.getCollectionUsage();
            long max = pool.getUsage().getMax();
            if (afterCollection != null && max > 0 && afterCollection.getUsed() > EXHAUSTED * max) {
                return "heap exhausted: " + afterCollection.getUsed() / (1024 * 1024) + " of " + max / (1024 * 1024)
                        + " MiB of " + pool.getName() + " in use after the last collection";
            }
        }
        return null;
    }
}
