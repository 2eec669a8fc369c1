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
 * The tasks of one portal, kept in state files. Bounded as the CRM objects made at run time are (--max-crm-objects):
 * past the count a new task drops the oldest, so a connector that makes a task per missed call cannot fill the heap.
 */
public final class TaskStore implements Store<TaskStore.Snapshot> {
    /** maps a task's ID to the task, by ID */
    private final Map<Long, Task> tasks = new ConcurrentSkipListMap<>();
    /** the last ID given: IDs are never reused, as the table's auto-increment */
    private final AtomicLong lastId = new AtomicLong();
    private final int maxTasks;

    /** What state files keep: the tasks and the last ID given. */
    public record Snapshot(List<Task> tasks, long lastId) {
    }

    public TaskStore(int maxTasks) {
        this.maxTasks = Math.max(1, maxTasks);
    }

    public Optional<Task> get(long id) {
        return Optional.ofNullable(tasks.get(id));
    }

    public Collection<Task> all() {
        return tasks.values();
    }

    long nextId() {
        return lastId.incrementAndGet();
    }

    /** Keeps the task (a new one, or a new version of one), the oldest dropped past the bound. */
    synchronized void put(Task task) {
        tasks.put(task.id(), task);
        while (tasks.size() > maxTasks) {
            tasks.remove(tasks.keySet().iterator().next());
        }
    }

    boolean remove(long id) {
        return tasks.remove(id) != null;
    }

    @Override
    public void clear() {
        tasks.clear();
        lastId.set(0);
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(List.copyOf(tasks.values()), lastId.get());
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/tasks/tasks", snapshot.tasks(),
                t -> t.id() > 0 && t.id() <= snapshot.lastId() && t.title() != null && !t.title().isBlank()
                        && t.responsibleId() > 0 && t.status() >= Task.PENDING && t.status() <= 6,
                "a task needs an ID up to lastId, a title, a responsible user and a status from 2 to 6",
                "id", Task::id);
    }

    @Override
    public void restore(Snapshot snapshot) {
        if (snapshot.tasks() != null) {
            snapshot.tasks().forEach(task -> tasks.put(task.id(), task));
        }
        lastId.set(snapshot.lastId());
    }
}
