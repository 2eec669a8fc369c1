package dev.b24emu.emulator.internal.tasks;

import java.util.List;

/**
 * One task as the tasks module keeps it (b_tasks): dates in ISO 8601 with the portal's offset, null where unset; the
 * CRM objects it is bound to as UF_CRM_TASK writes them ("L_4", "D_10"), and the CRM activity made for them.
 *
 * @param status        the real status: 2 pending, 3 in progress, 4 awaiting control, 5 completed, 6 deferred
 * @param priority      0 low, 1 medium, 2 high
 * @param closedBy      who completed it, 0 while open
 * @param crmActivityId the CRM_TASKS_TASK activity of its CRM objects, 0 without one
 */
public record Task(long id, String title, String description, long createdBy, long responsibleId, long changedBy,
                   int status, int priority, long groupId, long parentId, String createdDate, String changedDate,
                   String statusChangedDate, long closedBy, String closedDate, String dateStart, String deadline,
                   String startDatePlan, String endDatePlan, boolean taskControl, boolean allowChangeDeadline,
                   boolean matchWorkTime, boolean addInReport, List<Long> accomplices, List<Long> auditors,
                   List<String> ufCrmTask, String guid, long crmActivityId) {
    public static final int PENDING = 2;
    public static final int IN_PROGRESS = 3;
    public static final int SUPPOSEDLY_COMPLETED = 4;
    public static final int COMPLETED = 5;

    public Task {
        accomplices = accomplices == null ? List.of() : List.copyOf(accomplices);
        auditors = auditors == null ? List.of() : List.copyOf(auditors);
        ufCrmTask = ufCrmTask == null ? List.of() : List.copyOf(ufCrmTask);
    }

    /** The same task with its CRM activity. */
    Task withActivity(long activityId) {
        return new Task(id, title, description, createdBy, responsibleId, changedBy, status, priority, groupId, parentId,
                createdDate, changedDate, statusChangedDate, closedBy, closedDate, dateStart, deadline, startDatePlan,
                endDatePlan, taskControl, allowChangeDeadline, matchWorkTime, addInReport, accomplices, auditors,
                ufCrmTask, guid, activityId);
    }
}
