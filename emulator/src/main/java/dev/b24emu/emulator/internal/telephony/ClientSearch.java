package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.timeman.WorkDays;
import dev.b24emu.emulator.internal.users.User;

/** telephony.externalCall.searchCrmEntities: contacts, then leads, then companies with the number, and their responsible. */
public final class ClientSearch {
    private final Portal portal;

    public ClientSearch(Portal portal) {
        this.portal = portal;
    }

    public ArrayNode search(String phoneNumber) {
        if (phoneNumber == null || phoneNumber.isEmpty()) { // the server tests == '': blanks are searched (and match nothing)
            throw TelephonyErrors.phoneNumberEmpty();
        }
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (CrmItem item : portal.store(CrmStore.class).findByPhone(phoneNumber)) {
            ObjectNode entry = result.addObject();
            entry.put("CRM_ENTITY_TYPE", item.type().name());
            entry.put("CRM_ENTITY_ID", item.id());
            entry.put("ASSIGNED_BY_ID", item.assignedById());
            String name = item.displayName();
            if (!name.isBlank()) {
                entry.put("NAME", name);
            }
            entry.set("ASSIGNED_BY", responsible(item.assignedById()));
        }
        return result;
    }

    private ObjectNode responsible(long userId) {
        ObjectNode assigned = JsonNodeFactory.instance.objectNode();
        assigned.put("ID", Long.toString(userId));
        User user = portal.store(UserStore.class).get(userId).orElse(null);
        assigned.put("TIMEMAN_STATUS", user == null ? User.TimemanStatus.UNAVAILABLE.name()
                : WorkDays.statusOf(portal, user).name());
        assigned.put("USER_PHONE_INNER", user == null ? null : emptyToNull(user.innerPhone()));
        assigned.put("WORK_PHONE", user == null ? null : emptyToNull(user.workPhone()));
        assigned.put("PERSONAL_PHONE", user == null ? null : emptyToNull(user.personalPhone()));
        assigned.put("PERSONAL_MOBILE", user == null ? null : emptyToNull(user.personalMobile()));
        return assigned;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
