package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSettings.CrmMode;

import java.util.List;

/**
 * What register creates in the CRM when CRM_CREATE asks for it (specs/DECISIONS.md, "Automatic CRM creation"):
 * a lead for an unknown number in classic mode, a contact and a deal in simple mode, a repeat lead (or deal)
 * for a known client in repeat-sales mode when the client has no open lead or deal, and nothing for
 * excluded numbers, employees' numbers, calls already bound to a lead, or outgoing calls to known clients.
 */
final class CrmAutoCreation {
    static final String LOCAL_USER_ERROR = "Lead creation is disabled for local users";

    private final Portal portal;
    private final Origin origin;

    CrmAutoCreation(Portal portal, Origin origin) {
        this.portal = portal;
        this.origin = origin;
    }

    /** The created objects, the one that becomes primary when the call had none, and the lead's ID if one was made. */
    record Outcome(CrmRef primary, List<CrmRef> entities, Long leadId, String error) {
        static final Outcome NOTHING = new Outcome(null, List.of(), null, null);

        static Outcome failed(String error) {
            return new Outcome(null, List.of(), null, error);
        }
    }

    Outcome forCall(CrmRef found, String phone, int type, String line, String crmSource, long userId) {
        if (portal.store(CrmStore.class).isExcluded(phone)) {
            return Outcome.NOTHING;
        }
        CrmMode mode = portal.settings().crmMode();
        if (found == null) {
            if (portal.store(UserStore.class).activeOwnerOf(phone).isPresent()) {
                return Outcome.failed(LOCAL_USER_ERROR);
            }
            return mode == CrmMode.SIMPLE ? newClientWithDeal(phone, type, line, crmSource, userId)
                    : newLead(phone, type, line, crmSource, userId);
        }
        boolean client = found.type() == CrmEntityType.CONTACT || found.type() == CrmEntityType.COMPANY;
        boolean repeatSalesOn = portal.settings().repeatSales() || mode == CrmMode.SIMPLE;
        if (!client || !repeatSalesOn || type == CallType.OUTGOING || type == CallType.INFO
                || !portal.store(CrmStore.class).openSalesOf(found).isEmpty()) {
            return Outcome.NOTHING;
        }
        return repeatSale(found, mode, phone, type, line, crmSource);
    }

    private Outcome newLead(String phone, int type, String line, String crmSource, long userId) {
        ObjectNode fields = saleFields(phone, type, line, crmSource, userId);
        fields.put("STATUS_ID", "NEW");
        fields.set("PHONE", phoneField(phone));
        CrmItem lead = add(CrmEntityType.LEAD, fields, userId);
        return new Outcome(lead.ref(), List.of(lead.ref()), lead.id(), null);
    }

    private Outcome newClientWithDeal(String phone, int type, String line, String crmSource, long userId) {
        ObjectNode contactFields = JsonNodeFactory.instance.objectNode();
        contactFields.put("NAME", PhoneNumbers.format(phone));
        contactFields.put("SOURCE_ID", source(crmSource));
        contactFields.put("ASSIGNED_BY_ID", Long.toString(userId));
        contactFields.set("PHONE", phoneField(phone));
        CrmItem contact = add(CrmEntityType.CONTACT, contactFields, userId);
        ObjectNode dealFields = saleFields(phone, type, line, crmSource, userId);
        dealFields.put("CONTACT_ID", Long.toString(contact.id()));
        CrmItem deal = add(CrmEntityType.DEAL, dealFields, userId);
        return new Outcome(contact.ref(), List.of(contact.ref(), deal.ref()), null, null);
    }

    private Outcome repeatSale(CrmRef client, CrmMode mode, String phone, int type, String line, String crmSource) {
        CrmItem owner = portal.store(CrmStore.class).get(client).orElse(null);
        long responsible = owner == null || owner.assignedById() == 0 ? 1 : owner.assignedById();
        ObjectNode fields = saleFields(phone, type, line, crmSource, responsible);
        fields.put(client.type() == CrmEntityType.CONTACT ? "CONTACT_ID" : "COMPANY_ID", Long.toString(client.id()));
        if (mode == CrmMode.SIMPLE) {
            CrmItem deal = add(CrmEntityType.DEAL, fields, responsible);
            return new Outcome(null, List.of(deal.ref()), null, null);
        }
        fields.put("STATUS_ID", "NEW");
        fields.put("IS_RETURN_CUSTOMER", "Y");
        CrmItem lead = add(CrmEntityType.LEAD, fields, responsible);
        return new Outcome(null, List.of(lead.ref()), lead.id(), null);
    }

    private ObjectNode saleFields(String phone, int type, String line, String crmSource, long responsible) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("TITLE", PhoneNumbers.format(phone) + " - " + titleSuffix(type));
        fields.put("SOURCE_ID", source(crmSource));
        if (line != null) {
            fields.put("SOURCE_DESCRIPTION", "Call routed to: " + line + ".");
        }
        fields.put("ASSIGNED_BY_ID", Long.toString(responsible));
        return fields;
    }

    private CrmItem add(CrmEntityType type, ObjectNode fields, long actingUser) {
        return portal.store(CrmStore.class).add(type, fields, actingUser, origin, portal.isoNow());
    }

    private static String titleSuffix(int type) {
        return switch (type) {
            case CallType.INCOMING, CallType.INCOMING_REDIRECTED -> "Incoming call";
            case CallType.CALLBACK -> "Callback";
            default -> "Outgoing call";
        };
    }

    private String source(String crmSource) {
        return RegisterRequest.leadSource(portal, crmSource);
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode phoneField(String phone) {
        var phones = JsonNodeFactory.instance.arrayNode();
        phones.addObject().put("VALUE", phone).put("VALUE_TYPE", "WORK");
        return phones;
    }
}
