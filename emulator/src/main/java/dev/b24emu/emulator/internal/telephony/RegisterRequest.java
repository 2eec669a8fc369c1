package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.crm.CrmStatusStore;
import dev.b24emu.emulator.internal.portal.Portal;

import java.util.Optional;

/**
 * telephony.externalCall.register's parameters after PHP's casts, not yet validated: validation happens in
 * {@link CallRegistration} in the real server's order, because some checks need the portal's users.
 *
 * @param type           TYPE when it is an integer in PHP's loose sense, empty otherwise
 * @param callStartDate  CALL_START_DATE as sent, or null
 * @param crmEntityType  CRM_ENTITY_TYPE as sent, or null
 * @param lineNumber     LINE_NUMBER trimmed, or null when absent or empty
 * @param externalCallId EXTERNAL_CALL_ID, or null when absent or empty
 */
public record RegisterRequest(
        String appKey,
        long userId,
        String userPhoneInner,
        Optional<Long> type,
        String callStartDate,
        String phoneNumber,
        boolean crmCreate,
        String crmSource,
        String crmEntityType,
        long crmEntityId,
        boolean show,
        Long callListId,
        String lineNumber,
        String externalCallId) {

    /**
     * The source a lead register creates gets: CRM_SOURCE when the portal's source guide (crm.status.list, ENTITY_ID
     * SOURCE) has it, else CALL (D19).
     */
    public static String leadSource(Portal portal, String crmSource) {
        return crmSource != null && portal.store(CrmStatusStore.class).has(CrmStatusStore.SOURCE, crmSource)
                ? crmSource : "CALL";
    }
}
