package dev.b24emu.emulator.internal.tasks;

import dev.b24emu.emulator.internal.portal.IdTable;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time entries of one portal's tasks, kept in state files. Bounded as the tasks are (--max-crm-objects): past the
 * count a new entry drops the oldest, so a connector logging every call's time cannot fill the heap.
 */
public final class ElapsedStore implements Store<ElapsedStore.Snapshot> {
    /** the entries by ID (the list's default order), and the last ID given */
    private final IdTable<ElapsedItem> items;
    /** maps a task's ID to the seconds and count of its entries, for tasks with any (TIME_SPENT_IN_LOGS on a row) */
    private final Map<Long, Logged> byTask = new ConcurrentHashMap<>();

    private record Logged(long seconds, int entries) {
        Logged plus(Logged other) {
            return new Logged(seconds + other.seconds, entries + other.entries);
        }
    }

    /** What state files keep: the entries and the last ID given. */
    public record Snapshot(List<ElapsedItem> items, long lastId) {
    }

    public ElapsedStore(int maxItems) {
        this.items = new IdTable<>(maxItems, ElapsedItem::id);
    }

    public Optional<ElapsedItem> get(long id) {
        return items.get(id);
    }

    public Collection<ElapsedItem> all() {
        return items.all();
    }

    /** The seconds logged on a task, or empty when it has no entry (TIME_SPENT_IN_LOGS, a SUM over none, is null). */
    public Optional<Long> secondsOf(long taskId) {
        return Optional.ofNullable(byTask.get(taskId)).map(Logged::seconds);
    }

    long nextId() {
        return items.nextId();
    }

    /** Keeps a new entry, the oldest dropped past the bound. */
    synchronized void put(ElapsedItem item) {
        logged(item);
        items.put(item).forEach(this::forget);
    }

    /** A deleted task's entries go with it (CTasks::Delete deletes its elapsed time). */
    synchronized void removeTask(long taskId) {
        items.removeIf(item -> item.taskId() == taskId);
        byTask.remove(taskId);
    }

    private void logged(ElapsedItem item) {
        byTask.merge(item.taskId(), new Logged(item.seconds(), 1), Logged::plus);
    }

    private void forget(ElapsedItem item) {
        byTask.computeIfPresent(item.taskId(), (task, logged) -> logged.entries() <= 1 ? null
                : new Logged(logged.seconds() - item.seconds(), logged.entries() - 1));
    }

    @Override
    public synchronized void clear() {
        items.clear();
        byTask.clear();
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(items.items(), items.lastId());
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
    public synchronized void restore(Snapshot snapshot) {
        items.restore(snapshot.items(), snapshot.lastId());
        items.all().forEach(this::logged);
    }
}
