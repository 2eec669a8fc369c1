package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;

/**
 * A recording attached to a finished call is a file of the call's CRM activity too (specs/DECISIONS.md D161), as
 * CVoxImplantCrmHelper::AttachRecordToCall adds the record's disk file to the activity found by its ORIGIN_ID
 * (`VI_` and the CALL_ID): its STORAGE_ELEMENT_IDS take the file, its storage is the disk, and the change is the
 * activity's update (OnCrmActivityUpdate). crm.activity.get answers them as FILES.
 */
public final class RecordFiles {
    /** Bitrix\Crm\Integration\StorageType::Disk */
    static final String DISK_STORAGE = "3";

    private RecordFiles() {
    }

    /**
     * How a record joins its activity's files: attachRecord's Helper::attachFile writes STORAGE_ELEMENT_IDS as the
     * new file alone (the earlier one is deleted), finish's RECORD_URL goes through AttachRecordToCall, which adds it.
     */
    public enum Files { REPLACED, ADDED }

    /**
     * Attaches the record to its call and to the call's activity, if the call has one; its content (null for a link)
     * is kept for the Disk file's download. Answers the record.
     */
    public static CallRecord attach(Portal portal, String callId, String fileName, String source, String url,
                                    byte[] content, Files files, Origin origin) {
        TelephonyStore store = portal.store(TelephonyStore.class);
        CallRecord record = store.attachRecord(callId, fileName, source, url, content == null ? 0 : content.length,
                portal.now());
        if (content != null) {
            store.keepContent(record.fileId(), content);
        }
        onActivity(portal, record, files, origin);
        return record;
    }

    /** Adds an attached record's file to its call's activity, if the call has one. */
    public static void onActivity(Portal portal, CallRecord record, Files files, Origin origin) {
        portal.exclusive(() -> {
            Long activityId = portal.store(TelephonyStore.class).finished(record.callId())
                    .map(FinishedCall::crmActivityId).orElse(null);
            CrmStore crm = portal.store(CrmStore.class);
            if (activityId == null || crm.activity(activityId).isEmpty()) {
                return null;
            }
            ObjectNode activity = crm.activity(activityId).get().deepCopy();
            JsonNode held = activity.get("STORAGE_ELEMENT_IDS");
            ArrayNode kept = files == Files.ADDED && held != null && held.isArray() ? (ArrayNode) held
                    : activity.putArray("STORAGE_ELEMENT_IDS");
            kept.add(Long.toString(record.fileId()));
            activity.put("STORAGE_TYPE_ID", DISK_STORAGE);
            activity.put("LAST_UPDATED", portal.isoNow());
            crm.replaceActivity(activityId, activity, origin);
            return null;
        });
    }
}
