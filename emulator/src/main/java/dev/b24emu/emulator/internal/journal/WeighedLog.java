package dev.b24emu.emulator.internal.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The newest items of a journal, oldest first, bounded in count and in weight: past either bound the oldest go, so a
 * long-running emulator stays flat in memory whatever its clients send (the request journal and the delivery journal
 * both keep one per portal). Thread-safe; a capacity of 0 keeps nothing.
 *
 * @param <T> what is kept
 */
public final class WeighedLog<T> {
    private final int capacity;
    private final long maxWeight;
    /** the kept items, oldest first, with their weight (guarded by itself) */
    private final Deque<Kept<T>> kept = new ArrayDeque<>();
    /** the sum of the kept items' weights (guarded by {@link #kept}) */
    private long weight;
    /** how many items were ever added (guarded by {@link #kept}) */
    private long added;

    private record Kept<T>(T item, long weight) {
    }

    public WeighedLog(int capacity, long maxWeight) {
        this.capacity = Math.max(0, capacity);
        this.maxWeight = maxWeight;
    }

    /** Whether anything is kept at all: a caller may then skip weighing what it adds. */
    public boolean keeps() {
        return capacity > 0;
    }

    /** Keeps the item, the newest, dropping the oldest ones past the bounds (the newest one always stays). */
    public void add(T item, long itemWeight) {
        synchronized (kept) {
            keep(item, itemWeight);
        }
    }

    /**
     * Keeps the item {@code numbered} makes of the journals' next seq ({@link JournalSequence}), taken under the log's
     * lock: items are kept in the order of their seq. Taken before, two requests answered together were kept out of
     * order, and a reader of the newest seq missed the one kept second.
     */
    public T addNumbered(LongFunction<T> numbered, long itemWeight) {
        synchronized (kept) {
            T item = numbered.apply(JournalSequence.next());
            keep(item, itemWeight);
            return item;
        }
    }

    /** How many items were ever added: a mark that moves with each, whatever their order or the bounds drop. */
    public long added() {
        synchronized (kept) {
            return added;
        }
    }

    private void keep(T item, long itemWeight) {
        added++;
        if (capacity > 0) {
            kept.addLast(new Kept<>(item, itemWeight));
            weight += itemWeight;
            while (kept.size() > capacity || (weight > maxWeight && kept.size() > 1)) {
                weight -= kept.removeFirst().weight();
            }
        }
    }

    /** The newest item, or null when none is kept. */
    public T newest() {
        synchronized (kept) {
            Kept<T> last = kept.peekLast();
            return last == null ? null : last.item();
        }
    }

    /** A copy of the kept items, oldest first. */
    public List<T> items() {
        synchronized (kept) {
            List<T> copy = new ArrayList<>(kept.size());
            kept.forEach(each -> copy.add(each.item()));
            return copy;
        }
    }

    public void clear() {
        synchronized (kept) {
            kept.clear();
            weight = 0;
        }
    }
}
