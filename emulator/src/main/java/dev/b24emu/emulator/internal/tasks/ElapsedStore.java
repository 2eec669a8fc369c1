package dev.b24emu.emulator.internal.tasks;

import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time entries of one portal's tasks, kept in state files. Bounded as the tasks are (--max-crm-objects): past the
 * count a new entry drops the oldest, so a connector logging every call's time cannot fill the heap.
 */
public final class ElapsedStore implements Store<ElapsedStore.Snapshot> {
    /** maps an entry's ID to the entry, by ID (the list's default order) */
    private final Map<Long, ElapsedItem> items = new ConcurrentSkipListMap<>();
    /** maps a task's ID to the seconds and count of its entries, for tasks with any (TIME_SPENT_IN_LOGS on a row) */
    private final Map<Long, Logged> byTask = new java.util.concurrent.ConcurrentHashMap<>();
    /** the last ID given: IDs are never reused, as the table's auto-increment */
    private final AtomicLong lastId = new AtomicLong();
    private final int maxItems;

    private record Logged(long seconds, int entries) {
        Logged plus(Logged other) {
            return new Logged(seconds + other.seconds, entries + other.entries);
        }
    }

    /** What state files keep: the entries and the last ID given. */
    public record Snapshot(List<ElapsedItem> items, long lastId) {
    }

    public ElapsedStore(int maxItems) {
        this.maxItems = Math.max(1, maxItems);
    }

    public Optional<ElapsedItem> get(long id) {
        return Optional.ofNullable(items.get(id));
    }

    public Collection<ElapsedItem> all() {
        return items.values();
    }

    /** The seconds logged on a task, or empty when it has no entry (TIME_SPENT_IN_LOGS, a SUM over none, is null). */
    public Optional<Long> secondsOf(long taskId) {
        return Optional.ofNullable(byTask.get(taskId)).map(Logged::seconds);
    }

    long nextId() {
        return lastId.incrementAndGet();
    }

    /** Keeps a new entry, the oldest dropped past the bound. */
    synchronized void put(ElapsedItem item) {
        items.put(item.id(), item);
        byTask.merge(item.taskId(), new Logged(item.seconds(), 1), Logged::plus);
        while (items.size() > maxItems) {
            forget(items.remove(items.keySet().iterator().next()));
        }
    }

    /** A deleted task's entries go with it (CTasks::Delete deletes its elapsed time). */
    synchronized void removeTask(long taskId) {
        items.values().removeIf(item -> item.taskId() == taskId);
        byTask.remove(taskId);
    }

    private void forget(ElapsedItem item) {
        byTask.computeIfPresent(item.taskId(), (task, logged) -> logged.entries() <= 1 ? null
                : new Logged(logged.seconds() - item.seconds(), logged.entries() - 1));
    }

    @Override
    public synchronized void clear() {
        items.clear();
        byTask.clear();
        lastId.set(0);
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(List.copyOf(items.values()), lastId.get());
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/taskElapsed/items", snapshot.items(),
                item -> item.id() > 0 && item.id() <= snapshot.lastId() && item.taskId() > 0 && item.userId() > 0
                        && item.seconds() >= 0 && item.createdDate() != null,
                "an entry needs an ID up to lastId, a task, a user, seconds of 0 or more and a creation date",
                "id", ElapsedItem::id);
    }

    @Override
    public void restore(Snapshot snapshot) {
        if (snapshot.items() != null) {
            snapshot.items().forEach(item -> {
                items.put(item.id(), item);
                byTask.merge(item.taskId(), new Logged(item.seconds(), 1), Logged::plus);
            });
        }
        lastId.set(snapshot.lastId());
    }
}
