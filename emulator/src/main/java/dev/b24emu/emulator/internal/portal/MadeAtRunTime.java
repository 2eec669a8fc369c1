package dev.b24emu.emulator.internal.portal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The keys of the objects a store made while its portal runs, least recently written first, and the bound on how
 * many it keeps (D118): a load that makes an object per call cannot fill the memory. Seeded and restored objects are
 * never noted, so they are never dropped. Not synchronized: its store uses it under the store's own lock.
 * <p>
 * A store whose objects can be of any size also shares a {@link Budget} of bytes among its kinds: a count alone let a
 * client fill the heap with a few dozen leads of 7 MB each. Past the budget the objects written least recently, of
 * any kind, are dropped until the rest fits.
 */
public final class MadeAtRunTime<K> {
    private final int max;
    /**
     * maps each key noted to its mark, least recently written first: a map, not a queue, so that forgetting a key
     * and moving a rewritten one to the end cost no scan (finish rewrites the lead its call made, on every call)
     */
    private final LinkedHashMap<K, Mark> made = new LinkedHashMap<>();
    /** null for a count alone */
    private final Budget budget;
    /** removes a dropped object from its store (weighed instances only; the others are handed one per add) */
    private final Consumer<K> drop;

    /** What an object weighs, in bytes, and when it was last written (the budget's order across kinds). */
    private record Mark(long weight, long written) {
    }

    /** the mark of every object of a count alone */
    private static final Mark COUNTED = new Mark(0, 0);

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
        made.put(key, COUNTED);
        if (made.size() <= max) {
            return false;
        }
        Iterator<K> keys = made.keySet().iterator();
        K oldest = keys.next();
        keys.remove();
        drop.accept(oldest);
        return true;
    }

    /**
     * Notes a new object of a weighed kind; past the count drops the least recently written of its kind, past the
     * budget the least recently written of any kind (never this one). @return whether any was dropped
     */
    public boolean add(K key, long weight) {
        made.put(key, new Mark(weight, budget.next()));
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
        Mark before = made.remove(key);
        if (before == null) {
            return false;
        }
        made.put(key, new Mark(weight, budget.next()));
        budget.total += weight - before.weight();
        return budget.fit();
    }

    /** Stops counting an object a client removed itself. */
    public void forget(K key) {
        Mark mark = made.remove(key);
        if (mark != null && budget != null) {
            budget.total -= mark.weight();
        }
    }

    /** Whether the key is noted. */
    public boolean contains(K key) {
        return made.containsKey(key);
    }

    /** The keys noted, least recently written first (a copy). */
    public List<K> keys() {
        return new ArrayList<>(made.keySet());
    }

    public void clear() {
        if (budget != null) {
            made.values().forEach(mark -> budget.total -= mark.weight());
        }
        made.clear();
    }

    private Map.Entry<K, Mark> oldest() {
        return made.isEmpty() ? null : made.entrySet().iterator().next();
    }

    private void evictOldest() {
        Iterator<Map.Entry<K, Mark>> oldest = made.entrySet().iterator();
        Map.Entry<K, Mark> entry = oldest.next();
        oldest.remove();
        budget.total -= entry.getValue().weight();
        drop.accept(entry.getKey());
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
                long oldestWritten = Long.MAX_VALUE;
                for (MadeAtRunTime<?> member : members) {
                    Map.Entry<?, Mark> head = member.oldest();
                    if (head != null && head.getValue().written() < oldestWritten) {
                        oldest = member;
                        oldestWritten = head.getValue().written();
                    }
                }
                if (oldest == null || oldestWritten == lastWritten) {
                    return dropped; // the newest alone outweighs the budget: it stays
                }
                oldest.evictOldest();
                dropped = true;
            }
            return dropped;
        }
    }
}
