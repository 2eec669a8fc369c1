package dev.b24emu.emulator.internal.tasks;

import dev.b24emu.emulator.internal.portal.IdTable;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The tasks of one portal, kept in state files. Bounded as the CRM objects made at run time are (--max-crm-objects):
 * past the count a new task drops the oldest, so a connector that makes a task per missed call cannot fill the heap.
 */
public final class TaskStore implements Store<TaskStore.Snapshot> {
    /** the tasks by ID, and the last ID given */
    private final IdTable<Task> tasks;

    /** What state files keep: the tasks and the last ID given. */
    public record Snapshot(List<Task> tasks, long lastId) {
    }

    public TaskStore(int maxTasks) {
        this.tasks = new IdTable<>(maxTasks, Task::id);
    }

    public Optional<Task> get(long id) {
        return tasks.get(id);
    }

    public Collection<Task> all() {
        return tasks.all();
    }

    long nextId() {
        return tasks.nextId();
    }

    /** Keeps the task (a new one, or a new version of one), the oldest dropped past the bound. */
    void put(Task task) {
        tasks.put(task);
    }

    boolean remove(long id) {
        return tasks.remove(id);
    }

    @Override
    public void clear() {
        tasks.clear();
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(tasks.items(), tasks.lastId());
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
        tasks.restore(snapshot.tasks(), snapshot.lastId());
    }
}
