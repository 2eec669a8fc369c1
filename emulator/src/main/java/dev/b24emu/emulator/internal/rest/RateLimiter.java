package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.portal.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The real REST limits (limits.md), measured on the portal's clock: a leaky bucket per request source address (a
 * burst of 50 requests that drains at 2 per second: 503 QUERY_LIMIT_EXCEEDED when full; applications on one server
 * share it) and the operating time each method may use, counted
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

    /** the most request sources a portal keeps a bucket for: past it the least recently used goes (a fresh bucket) */
    static final int MAX_SOURCES = 1024;

    /** One source's bucket: its level and when it was last drained. */
    private static final class Bucket {
        double level;
        Instant drainedAt;
    }

    /**
     * maps a request's source address to its bucket: "Bitrix24 considers the IP address of the request source. If
     * several applications on a single server work with the same Bitrix24, they share a common request rate limit"
     * (guarded by this)
     */
    private final Map<String, Bucket> buckets = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_SOURCES;
        }
    };
    /** maps a caller and a method ("app:local.x|user.get") to its baskets, oldest first (guarded by this) */
    private final Map<String, ArrayDeque<Basket>> operating = new HashMap<>();

    /** The key operating time is counted under: the application, or the webhook, and the method (its table name). */
    public static String key(Caller caller, String method) {
        return (caller.isWebhook() ? "hook:" + caller.credential() : "app:" + caller.appKey()) + "|" + method;
    }

    /** Counts a request from a source address; false when that source's bucket is full. */
    public synchronized boolean admit(String source, Instant now, double ratePerSecond, int burst) {
        Bucket bucket = buckets.computeIfAbsent(source, s -> new Bucket());
        if (bucket.drainedAt != null) {
            double drained = Duration.between(bucket.drainedAt, now).toNanos() / 1e9 * ratePerSecond;
            bucket.level = Math.max(0, bucket.level - Math.max(0, drained));
        }
        bucket.drainedAt = now;
        if (bucket.level + 1 > burst) {
            return false;
        }
        bucket.level += 1;
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
        buckets.clear();
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
