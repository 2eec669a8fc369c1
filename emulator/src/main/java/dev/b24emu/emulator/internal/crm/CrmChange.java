package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.internal.rest.Origin;

/**
 * A change a CRM object went through, whoever made it (a REST method, telephony, a call card, the control API): what
 * the real server's CCrmLead::Add and the others announce to the REST events onCrmLeadAdd and the like.
 *
 * @param entity LEAD, DEAL, CONTACT, COMPANY, ACTIVITY or TIMELINECOMMENT, as the event names spell it
 * @param id     the object's ID
 */
public record CrmChange(String entity, Action action, long id, Origin origin) {
    public enum Action { ADD, UPDATE, DELETE }

    /** The REST event announcing it: ONCRMLEADADD, ONCRMACTIVITYDELETE, ... */
    public String eventName() {
        return "ONCRM" + entity + action.name();
    }
}
