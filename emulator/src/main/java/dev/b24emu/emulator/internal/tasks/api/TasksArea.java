package dev.b24emu.emulator.internal.tasks.api;

import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.tasks.ElapsedStore;
import dev.b24emu.emulator.internal.tasks.TaskListener;
import dev.b24emu.emulator.internal.tasks.TaskStore;
import dev.b24emu.emulator.internal.tasks.Tasks;

import java.util.List;

/**
 * Tasks (tasks.task.add, .get, .list, .update, .complete, .delete, .getFields): the follow-up a connector makes for
 * a missed call, with the CRM activity of the objects it is bound to; each change told to the listener (OnTaskAdd,
 * OnTaskUpdate, OnTaskDelete). The time logged on them (task.elapseditem.*), which call reports add up.
 */
public final class TasksArea implements Area {
    private final Tasks tasks;

    public TasksArea(TaskListener listener) {
        this.tasks = new Tasks(listener);
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("tasks", TaskStore.class, portal -> new TaskStore(portal.bounds().crmObjects())),
                StoreType.of("taskElapsed", ElapsedStore.class,
                        portal -> new ElapsedStore(portal.bounds().crmObjects())));
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("tasks.", "task.");
    }

    @Override
    public void methods(MethodTable methods) {
        new TaskMethods(tasks).register(methods);
        new ElapsedItemMethods().register(methods);
    }
}
