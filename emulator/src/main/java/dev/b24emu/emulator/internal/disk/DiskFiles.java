package dev.b24emu.emulator.internal.disk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.telephony.CallRecord;
import dev.b24emu.emulator.internal.telephony.FinishedCall;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The portal's drive as far as telephony fills it (specs/DECISIONS.md D166): each call record is a Disk file in the
 * shared drive's folder "Telephony - recorded calls", in a subfolder of its call's month, the call's user its author
 * (CVoxImplantDiskHelper, Helper::saveFile). Its ID is the one attachRecord's FILE_ID, the statistic's
 * RECORD_FILE_ID and the activity's FILES name; a record attached again replaces the file, as the server deletes it.
 */
public final class DiskFiles {
    /** VI_DISK_CALL_RECORD_SECTION in English: the folder the records go to */
    public static final String FOLDER = "Telephony - recorded calls";
    /** the shared drive (shared_files_s1), the records' folder and the b_file IDs: no other files exist here */
    static final String STORAGE_ID = "1";
    /** b_file IDs are another sequence than Disk's: a client that mixes them up is caught here as on a portal */
    static final long B_FILE_OFFSET = 1000;

    /** A record's file: the record, the finished call it belongs to (its user, its month). */
    public record File(CallRecord record, FinishedCall call) {
        public long id() {
            return record.fileId();
        }

        /** Whether the user may read it: the call's user, whom the file grants access, and the administrators. */
        public boolean readableBy(long userId, boolean admin) {
            return admin || userId == call.portalUserId();
        }
    }

    private DiskFiles() {
    }

    /** The file of that ID, while its record is kept. */
    public static Optional<File> find(Portal portal, long id) {
        TelephonyStore telephony = portal.store(TelephonyStore.class);
        return telephony.recordFile(id).flatMap(record -> telephony.finished(record.callId())
                .map(call -> new File(record, call)));
    }

    /**
     * disk.file.get's answer (Rest\Entity\BaseObject's fields, then the Externalizer's DOWNLOAD_URL and DETAIL_URL):
     * every number a string, dates as CRestUtil::ConvertDateTime writes them, CODE and DELETE_TIME null.
     */
    public static ObjectNode view(Portal portal, File file, String baseUrl, String downloadUrl) {
        Instant created = file.record().attachedAt() != null ? file.record().attachedAt() : file.call().finishedAt();
        String author = Long.toString(file.call().portalUserId());
        String month = DateTimeFormatter.ofPattern("yyyy-MM")
                .format(file.call().call().startDate().atZone(portal.settings().timeZone()));
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("ID", Long.toString(file.id()));
        json.put("NAME", file.record().fileName());
        json.putNull("CODE");
        json.put("STORAGE_ID", STORAGE_ID);
        json.put("TYPE", "file");
        json.put("PARENT_ID", month.replace("-", "")); // the month's subfolder: one ID per month
        json.put("DELETED_TYPE", "0");
        json.put("GLOBAL_CONTENT_VERSION", "1");
        json.put("FILE_ID", Long.toString(B_FILE_OFFSET + file.id()));
        json.put("SIZE", Long.toString(file.record().size()));
        json.put("CREATE_TIME", portal.iso(created));
        json.put("UPDATE_TIME", portal.iso(created));
        json.putNull("DELETE_TIME");
        json.put("CREATED_BY", author);
        json.put("UPDATED_BY", author);
        json.put("DELETED_BY", "0");
        json.put("DOWNLOAD_URL", downloadUrl);
        json.put("DETAIL_URL", baseUrl + "/docs/file/" + FOLDER + "/" + month + "/" + file.record().fileName());
        return json;
    }
}
