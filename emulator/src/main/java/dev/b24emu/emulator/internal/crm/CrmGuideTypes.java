package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What crm.status.entity.types answers: the reference guides a portal has, in the order CCrmStatus::GetEntityTypes
 * lists them (the REST proxy only drops its keys), for a portal of the emulator's kind: one deal pipeline, no smart
 * invoices or smart processes, the deprecated guides off (specs/DECISIONS.md D142). Each is a guide crm.status.list
 * and crm.status.entity.items serve.
 */
public final class CrmGuideTypes {
    private CrmGuideTypes() {
    }

    public static ArrayNode all() {
        ArrayNode types = JsonNodeFactory.instance.arrayNode();
        stages(types, "STATUS", "Lead stages", "NEW", "CONVERTED", "JUNK").put("ENTITY_TYPE_ID", CrmEntityType.LEAD.ownerTypeId());
        plain(types, "SOURCE", "Sources");
        plain(types, "CONTACT_TYPE", "Contact type");
        plain(types, "COMPANY_TYPE", "Company type");
        plain(types, "EMPLOYEES", "Number of employees");
        plain(types, "INDUSTRY", "Industry");
        plain(types, "DEAL_TYPE", "Deal type");
        // the one pipeline's stages: no PREFIX, no PARENT_ID, its scope "" (DealCategory is not customized)
        stages(types, "DEAL_STAGE", "Deal Stage", "NEW", "WON", "LOSE").put("FIELD_ATTRIBUTE_SCOPE", "")
                .put("ENTITY_TYPE_ID", CrmEntityType.DEAL.ownerTypeId()).put("CATEGORY_ID", 0);
        stages(types, "QUOTE_STATUS", "Quote stages", "DRAFT", "APPROVED", "DECLAINED").put("ENTITY_TYPE_ID", 7);
        plain(types, "HONORIFIC", "Inquiries");
        plain(types, "CALL_LIST", "Call statuses");
        return types;
    }

    private static ObjectNode plain(ArrayNode types, String id, String name) {
        return types.addObject().put("ID", id).put("NAME", name);
    }

    /** A guide of stages, with the values that start and end them (SEMANTIC_INFO). */
    private static ObjectNode stages(ArrayNode types, String id, String name, String start, String success,
                                     String failure) {
        ObjectNode type = plain(types, id, name);
        type.putObject("SEMANTIC_INFO").put("START_FIELD", start).put("FINAL_SUCCESS_FIELD", success)
                .put("FINAL_UNSUCCESS_FIELD", failure).put("FINAL_SORT", 0);
        return type;
    }
}
