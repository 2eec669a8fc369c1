package dev.b24emu.emulator.internal.voximplant;

import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmRef;

import java.util.List;

/**
 * What a statistics record of an external call reads from other stores when it is shown or filtered: the
 * recording attached after the call (telephony.externalCall.attachRecord), its transcript and the application's name.
 */
public interface StatLookup {
    /** The FILE_ID of the call's recording, or null. */
    Long recordFileId(String callId);

    /** The URL the recording was attached from, or null. */
    String recordUrl(String callId);

    /** The ID of the call's transcript, or null. */
    Long transcriptId(String callId);

    /** The name of an installed application, or null. */
    String appName(String appKey);

    /** The CRM objects a finished external call is bound to (its CRM_BINDINGS), primary first; none when unknown. */
    default List<CrmRef> bindings(String callId) {
        return List.of();
    }

    /** A record's CRM bindings: an external call's own, a built-in call's client. */
    default List<CrmRef> bindings(StatRow row) {
        if (row.external()) {
            return bindings(row.callId());
        }
        return row.crmEntityType() == null || row.crmEntityId() == null ? List.of()
                : CrmEntityType.parse(row.crmEntityType()).map(type -> List.of(new CrmRef(type, row.crmEntityId())))
                        .orElse(List.of());
    }

    /** A lookup for rows that need none (built-in calls, tests). */
    StatLookup NONE = new StatLookup() {
        @Override
        public Long recordFileId(String callId) {
            return null;
        }

        @Override
        public String recordUrl(String callId) {
            return null;
        }

        @Override
        public Long transcriptId(String callId) {
            return null;
        }

        @Override
        public String appName(String appKey) {
            return null;
        }
    };
}
