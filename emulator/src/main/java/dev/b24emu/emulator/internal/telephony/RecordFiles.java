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

    /** Attaches the record to its call and to the call's activity, if the call has one; answers the record. */
    public static CallRecord attach(Portal portal, String callId, String fileName, String source, String url, long size,
                                    Origin origin) {
        CallRecord record = portal.store(TelephonyStore.class).attachRecord(callId, fileName, source, url, size,
                portal.now());
        onActivity(portal, record, origin);
        return record;
    }

    /** Adds an attached record's file to its call's activity, if the call has one. */
    public static void onActivity(Portal portal, CallRecord record, Origin origin) {
        portal.exclusive(() -> {
            Long activityId = portal.store(TelephonyStore.class).finished(record.callId())
                    .map(FinishedCall::crmActivityId).orElse(null);
            CrmStore crm = portal.store(CrmStore.class);
            if (activityId == null || crm.activity(activityId).isEmpty()) {
                return null;
            }
            ObjectNode activity = crm.activity(activityId).get().deepCopy();
            JsonNode held = activity.get("STORAGE_ELEMENT_IDS");
            ArrayNode files = held != null && held.isArray() ? (ArrayNode) held : activity.putArray("STORAGE_ELEMENT_IDS");
            files.add(Long.toString(record.fileId()));
            activity.put("STORAGE_TYPE_ID", DISK_STORAGE);
            activity.put("LAST_UPDATED", portal.isoNow());
            crm.replaceActivity(activityId, activity, origin);
            return null;
        });
    }
}
