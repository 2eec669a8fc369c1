package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;

import java.util.Comparator;
import java.util.List;

/**
 * What crm.status.entity.types answers: the reference guides a portal has, in the order CCrmStatus::GetEntityTypes
 * lists them (the REST proxy only drops its keys), for a portal of the emulator's kind: deal pipelines, no smart
 * invoices or smart processes, the deprecated guides off (specs/DECISIONS.md D142, D171). Each is a guide
 * crm.status.list and crm.status.entity.items serve.
 */
public final class CrmGuideTypes {
    private CrmGuideTypes() {
    }

    public static ArrayNode all(Portal portal) {
        ArrayNode types = JsonNodeFactory.instance.arrayNode();
        stages(types, "STATUS", "Lead stages", "", "NEW", "CONVERTED", "JUNK").put("ENTITY_TYPE_ID", CrmEntityType.LEAD.ownerTypeId());
        plain(types, "SOURCE", "Sources");
        plain(types, "CONTACT_TYPE", "Contact type");
        plain(types, "COMPANY_TYPE", "Company type");
        plain(types, "EMPLOYEES", "Number of employees");
        plain(types, "INDUSTRY", "Industry");
        plain(types, "DEAL_TYPE", "Deal type");
        pipelines(types, portal);
        stages(types, "QUOTE_STATUS", "Quote stages", "", "DRAFT", "APPROVED", "DECLAINED").put("ENTITY_TYPE_ID", 7);
        plain(types, "HONORIFIC", "Inquiries");
        plain(types, "CALL_LIST", "Call statuses");
        return types;
    }

    /**
     * The deal pipelines' stage guides. With none added, the one pipeline's (no PREFIX, no PARENT_ID, its scope ""):
     * "Deal Stage". Once any is added (DealCategory::prepareStatusEntityInfos), each named "#CATEGORY# deal stages",
     * the default one among them at its sort: before the first pipeline of a greater sort (DealCategory::getAll).
     */
    private static void pipelines(ArrayNode types, Portal portal) {
        List<DealCategoryStore.Category> rows = DealCategories.rows(portal).stream()
                .sorted(Comparator.comparingLong(DealCategoryStore.Category::sort)
                        .thenComparingLong(DealCategoryStore.Category::id)).toList();
        DealCategories.View general = DealCategories.get(portal, 0).orElseThrow();
        boolean placed = false;
        for (DealCategoryStore.Category row : rows) {
            if (!placed && row.sort() > general.sort()) {
                general(types, general.name() + " deal stages");
                placed = true;
            }
            String prefix = "C" + row.id();
            ObjectNode type = plain(types, DealCategories.statusEntity(row.id()), row.name() + " deal stages")
                    .put("PARENT_ID", "DEAL_STAGE");
            semantics(type, prefix + ":", "NEW", "WON", "LOSE").put("PREFIX", prefix)
                    .put("FIELD_ATTRIBUTE_SCOPE", "category_" + row.id())
                    .put("ENTITY_TYPE_ID", CrmEntityType.DEAL.ownerTypeId())
                    .put("CATEGORY_ID", Long.toString(row.id())); // the row's column, as MySQL answers it
        }
        if (!placed) {
            general(types, rows.isEmpty() ? "Deal Stage" : general.name() + " deal stages");
        }
    }

    private static void general(ArrayNode types, String name) {
        stages(types, "DEAL_STAGE", name, "", "NEW", "WON", "LOSE").put("FIELD_ATTRIBUTE_SCOPE", "")
                .put("ENTITY_TYPE_ID", CrmEntityType.DEAL.ownerTypeId()).put("CATEGORY_ID", 0);
    }

    private static ObjectNode plain(ArrayNode types, String id, String name) {
        return types.addObject().put("ID", id).put("NAME", name);
    }

    /** A guide of stages, with the values that start and end them (SEMANTIC_INFO). */
    private static ObjectNode stages(ArrayNode types, String id, String name, String prefix, String start,
                                     String success, String failure) {
        return semantics(plain(types, id, name), prefix, start, success, failure);
    }

    /** SEMANTIC_INFO: the start, success and failure values, each prefixed as the guide's (C1:NEW). */
    private static ObjectNode semantics(ObjectNode type, String prefix, String start, String success, String failure) {
        type.putObject("SEMANTIC_INFO").put("START_FIELD", prefix + start).put("FINAL_SUCCESS_FIELD", prefix + success)
                .put("FINAL_UNSUCCESS_FIELD", prefix + failure).put("FINAL_SORT", 0);
        return type;
    }
}
