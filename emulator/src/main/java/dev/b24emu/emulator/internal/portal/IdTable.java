package dev.b24emu.emulator.internal.portal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Records by their ID, lowest first, and the last ID given (a table's auto-increment: IDs are never reused): what a
 * store of objects made at run time keeps (tasks, time entries, products, calendar sections and events, stage
 * history). Bounded: past the count the oldest go, so a client making one per call cannot fill the heap; and past
 * {@link #AVERAGE_CHARACTERS} characters of their text form a record on average, the oldest go too, the newest staying
 * even alone (D118): 24 tasks of a 7 MB description, each within the count, ran the launcher's heap out. Thread-safe;
 * reads see a consistent record, not a snapshot.
 *
 * @param <T> the record kept
 */
public final class IdTable<T> {
    /** the text a record may average: a task or an event of a real portal is a few hundred characters */
    public static final int AVERAGE_CHARACTERS = 800;
    private final Map<Long, T> byId = new ConcurrentSkipListMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private final int max;
    private final long maxCharacters;
    private final ToLongFunction<T> idOf;
    /** maps each record's ID to the length of its text form (guarded by this) */
    private final Map<Long, Long> weights = new HashMap<>();
    private long characters;

    public IdTable(int max, ToLongFunction<T> idOf) {
        this.max = Math.max(1, max);
        this.maxCharacters = (long) this.max * AVERAGE_CHARACTERS;
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
        long id = idOf.applyAsLong(record);
        byId.put(id, record);
        weigh(id, record);
        List<T> dropped = new ArrayList<>();
        Iterator<Map.Entry<Long, T>> oldestFirst = byId.entrySet().iterator();
        while ((byId.size() > max || characters > maxCharacters) && byId.size() > 1 && oldestFirst.hasNext()) {
            Map.Entry<Long, T> oldest = oldestFirst.next();
            if (oldest.getKey() == id) {
                continue; // the record just kept stays, even alone past the weight
            }
            oldestFirst.remove();
            forget(oldest.getKey());
            dropped.add(oldest.getValue());
        }
        return dropped;
    }

    private void weigh(long id, T record) {
        long weight = String.valueOf(record).length();
        Long before = weights.put(id, weight);
        characters += weight - (before == null ? 0 : before);
    }

    private void forget(long id) {
        Long weight = weights.remove(id);
        characters -= weight == null ? 0 : weight;
    }

    public synchronized boolean remove(long id) {
        forget(id);
        return byId.remove(id) != null;
    }

    public synchronized void removeIf(Predicate<T> which) {
        byId.entrySet().removeIf(entry -> {
            if (!which.test(entry.getValue())) {
                return false;
            }
            forget(entry.getKey());
            return true;
        });
    }

    public synchronized void clear() {
        byId.clear();
        weights.clear();
        characters = 0;
        lastId.set(0);
    }

    /** A copy of the records, for a snapshot. */
    public List<T> items() {
        return List.copyOf(byId.values());
    }

    /** Puts a snapshot's records back (none when its list is absent) with its last ID. */
    public synchronized void restore(List<T> records, long last) {
        if (records != null) {
            records.forEach(record -> {
                long id = idOf.applyAsLong(record);
                byId.put(id, record);
                weigh(id, record);
            });
        }
        lastId.set(last);
    }
}
