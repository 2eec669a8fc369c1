package dev.b24emu.emulator.internal.portal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The keys of the objects a store made while its portal runs, oldest first, and the bound on how many it keeps
 * (D118): a load that makes an object per call cannot fill the memory. Seeded and restored objects are never noted,
 * so they are never dropped. Not synchronized: its store uses it under the store's own lock.
 * <p>
 * A store whose objects can be of any size also shares a {@link Budget} of bytes among its kinds: a count alone let a
 * client fill the heap with a few dozen leads of 7 MB each. Past the budget the objects written least recently, of
 * any kind, are dropped until the rest fits.
 */
public final class MadeAtRunTime<K> {
    private final int max;
    private final ArrayDeque<Entry<K>> made = new ArrayDeque<>();
    /** null for a count alone */
    private final Budget budget;
    /** removes a dropped object from its store (weighed instances only; the others are handed one per add) */
    private final Consumer<K> drop;
    /** maps each key noted to its weight in bytes (weighed instances only) */
    private final Map<K, Long> weights = new HashMap<>();

    /** One noted object: its key, and when it was last written (the budget's order across kinds). */
    private record Entry<K>(K key, long written) {
    }

    /** A count alone. */
    public MadeAtRunTime(int max) {
        this(max, null, null);
    }

    /** A count, and a share of {@code budget}: {@code drop} removes what either drops. */
    public MadeAtRunTime(int max, Budget budget, Consumer<K> drop) {
        this.max = Math.max(1, max);
        this.budget = budget;
        this.drop = drop;
        if (budget != null) {
            budget.members.add(this);
        }
    }

    /** Notes a new object; past the bound hands the oldest one noted to {@code drop}. @return whether one was dropped */
    public boolean add(K key, Consumer<K> drop) {
        made.addLast(new Entry<>(key, 0));
        if (made.size() <= max) {
            return false;
        }
        drop.accept(made.removeFirst().key());
        return true;
    }

    /**
     * Notes a new object of a weighed kind; past the count drops the oldest of its kind, past the budget the least
     * recently written of any kind (never this one). @return whether any was dropped
     */
    public boolean add(K key, long weight) {
        made.addLast(new Entry<>(key, budget.next()));
        weights.put(key, weight);
        budget.total += weight;
        boolean dropped = false;
        if (made.size() > max) {
            evictOldest();
            dropped = true;
        }
        return budget.fit() || dropped;
    }

    /** Notes a new weight for a changed object made at run time (others are not noted): it is now the newest. */
    public boolean rewritten(K key, long weight) {
        Long before = weights.get(key);
        if (before == null) {
            return false;
        }
        made.removeIf(entry -> entry.key().equals(key));
        made.addLast(new Entry<>(key, budget.next()));
        weights.put(key, weight);
        budget.total += weight - before;
        return budget.fit();
    }

    /** Stops counting an object a client removed itself. */
    public void forget(K key) {
        made.removeIf(entry -> entry.key().equals(key));
        Long weight = weights.remove(key);
        if (weight != null) {
            budget.total -= weight;
        }
    }

    public void clear() {
        made.clear();
        if (budget != null) {
            weights.values().forEach(weight -> budget.total -= weight);
        }
        weights.clear();
    }

    private void evictOldest() {
        K key = made.removeFirst().key();
        budget.total -= weights.remove(key);
        drop.accept(key);
    }

    /** The bytes the objects made at run time of one store's kinds may weigh together. Guarded by the store's lock. */
    public static final class Budget {
        private final long max;
        private final List<MadeAtRunTime<?>> members = new ArrayList<>();
        private long total;
        private long lastWritten;

        public Budget(long maxBytes) {
            this.max = maxBytes;
        }

        private long next() {
            return ++lastWritten;
        }

        /** Drops the objects written least recently, of any kind, until the total fits; never the newest one. */
        private boolean fit() {
            boolean dropped = false;
            while (total > max) {
                MadeAtRunTime<?> oldest = null;
                for (MadeAtRunTime<?> member : members) {
                    Entry<?> head = member.made.peekFirst();
                    if (head != null && (oldest == null || head.written() < oldest.made.peekFirst().written())) {
                        oldest = member;
                    }
                }
                if (oldest == null || oldest.made.peekFirst().written() == lastWritten) {
                    return dropped; // the newest alone outweighs the budget: it stays
                }
                oldest.evictOldest();
                dropped = true;
            }
            return dropped;
        }

        /** What the objects noted weigh now, in bytes. */
        public long total() {
            return total;
        }
    }
}
