package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.internal.rest.Origin;

/**
 * A change a CRM object went through, whoever made it (a REST method, telephony, a call card, the control API): what
 * the real server's CCrmLead::Add and the others announce to the REST events onCrmLeadAdd and the like.
 *
 * @param entity LEAD, DEAL, CONTACT, COMPANY, ACTIVITY or TIMELINECOMMENT, as the event names spell it
 * @param id     the object's ID
 * @param fields what the event tells beside the ID (a deal's move: CATEGORY_ID and STAGE_ID), in order
 */
public record CrmChange(String entity, Action action, long id, Origin origin, java.util.Map<String, String> fields) {
    /** ADD, UPDATE, DELETE; MOVETOCATEGORY a deal's move to another pipeline (onCrmDealMoveToCategory) */
    public enum Action { ADD, UPDATE, DELETE, MOVETOCATEGORY }

    public CrmChange(String entity, Action action, long id, Origin origin) {
        this(entity, action, id, origin, java.util.Map.of());
    }

    /** The REST event announcing it: ONCRMLEADADD, ONCRMACTIVITYDELETE, ... */
    public String eventName() {
        return "ONCRM" + entity + action.name();
    }
}
