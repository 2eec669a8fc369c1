package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.portal.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The real REST limits (limits.md), measured on the portal's clock: a leaky bucket (a burst of 50 requests that
 * drains at 2 per second: 503 QUERY_LIMIT_EXCEEDED when full) and the operating time each method may use, counted
 * "separately for an application or a webhook" in one-minute baskets: a basket holds the time of a minute's calls and
 * is dropped 10 minutes after its first call, the oldest first, so the total falls a basket at a time (429
 * OPERATION_TIME_LIMIT while it is over the limit).
 */
public final class RateLimiter implements Store<Void> {
    public static final Duration OPERATING_WINDOW = Duration.ofMinutes(10);

    /** A minute's calls of one method by one caller: from its first call, what they took. */
    private static final class Basket {
        final long minute;
        final Instant first;
        double seconds;

        Basket(long minute, Instant first) {
            this.minute = minute;
            this.first = first;
        }
    }

    private double level;
    private Instant drainedAt;
    /** maps a caller and a method ("app:local.x|user.get") to its baskets, oldest first (guarded by this) */
    private final Map<String, ArrayDeque<Basket>> operating = new HashMap<>();

    /** The key operating time is counted under: the application, or the webhook, and the method (its table name). */
    public static String key(Caller caller, String method) {
        return (caller.isWebhook() ? "hook:" + caller.credential() : "app:" + caller.appKey()) + "|" + method;
    }

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

    /** The seconds the caller's calls of a method took in the baskets not yet dropped. */
    public synchronized double operating(String key, Instant now) {
        ArrayDeque<Basket> baskets = current(key, now);
        double sum = 0;
        for (Basket basket : baskets) {
            sum += basket.seconds;
        }
        return sum;
    }

    public synchronized void spend(String key, double seconds, Instant now) {
        ArrayDeque<Basket> baskets = current(key, now);
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        Basket last = baskets.peekLast();
        if (last == null || last.minute != minute) {
            last = new Basket(minute, now);
            baskets.addLast(last);
        }
        last.seconds += seconds;
        operating.putIfAbsent(key, baskets);
    }

    /** When the oldest basket is dropped: its first call plus 10 minutes (now plus 10 minutes with none). */
    public synchronized Instant resetAt(String key, Instant now) {
        Basket oldest = current(key, now).peekFirst();
        return (oldest == null ? now : oldest.first).plus(OPERATING_WINDOW);
    }

    @Override
    public synchronized void clear() {
        level = 0;
        drainedAt = null;
        operating.clear();
    }

    /** The key's baskets without those whose 10 minutes are over; callers and methods with none left are forgotten. */
    private ArrayDeque<Basket> current(String key, Instant now) {
        ArrayDeque<Basket> baskets = operating.get(key);
        if (baskets == null) {
            return new ArrayDeque<>(2);
        }
        for (Iterator<Basket> it = baskets.iterator(); it.hasNext(); ) {
            if (now.isBefore(it.next().first.plus(OPERATING_WINDOW))) {
                break;
            }
            it.remove();
        }
        if (baskets.isEmpty()) {
            operating.remove(key);
        }
        return baskets;
    }
}
