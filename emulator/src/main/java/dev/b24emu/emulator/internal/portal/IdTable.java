package dev.b24emu.emulator.internal.portal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Records by their ID, lowest first, and the last ID given (a table's auto-increment: IDs are never reused): what a
 * store of objects made at run time keeps (tasks, time entries, products). Bounded: past the count the oldest go, so
 * a client making one per call cannot fill the heap. Thread-safe; reads see a consistent record, not a snapshot.
 *
 * @param <T> the record kept
 */
public final class IdTable<T> {
    private final Map<Long, T> byId = new ConcurrentSkipListMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private final int max;
    private final ToLongFunction<T> idOf;

    public IdTable(int max, ToLongFunction<T> idOf) {
        this.max = Math.max(1, max);
        this.idOf = idOf;
    }

    public Optional<T> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The records by ID, live. */
    public Collection<T> all() {
        return byId.values();
    }

    public long nextId() {
        return lastId.incrementAndGet();
    }

    public long lastId() {
        return lastId.get();
    }

    /** Keeps the record (a new one, or a new version of one); answers those dropped past the bound, oldest first. */
    public synchronized List<T> put(T record) {
        byId.put(idOf.applyAsLong(record), record);
        List<T> dropped = new ArrayList<>();
        while (byId.size() > max) {
            dropped.add(byId.remove(byId.keySet().iterator().next()));
        }
        return dropped;
    }

    public boolean remove(long id) {
        return byId.remove(id) != null;
    }

    public void removeIf(Predicate<T> which) {
        byId.values().removeIf(which);
    }

    public void clear() {
        byId.clear();
        lastId.set(0);
    }

    /** A copy of the records, for a snapshot. */
    public List<T> items() {
        return List.copyOf(byId.values());
    }

    /** Puts a snapshot's records back (none when its list is absent) with its last ID. */
    public void restore(List<T> records, long last) {
        if (records != null) {
            records.forEach(record -> byId.put(idOf.applyAsLong(record), record));
        }
        lastId.set(last);
    }
}
