package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lead, deal, contact or company as crm.*.get and crm.*.list answer it: the row the server's GetListEx fetches,
 * every column of it whether set or not (specs/DECISIONS.md D158). `CCrmRestProxyBase::externalizeFields` keeps the
 * columns crm.*.fields describes, answers an empty `date` or `datetime` column as "" (ConvertDate of nothing) and any
 * other empty column as null, then custom fields, then the multi-fields (PHONE, EMAIL, WEB, IM) the object has values
 * of, and none it has not. A list without select answers the same columns without custom and multi-fields; with a
 * select, the named columns in the client's order, then ID if it was not named, then the named multi-fields.
 */
public final class CrmRows {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String CUSTOM = "UF_CRM_";

    /** each kind's columns in the order of its get page's example (api-reference/crm/…/crm-*-get.md) */
    private static final Map<CrmEntityType, List<String>> COLUMNS = Map.of(
            CrmEntityType.DEAL, List.of("ID", "TITLE", "TYPE_ID", "STAGE_ID", "PROBABILITY", "CURRENCY_ID",
                    "OPPORTUNITY", "IS_MANUAL_OPPORTUNITY", "TAX_VALUE", "LEAD_ID", "COMPANY_ID", "CONTACT_ID",
                    "QUOTE_ID", "BEGINDATE", "CLOSEDATE", "ASSIGNED_BY_ID", "CREATED_BY_ID", "MODIFY_BY_ID",
                    "DATE_CREATE", "DATE_MODIFY", "OPENED", "CLOSED", "COMMENTS", "ADDITIONAL_INFO", "LOCATION_ID",
                    "CATEGORY_ID", "STAGE_SEMANTIC_ID", "IS_NEW", "IS_RECURRING", "IS_RETURN_CUSTOMER",
                    "IS_REPEATED_APPROACH", "SOURCE_ID", "SOURCE_DESCRIPTION", "ORIGINATOR_ID", "ORIGIN_ID",
                    "MOVED_BY_ID", "MOVED_TIME", "LAST_ACTIVITY_TIME", "UTM_SOURCE", "UTM_MEDIUM", "UTM_CAMPAIGN",
                    "UTM_CONTENT", "UTM_TERM", "LAST_ACTIVITY_BY"),
            CrmEntityType.LEAD, List.of("ID", "TITLE", "HONORIFIC", "NAME", "SECOND_NAME", "LAST_NAME",
                    "COMPANY_TITLE", "COMPANY_ID", "CONTACT_ID", "IS_RETURN_CUSTOMER", "BIRTHDATE", "SOURCE_ID",
                    "SOURCE_DESCRIPTION", "STATUS_ID", "STATUS_DESCRIPTION", "POST", "COMMENTS", "CURRENCY_ID",
                    "OPPORTUNITY", "IS_MANUAL_OPPORTUNITY", "HAS_PHONE", "HAS_EMAIL", "HAS_IMOL", "ASSIGNED_BY_ID",
                    "CREATED_BY_ID", "MODIFY_BY_ID", "DATE_CREATE", "DATE_MODIFY", "DATE_CLOSED",
                    "STATUS_SEMANTIC_ID", "OPENED", "ORIGINATOR_ID", "ORIGIN_ID", "MOVED_BY_ID", "MOVED_TIME",
                    "ADDRESS", "ADDRESS_2", "ADDRESS_CITY", "ADDRESS_POSTAL_CODE", "ADDRESS_REGION",
                    "ADDRESS_PROVINCE", "ADDRESS_COUNTRY", "ADDRESS_COUNTRY_CODE", "ADDRESS_LOC_ADDR_ID",
                    "UTM_SOURCE", "UTM_MEDIUM", "UTM_CAMPAIGN", "UTM_CONTENT", "UTM_TERM", "LAST_ACTIVITY_BY",
                    "LAST_ACTIVITY_TIME"),
            CrmEntityType.CONTACT, List.of("ID", "POST", "COMMENTS", "HONORIFIC", "NAME", "SECOND_NAME",
                    "LAST_NAME", "PHOTO", "LEAD_ID", "TYPE_ID", "SOURCE_ID", "SOURCE_DESCRIPTION", "COMPANY_ID",
                    "BIRTHDATE", "EXPORT", "HAS_PHONE", "HAS_EMAIL", "HAS_IMOL", "DATE_CREATE", "DATE_MODIFY",
                    "ASSIGNED_BY_ID", "CREATED_BY_ID", "MODIFY_BY_ID", "OPENED", "ORIGINATOR_ID", "ORIGIN_ID",
                    "ORIGIN_VERSION", "FACE_ID", "LAST_ACTIVITY_TIME", "ADDRESS", "ADDRESS_2", "ADDRESS_CITY",
                    "ADDRESS_POSTAL_CODE", "ADDRESS_REGION", "ADDRESS_PROVINCE", "ADDRESS_COUNTRY",
                    "ADDRESS_LOC_ADDR_ID", "UTM_SOURCE", "UTM_MEDIUM", "UTM_CAMPAIGN", "UTM_CONTENT", "UTM_TERM",
                    "LAST_ACTIVITY_BY"),
            CrmEntityType.COMPANY, List.of("ID", "COMPANY_TYPE", "TITLE", "LOGO", "LEAD_ID", "HAS_PHONE",
                    "HAS_EMAIL", "HAS_IMOL", "ASSIGNED_BY_ID", "CREATED_BY_ID", "MODIFY_BY_ID", "BANKING_DETAILS",
                    "INDUSTRY", "REVENUE", "CURRENCY_ID", "EMPLOYEES", "COMMENTS", "DATE_CREATE", "DATE_MODIFY",
                    "OPENED", "IS_MY_COMPANY", "ORIGINATOR_ID", "ORIGIN_ID", "ORIGIN_VERSION", "ADDRESS",
                    "ADDRESS_2", "ADDRESS_CITY", "ADDRESS_POSTAL_CODE", "ADDRESS_REGION", "ADDRESS_PROVINCE",
                    "ADDRESS_COUNTRY", "ADDRESS_COUNTRY_CODE", "ADDRESS_LOC_ADDR_ID", "ADDRESS_LEGAL", "REG_ADDRESS",
                    "REG_ADDRESS_2", "REG_ADDRESS_CITY", "REG_ADDRESS_POSTAL_CODE", "REG_ADDRESS_REGION",
                    "REG_ADDRESS_PROVINCE", "REG_ADDRESS_COUNTRY", "REG_ADDRESS_COUNTRY_CODE",
                    "REG_ADDRESS_LOC_ADDR_ID", "UTM_SOURCE", "UTM_MEDIUM", "UTM_CAMPAIGN", "UTM_CONTENT", "UTM_TERM",
                    "LAST_ACTIVITY_BY", "LAST_ACTIVITY_TIME", "LAST_COMMUNICATION_TIME"));

