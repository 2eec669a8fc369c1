package dev.b24emu.emulator.internal.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last delivery attempts of one portal (events, widget openings, CallCard::* posts), in the order they ended;
 * bounded so memory stays flat. Live state: state files do not keep it.
 */
public final class DeliveryJournal implements Store<Void> {
    /**
     * What one portal's delivery journal may weigh, as its request journal: a payload carries the call's texts, and
     * the count alone let deliveries with a 6 MB phone number each fill the heap (D122)
     */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private final int capacity;
    private final long maxBytes;
    /** the last delivery attempts, oldest first, with their weight (guarded by itself) */
    private final Deque<Kept> deliveries = new ArrayDeque<>();
    /** the sum of the kept attempts' weights (guarded by {@link #deliveries}) */
    private long bytes;

    private record Kept(Delivery delivery, long weight) {
    }

    public DeliveryJournal(int capacity) {
        this(capacity, MAX_BYTES);
    }

    DeliveryJournal(int capacity, long maxBytes) {
        this.capacity = Math.max(0, capacity);
        this.maxBytes = maxBytes;
    }

    /**
     * @param seq the attempt's place in the journals' common order, taken when it was sent
     *            ({@link dev.b24emu.emulator.internal.journal.JournalSequence}), so requests the handler made while
     *            answering it come after it
     */
    public Delivery record(long seq, String time, String portal, String event, long handlerId, String url,
                           ObjectNode payload, int attempt, int status, String error, long latencyMillis) {
        Delivery delivery = new Delivery(seq, time, portal, event, handlerId, url, payload,
                attempt, status, error, latencyMillis);
        if (capacity > 0) {
            // its payload's JSON text at two bytes a character: read once per attempt, a few hundred characters
            long weight = 256L + 2L * (payload == null ? 0 : payload.toString().length());
            synchronized (deliveries) {
                deliveries.addLast(new Kept(delivery, weight));
                bytes += weight;
                while (deliveries.size() > capacity || (bytes > maxBytes && deliveries.size() > 1)) {
                    bytes -= deliveries.removeFirst().weight();
                }
            }
        }
        return delivery;
    }

    /** The sequence number of the newest attempt, 0 when there is none (what a live view polls cheaply). */
    public long lastSeq() {
        synchronized (deliveries) {
            Kept last = deliveries.peekLast();
            return last == null ? 0 : last.delivery().seq();
        }
    }

    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            List<Delivery> copy = new ArrayList<>(deliveries.size());
            deliveries.forEach(kept -> copy.add(kept.delivery()));
            return copy;
        }
    }

    @Override
    public void clear() {
        synchronized (deliveries) {
            deliveries.clear();
            bytes = 0;
        }
    }
}
