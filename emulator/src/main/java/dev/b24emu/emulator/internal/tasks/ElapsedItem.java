package dev.b24emu.emulator.internal.tasks;

/**
 * Time spent on a task as the tasks module keeps it (b_tasks_elapsed_time): dates in ISO 8601 with the portal's
 * offset, null where unset.
 *
 * @param minutes round(seconds / 60), as CTaskElapsedTime::Add keeps it beside the seconds
 * @param source  1 undefined, 2 a person's entry (every REST add), 3 the system's (a stopped timer)
 */
public record ElapsedItem(long id, long taskId, long userId, String commentText, long seconds, long minutes, int source,
                          String createdDate, String dateStart, String dateStop) {
}
