package dev.b24emu.emulator.internal.tasks;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;

/** Hears of every change to a portal's tasks, as the tasks module's OnTaskAdd, OnTaskUpdate and OnTaskDelete. */
public interface TaskListener {
    TaskListener NONE = (portal, change, taskId, origin) -> { };

    enum Change { ADD, UPDATE, DELETE }

    void changed(Portal portal, Change change, long taskId, Origin origin);
}
