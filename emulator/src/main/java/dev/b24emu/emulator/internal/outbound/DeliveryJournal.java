package dev.b24emu.emulator.internal.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.journal.WeighedLog;
import dev.b24emu.emulator.internal.portal.Store;

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

    /** the last delivery attempts, oldest first, weighed by their payloads */
    private final WeighedLog<Delivery> deliveries;

    public DeliveryJournal(int capacity) {
        this(capacity, MAX_BYTES);
    }

    DeliveryJournal(int capacity, long maxBytes) {
        this.deliveries = new WeighedLog<>(capacity, maxBytes);
    }

    /**
     * @param seq the attempt's place in the journals' common order, taken when it was sent
     *            ({@link dev.b24emu.emulator.internal.journal.JournalSequence}), so requests the handler made while
     *            answering it come after it
     */
    public Delivery record(long seq, String time, String portal, Outbound.Message message, int attempt, int status,
                           String error, long latencyMillis) {
        ObjectNode payload = message.payload();
        Delivery delivery = new Delivery(seq, time, portal, message.label(), message.handlerId(), message.url(), payload,
                attempt, status, error, latencyMillis, message.forged());
        // its payload's JSON text at two bytes a character: read once per attempt, a few hundred characters
        deliveries.add(delivery, deliveries.keeps() ? 256L + 2L * (payload == null ? 0 : payload.toString().length()) : 0);
        return delivery;
    }

    /**
     * How many attempts were recorded (what a live view polls cheaply): not the newest seq, since an attempt is kept
     * when its answer comes, after attempts sent later that answered sooner.
     */
    public long recorded() {
        return deliveries.added();
    }

    public List<Delivery> deliveries() {
        return deliveries.items();
    }

    @Override
    public void clear() {
        deliveries.clear();
    }
}
