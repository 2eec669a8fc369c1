package dev.b24emu.emulator.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last N REST calls a portal served, oldest first. Bounded so a long-running emulator stays flat in memory;
 * one journal per portal so a noisy neighbour never evicts another portal's entries.
 */
public final class RequestJournal {
    /** Orders entries across portals, so a merged view reads in arrival order. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final int capacity;
    /** the retained entries, oldest first */
    private final Deque<Entry> entries = new ArrayDeque<>();

    public RequestJournal(int capacity) {
        this.capacity = Math.max(0, capacity);
    }

    /** One served call: what was asked, how it was answered, and how long it took. */
    public record Entry(long seq, String time, String portal, String method, String httpMethod, String auth,
                       ObjectNode params, int status, String error, long latencyMicros) {
    }

    public Entry record(String time, String portal, String method, String httpMethod, String auth,
                        ObjectNode params, int status, String error, long latencyMicros) {
        Entry entry = new Entry(SEQUENCE.incrementAndGet(), time, portal, method, httpMethod, auth, params,
                status, error, latencyMicros);
        if (capacity == 0) {
            return entry;
        }
        synchronized (entries) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
        return entry;
    }

    public List<Entry> entries() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
