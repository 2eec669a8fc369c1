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
    private final int capacity;
    /** the last delivery attempts, oldest first */
    private final Deque<Delivery> deliveries = new ArrayDeque<>();

    public DeliveryJournal(int capacity) {
        this.capacity = Math.max(0, capacity);
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
