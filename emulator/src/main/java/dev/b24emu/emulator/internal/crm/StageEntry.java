package dev.b24emu.emulator.internal.crm;

/**
 * One row of a lead's or a deal's stage history (b_crm_lead_status_history, b_crm_deal_stage_history): the object
 * came to a stage at a moment. The tables' other columns (responsible, period, lost flags) are not answered by REST
 * and not kept.
 *
 * @param typeId     1 created, 2 moved to a stage in progress, 3 to a final stage (or created in one), 5 moved to
 *                   another pipeline (HistoryEntryType; no code writes 4)
 * @param createdTime the moment, ISO 8601 in the portal's zone, as the CRM's own dates are kept (DATE_CREATE)
 * @param categoryId the deal's pipeline; null for a lead
 * @param semanticId P, S or F: where the stage stands
 */
public record StageEntry(long id, int typeId, long ownerId, String createdTime, Long categoryId, String stageId,
                         String semanticId) {
    public static final int CREATED = 1;
    public static final int MOVED = 2;
    public static final int FINAL = 3;
    public static final int PIPELINE = 5;
}
