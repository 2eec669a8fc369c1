package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.portal.Store;

import java.time.Duration;
import java.time.Instant;

/**
 * The real REST limits (limits.md), measured on the portal's clock: a leaky bucket (a burst of 50 requests that
 * drains at 2 per second: 503 QUERY_LIMIT_EXCEEDED when full) and the operating time each method may use in 10
 * minutes (429 OPERATION_TIME_LIMIT when spent).
 */
public final class RateLimiter implements Store<Void> {
    public static final Duration OPERATING_WINDOW = Duration.ofMinutes(10);

    private double level;
    private Instant drainedAt;
    /** maps method to the seconds it spent in the current window */
    private final java.util.Map<String, double[]> operating = new java.util.HashMap<>();
    private Instant windowStart;

    /** Counts a request; false when the bucket is full. */
    public synchronized boolean admit(Instant now, double ratePerSecond, int burst) {
        if (drainedAt != null) {
            double drained = Duration.between(drainedAt, now).toNanos() / 1e9 * ratePerSecond;
            level = Math.max(0, level - Math.max(0, drained));
        }
        drainedAt = now;
        if (level + 1 > burst) {
            return false;
        }
        level += 1;
        return true;
    }

    /** The seconds a method has spent in the current window (starting a new window when the old one is over). */
    public synchronized double operating(String method, Instant now) {
        roll(now);
        double[] spent = operating.get(method);
        return spent == null ? 0 : spent[0];
    }

    public synchronized void spend(String method, double seconds, Instant now) {
        roll(now);
        operating.computeIfAbsent(method, m -> new double[1])[0] += seconds;
    }

    /** When the current window's operating time is released. */
    public synchronized Instant resetAt(Instant now) {
        roll(now);
        return windowStart.plus(OPERATING_WINDOW);
    }

    @Override
    public synchronized void clear() {
        level = 0;
        drainedAt = null;
        operating.clear();
        windowStart = null;
    }

    private void roll(Instant now) {
        if (windowStart == null || !now.isBefore(windowStart.plus(OPERATING_WINDOW))) {
            windowStart = now;
            operating.clear();
        }
    }
}
