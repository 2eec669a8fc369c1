package dev.b24emu.emulator.internal.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last delivery attempts of one portal (events, widget openings, CallCard::* posts), oldest first; bounded so
 * memory stays flat. Live state: state files do not keep it.
 */
public final class DeliveryJournal implements Store<Void> {
    /** Orders attempts across portals, so a merged view reads in order. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final int capacity;
    /** the last delivery attempts, oldest first */
    private final Deque<Delivery> deliveries = new ArrayDeque<>();

    public DeliveryJournal(int capacity) {
        this.capacity = Math.max(0, capacity);
    }

    public Delivery record(String time, String portal, String event, long handlerId, String url, ObjectNode payload,
                           int attempt, int status, String error, long latencyMillis) {
        Delivery delivery = new Delivery(SEQUENCE.incrementAndGet(), time, portal, event, handlerId, url, payload,
                attempt, status, error, latencyMillis);
        if (capacity > 0) {
            synchronized (deliveries) {
                if (deliveries.size() == capacity) {
                    deliveries.removeFirst();
                }
                deliveries.addLast(delivery);
            }
        }
        return delivery;
    }

    /** The sequence number of the newest attempt, 0 when there is none (what a live view polls cheaply). */
    public long lastSeq() {
        synchronized (deliveries) {
            Delivery last = deliveries.peekLast();
            return last == null ? 0 : last.seq();
        }
    }

    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return new ArrayList<>(deliveries);
        }
    }

    @Override
    public void clear() {
        synchronized (deliveries) {
            deliveries.clear();
        }
    }
}