    private CrmRows() {
    }

    /** What crm.{type}.get answers for the object. */
    public static ObjectNode get(CrmItem item) {
        ObjectNode row = NODES.objectNode();
        for (String column : COLUMNS.get(item.type())) {
            row.set(column, column(item.type(), item.fields(), column));
        }
        custom(item.fields()).forEach(name -> row.set(name, item.fields().get(name)));
        multifields(item.fields(), CrmItem.MULTIFIELDS, row);
        return row;
    }

    /** What crm.{type}.list answers for the object under the list's select (its names upper-cased, in its order). */
    public static ObjectNode listed(CrmEntityType type, ObjectNode fields, Collection<String> select) {
        Set<String> names = new LinkedHashSet<>();
        List<String> multifields = new ArrayList<>();
        boolean all = select.isEmpty() || select.contains("*");
        for (String name : select.isEmpty() ? List.of("*") : select) {
            if (name.equals("*")) {
                names.addAll(COLUMNS.get(type));
            } else if (name.equals("UF_*")) {
                names.addAll(custom(fields));
            } else if (CrmItem.MULTIFIELDS.contains(name)) {
                multifields.add(name);
            } else if (COLUMNS.get(type).contains(name) || name.startsWith(CUSTOM)) {
                names.add(name);
            }
        }
        if (!all) {
            names.add("ID"); // CCrmEntityListBuilder adds ID to a select without it, after the named columns
        }
        ObjectNode row = NODES.objectNode();
        for (String name : names) {
            row.set(name, name.startsWith(CUSTOM) ? fields.path(name).isMissingNode() ? NODES.nullNode()
                    : fields.get(name) : column(type, fields, name));
        }
        multifields(fields, multifields, row);
        return row;
    }

    /** A column's value, or how an empty one is answered: "" for a date or datetime, null for anything else. */
    private static JsonNode column(CrmEntityType type, ObjectNode fields, String name) {
        JsonNode value = fields.get(name);
        if (value != null && !value.isNull()) {
            return value;
        }
        String kind = CrmFieldDescriptions.field(type.name().toLowerCase(java.util.Locale.ROOT), name)
                .map(field -> field.path("type").asText()).orElse("");
        return kind.equals("date") || kind.equals("datetime") ? NODES.textNode("") : NODES.nullNode();
    }

    /** The custom fields the object holds (an emulated portal keeps any UF_CRM_ field a client writes, D130). */
    private static List<String> custom(ObjectNode fields) {
        List<String> names = new ArrayList<>();
        fields.fieldNames().forEachRemaining(name -> {
            if (name.startsWith(CUSTOM)) {
                names.add(name);
            }
        });
        return names;
    }

    /** The named multi-fields the object has values of, at the end of its row. */
    private static void multifields(ObjectNode fields, List<String> named, ObjectNode row) {
        for (String name : named) {
            JsonNode values = fields.get(name);
            if (values != null && values.isArray() && !values.isEmpty()) {
                row.set(name, values);
            }
        }
    }
}
