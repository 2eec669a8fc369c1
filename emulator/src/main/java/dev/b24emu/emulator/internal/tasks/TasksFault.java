package dev.b24emu.emulator.internal.tasks;

import dev.b24emu.emulator.internal.transport.RestError;

/**
 * A TasksException as the task.* methods answer it (CTaskRestService::__callStatic): its code, message and rendered
 * code in one text, sent as an application exception (ERROR_CORE, CAdminException's {@code <br>} at its end).
 */
public final class TasksFault {
    private TasksFault() {
    }

    /** An application exception's message: ERROR_CORE, CAdminException::GetString ending it in {@code <br>}. */
    public static RestError core(String message) {
        return RestError.of("ERROR_CORE", message + "<br>");
    }

    /** TASKS_ERROR_EXCEPTION_#code; message; code/TE/name */
    public static RestError of(int code, String name, String message) {
        return core("TASKS_ERROR_EXCEPTION_#" + code + "; " + message + "; " + code + "/TE/" + name);
    }

    /** TE_WRONG_ARGUMENTS (0x100), what _parseRestParams throws for an argument it cannot take. */
    public static RestError wrongArguments(String message) {
        return of(256, "WRONG_ARGUMENTS", message);
    }
}
