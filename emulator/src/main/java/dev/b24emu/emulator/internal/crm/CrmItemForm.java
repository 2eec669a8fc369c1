package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.transport.NameCase;
import dev.b24emu.emulator.internal.transport.Params;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lead, deal, contact or company as the universal methods (crm.item.get, crm.item.list) answer it: the factory's
 * item, whose common field names differ from the legacy columns for a few fields (Factory::getFieldsMap: DATE_CREATE is
 * CREATED_TIME, a lead's STATUS_ID its STAGE_ID, a company's COMPANY_TYPE its TYPE_ID), values typed as
 * Converter\Item writes them (integers, numbers, "Y"/"N", ISO dates, ID lists), keys in camelCase but for custom fields
 * (ufCrm_…, or their own UF_CRM_… names with useOriginalUfNames=Y), entityTypeId last (specs/DECISIONS.md D167).
 * The columns the emulator keeps no value of are null, as an unfilled column is.
 */
public final class CrmItemForm {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String CUSTOM = "UF_CRM_";

    /** How a field's stored text is answered. */
    enum Kind {
        /** an integer column, null when unset */
        INT,
        /** an integer column whose table default is 0 (an unbound COMPANY_ID, a WEBFORM_ID) */
        INT0,
        /** a float column: a number */
        FLOAT,
        /** a boolean column: "Y" or "N" */
        YN,
        /** a datetime: the ISO form the legacy answer already has */
        DATE,
        /** a date (begindate, closedate, birthdate): ISO, midnight in the portal's zone; a filter compares days */
        DAY,
        /** anything else: the text as kept */
        TEXT,
        /** a list of IDs: observers, contactIds */
        IDS,
        /** a first value of a multi-field (PHONE_WORK, EMAIL): "" when the object has none */
        ALIAS,
        /** the multi-fields themselves, as {id, valueType, value, typeId} */
        FM
    }

    /** One field of the item: its common name, the legacy column it is kept under and how it is answered. */
    record Field(String name, String column, Kind kind) {
    }

    /** each type's fields, in the order of its item (the get and update pages' examples; the ORM maps, D167) */
    private static final Map<CrmEntityType, List<Field>> FIELDS = Map.of(
            CrmEntityType.LEAD, fields("ID:INT CREATED_TIME<DATE_CREATE:DATE DATE_CREATE_SHORT UPDATED_TIME<DATE_MODIFY:DATE"
                    + " DATE_MODIFY_SHORT CREATED_BY<CREATED_BY_ID:INT UPDATED_BY<MODIFY_BY_ID:INT ASSIGNED_BY_ID:INT"
                    + " OPENED:YN COMPANY_ID:INT0 CONTACT_ID:INT0 STAGE_ID<STATUS_ID IS_CONVERT STATUS_DESCRIPTION"
                    + " STAGE_SEMANTIC_ID<STATUS_SEMANTIC_ID PRODUCT_ID OPPORTUNITY:FLOAT CURRENCY_ID SOURCE_ID"
                    + " SOURCE_DESCRIPTION TITLE NAME LAST_NAME SECOND_NAME SHORT_NAME COMPANY_TITLE POST ADDRESS COMMENTS"
                    + " WEBFORM_ID:INT0 ORIGINATOR_ID ORIGIN_ID DATE_CLOSED:DATE BIRTHDATE:DAY HONORIFIC HAS_PHONE:YN"
                    + " HAS_EMAIL:YN HAS_IMOL:YN LOGIN IS_RETURN_CUSTOMER:YN SEARCH_CONTENT IS_MANUAL_OPPORTUNITY:YN"
                    + " MOVED_BY<MOVED_BY_ID:INT MOVED_TIME:DATE LAST_ACTIVITY_BY:INT LAST_ACTIVITY_TIME:DATE"
                    + " PHONE_MOBILE:ALIAS PHONE_WORK:ALIAS PHONE_MAILING:ALIAS EMAIL_HOME:ALIAS EMAIL_WORK:ALIAS"
                    + " EMAIL_MAILING:ALIAS SKYPE ICQ IMOL:ALIAS EMAIL:ALIAS PHONE:ALIAS FM:FM UF_* UTM_SOURCE UTM_MEDIUM"
                    + " UTM_CAMPAIGN UTM_CONTENT UTM_TERM OBSERVERS<OBSERVER_IDS:IDS CONTACT_IDS:IDS"),
            CrmEntityType.DEAL, fields("ID:INT CREATED_TIME<DATE_CREATE:DATE DATE_CREATE_SHORT UPDATED_TIME<DATE_MODIFY:DATE"
                    + " DATE_MODIFY_SHORT CREATED_BY<CREATED_BY_ID:INT UPDATED_BY<MODIFY_BY_ID:INT ASSIGNED_BY_ID:INT"
                    + " OPENED:YN LEAD_ID:INT COMPANY_ID:INT0 CONTACT_ID:INT0 QUOTE_ID:INT TITLE PRODUCT_ID"
                    + " CATEGORY_ID:INT0 STAGE_ID STAGE_SEMANTIC_ID IS_NEW:YN IS_RECURRING:YN IS_RETURN_CUSTOMER:YN"
                    + " IS_REPEATED_APPROACH:YN CLOSED:YN TYPE_ID OPPORTUNITY:FLOAT IS_MANUAL_OPPORTUNITY:YN"
                    + " TAX_VALUE:FLOAT CURRENCY_ID PROBABILITY:INT COMMENTS BEGINDATE:DAY BEGINDATE_SHORT"
                    + " CLOSEDATE:DAY CLOSEDATE_SHORT EVENT_DATE EVENT_DATE_SHORT EVENT_ID EVENT_DESCRIPTION LOCATION_ID"
                    + " WEBFORM_ID:INT0 SOURCE_ID SOURCE_DESCRIPTION ORIGINATOR_ID ORIGIN_ID ADDITIONAL_INFO"
                    + " SEARCH_CONTENT ORDER_STAGE MOVED_BY<MOVED_BY_ID:INT MOVED_TIME:DATE LAST_ACTIVITY_BY:INT"
                    + " LAST_ACTIVITY_TIME:DATE IS_WORK IS_WON IS_LOSE RECEIVED_AMOUNT LOST_AMOUNT HAS_PRODUCTS UF_*"
                    + " UTM_SOURCE UTM_MEDIUM UTM_CAMPAIGN UTM_CONTENT UTM_TERM OBSERVERS<OBSERVER_IDS:IDS CONTACT_IDS:IDS"),
            CrmEntityType.CONTACT, fields("ID:INT CREATED_TIME<DATE_CREATE:DATE UPDATED_TIME<DATE_MODIFY:DATE"
                    + " CREATED_BY<CREATED_BY_ID:INT UPDATED_BY<MODIFY_BY_ID:INT ASSIGNED_BY_ID:INT OPENED:YN"
                    + " COMPANY_ID:INT0 SOURCE_ID SOURCE_DESCRIPTION FULL_NAME NAME LAST_NAME SECOND_NAME SHORT_NAME"
                    + " PHOTO:INT POST ADDRESS COMMENTS LEAD_ID:INT EXPORT:YN TYPE_ID WEBFORM_ID:INT0 ORIGINATOR_ID"
                    + " ORIGIN_ID ORIGIN_VERSION BIRTHDATE:DAY BIRTHDAY_SORT:INT HONORIFIC HAS_PHONE:YN HAS_EMAIL:YN"
                    + " HAS_IMOL:YN FACE_ID:INT SEARCH_CONTENT CATEGORY_ID:INT0 LOGIN EMAIL_HOME:ALIAS EMAIL_WORK:ALIAS"
                    + " EMAIL_MAILING:ALIAS PHONE_MOBILE:ALIAS PHONE_WORK:ALIAS PHONE_MAILING:ALIAS IMOL:ALIAS"
                    + " EMAIL:ALIAS PHONE:ALIAS FM:FM UTM_SOURCE UTM_MEDIUM UTM_CAMPAIGN UTM_CONTENT UTM_TERM UF_*"
                    + " LAST_ACTIVITY_BY:INT LAST_ACTIVITY_TIME:DATE OBSERVERS<OBSERVER_IDS:IDS"),
            CrmEntityType.COMPANY, fields("ID:INT CREATED_TIME<DATE_CREATE:DATE UPDATED_TIME<DATE_MODIFY:DATE"
                    + " CREATED_BY<CREATED_BY_ID:INT UPDATED_BY<MODIFY_BY_ID:INT ASSIGNED_BY_ID:INT OPENED:YN TITLE"
                    + " LOGO:INT ADDRESS ADDRESS_LEGAL BANKING_DETAILS COMMENTS TYPE_ID<COMPANY_TYPE INDUSTRY"
                    + " REVENUE:FLOAT CURRENCY_ID EMPLOYEES LEAD_ID:INT WEBFORM_ID:INT0 ORIGINATOR_ID ORIGIN_ID"
                    + " ORIGIN_VERSION HAS_PHONE:YN HAS_EMAIL:YN HAS_IMOL:YN IS_MY_COMPANY:YN SEARCH_CONTENT"
                    + " CATEGORY_ID:INT0 EMAIL_HOME:ALIAS EMAIL_WORK:ALIAS EMAIL_MAILING:ALIAS PHONE_MOBILE:ALIAS"
                    + " PHONE_WORK:ALIAS PHONE_MAILING:ALIAS IMOL:ALIAS EMAIL:ALIAS PHONE:ALIAS FM:FM UTM_SOURCE"
                    + " UTM_MEDIUM UTM_CAMPAIGN UTM_CONTENT UTM_TERM UF_* CONTACT_IDS:IDS LAST_ACTIVITY_BY:INT"
                    + " LAST_ACTIVITY_TIME:DATE OBSERVERS<OBSERVER_IDS:IDS"));
    /**
     * each type's fields by the names {@link #filterable} gives them: the common names, then the legacy columns (a
     * column named as another field would hold that column's value there, as in filterable; none is)
     */
    private static final Map<CrmEntityType, Map<String, Field>> BY_NAME = byName();
    /**
     * the item's fields a client cannot write (read-only in the factory, hidden, or computed by the database: the
     * *_SHORT and IS_WORK kind of expressions): add and update ignore them without a word
     */
    private static final Set<String> NOT_WRITTEN = Set.of("ID", "CREATED_TIME", "UPDATED_TIME", "CREATED_BY",
            "UPDATED_BY", "MOVED_BY", "MOVED_TIME", "STAGE_SEMANTIC_ID", "HAS_PHONE", "HAS_EMAIL", "HAS_IMOL",
            "IS_RETURN_CUSTOMER", "IS_REPEATED_APPROACH", "IS_NEW", "CLOSED", "DATE_CLOSED", "DATE_CREATE_SHORT",
            "DATE_MODIFY_SHORT", "IS_CONVERT", "PRODUCT_ID", "SHORT_NAME", "LOGIN", "SEARCH_CONTENT", "BEGINDATE_SHORT",
            "CLOSEDATE_SHORT", "EVENT_DATE", "EVENT_DATE_SHORT", "EVENT_ID", "EVENT_DESCRIPTION", "ORDER_STAGE",
            "IS_WORK", "IS_WON", "IS_LOSE", "RECEIVED_AMOUNT", "LOST_AMOUNT", "HAS_PRODUCTS", "FULL_NAME",
            "BIRTHDAY_SORT", "FACE_ID", "SKYPE", "ICQ");
    /** a contact's companies: a field of its factory that the item's data leaves out until it is selected (D167) */
    static final String COMPANY_IDS = "COMPANY_IDS";
    /** where a custom field's name takes the special camelCase form (Converter::convertFieldNameToCamelCase) */
    private static final Pattern CUSTOM_NUMBERED = Pattern.compile("UF_CRM_(\\d+)_(.+)");

    private CrmItemForm() {
    }

    private static Map<CrmEntityType, Map<String, Field>> byName() {
        Map<CrmEntityType, Map<String, Field>> byName = new java.util.EnumMap<>(CrmEntityType.class);
        FIELDS.forEach((type, fields) -> {
            Map<String, Field> names = new java.util.HashMap<>();
            fields.stream().filter(field -> !field.name.equals("UF_*")).forEach(field -> names.put(field.name, field));
            fields.stream().filter(field -> !field.column.equals(field.name)).forEach(field -> names.put(field.column, field));
            byName.put(type, Map.copyOf(names));
        });
        return byName;
    }

    private static List<Field> fields(String spec) {
        List<Field> fields = new ArrayList<>();
        for (String one : spec.split(" ")) {
            String[] kind = one.split(":");
            String[] names = kind[0].split("<");
            fields.add(new Field(names[0], names.length > 1 ? names[1] : names[0],
                    kind.length > 1 ? Kind.valueOf(kind[1]) : Kind.TEXT));
        }
        return List.copyOf(fields);
    }

    /**
     * The names a list's filter and order may name for the type (the controller's allowed fields): the item's fields,
     * the table's own columns (the multi-fields' aliases among them: expressions reading a type's first value), any
     * custom field; not fm.
     */
    public static boolean filterable(CrmEntityType type, String name) {
        return name.startsWith(CUSTOM) || type == CrmEntityType.CONTACT && name.equals(COMPANY_IDS)
                || kind(type, name).filter(kind -> kind != Kind.FM).isPresent();
    }

    /** How the type's field (by its common or its column name) is kept, if it has one. */
    static java.util.Optional<Kind> kind(CrmEntityType type, String name) {
        return FIELDS.get(type).stream().filter(f -> !f.name.equals("UF_*") && (f.name.equals(name)
                || f.column.equals(name))).map(Field::kind).findFirst();
    }

    /**
     * The item under its common names, typed, in its order, entityTypeId last; a list filters and orders these, the
     * legacy column names given beside them (a filter on STATUS_ID or DATE_CREATE reads the same values).
     *
     * @param contactIds the contacts bound to the object (a deal's, a lead's, or a company's)
     * @param companyIds a contact's companies (empty for the other types)
     */
    public static ObjectNode common(CrmItem item, List<Long> contactIds, List<Long> companyIds) {
        return common(item, contactIds, companyIds, false);
    }

    /**
     * The item as add and update answer it: the object the operation saved, not read again, so the multi-fields'
     * aliases, which the database computes on a read, are null beside a filled fm (crm-item-add.md's example).
     */
    public static ObjectNode saved(CrmItem item, List<Long> contactIds, List<Long> companyIds) {
        return common(item, contactIds, companyIds, true);
    }

    private static ObjectNode common(CrmItem item, List<Long> contactIds, List<Long> companyIds, boolean saved) {
        ObjectNode fields = item.fields();
        ObjectNode row = NODES.objectNode();
        // read once for fm and every alias: read per field, each copied and sorted, they were half of a list's time
        List<Multi> multi = values(fields);
        for (Field field : FIELDS.get(item.type())) {
            if (field.name.equals("UF_*")) {
                fields.fieldNames().forEachRemaining(name -> {
                    if (name.startsWith(CUSTOM)) {
                        row.set(name, fields.get(name));
                    }
                });
                continue;
            }
            row.set(field.name, value(fields, field, multi, contactIds, saved));
        }
        if (item.type() == CrmEntityType.CONTACT) {
            row.set(COMPANY_IDS, ids(companyIds));
        }
        row.put("ENTITY_TYPE_ID", item.type().ownerTypeId());
        return row;
    }

    /** One field of the common item. */
    private static JsonNode value(ObjectNode fields, Field field, List<Multi> multi, List<Long> contactIds,
                                  boolean saved) {
        return switch (field.kind) {
            case ALIAS -> saved ? NODES.nullNode() : alias(multi, field.name);
            case FM -> fm(multi);
            case IDS -> field.name.equals("CONTACT_IDS") ? ids(contactIds) : ids(fields.get(field.column));
            default -> typed(fields.get(field.column), field.kind);
        };
    }

    /**
     * What {@link #filterable} holds under the name (a common name or a legacy column) for the item's common form,
     * null for a name it does not hold: the one field made alone. A list's filter and order read a field or two of
     * every object of the type, and making every object's whole form (twice, with the columns' names) first took
     * 12-70 s at 100,000 contacts and ran the launcher's 256 MiB heap out.
     */
    static JsonNode filterValue(CrmItem item, String name, Supplier<List<Long>> contactIds,
                                Supplier<List<Long>> companyIds) {
        Field field = BY_NAME.get(item.type()).get(name);
        if (field != null) { // the bindings and multi-fields read only for the fields made of them
            boolean multi = field.kind == Kind.ALIAS || field.kind == Kind.FM;
            boolean contacts = field.name.equals("CONTACT_IDS");
            return value(item.fields(), field, multi ? values(item.fields()) : List.of(),
                    contacts ? contactIds.get() : List.of(), false);
        }
        if (name.startsWith(CUSTOM)) {
            return item.fields().get(name);
        }
        if (item.type() == CrmEntityType.CONTACT && name.equals(COMPANY_IDS)) {
            return ids(companyIds.get());
        }
        return name.equals("ENTITY_TYPE_ID") ? NODES.numberNode(item.type().ownerTypeId()) : null;
    }

    /**
     * The common item plus the legacy columns' names for the same values: what a list's filter and order read, whole.
     * Lists read it a field at a time ({@link #filterValue}); this is the reference the tests hold that to.
     */
    static ObjectNode filterable(CrmEntityType type, ObjectNode common) {
        ObjectNode row = NODES.objectNode().setAll(common); // the values shared: a filter only reads them
        for (Field field : FIELDS.get(type)) {
            if (!field.column.equals(field.name) && common.has(field.name)) {
                row.set(field.column, common.get(field.name));
            }
        }
        return row;
    }

    /**
     * The item as answered: every field but a contact's companies for select * (or no select), else only the named
     * ones (upper-cased names; UF_* names every custom field) in the item's own order, entityTypeId only with *.
     */
    public static ObjectNode answered(ObjectNode common, Collection<String> select, boolean originalUfNames) {
        boolean all = select.isEmpty() || select.contains("*");
        boolean custom = select.contains("UF_*");
        ObjectNode item = NODES.objectNode();
        common.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            boolean wanted = all ? !name.equals(COMPANY_IDS) : select.contains(name)
                    || custom && name.startsWith(CUSTOM);
            if (wanted && (all || !name.equals("ENTITY_TYPE_ID"))) {
                item.set(originalUfNames && name.startsWith(CUSTOM) ? name : camelCase(name), entry.getValue());
            }
        });
        return item;
    }

    /** The names of a select that are no field of the type (the server drops them without a word). */
    public static List<String> unknown(CrmEntityType type, Collection<String> select) {
        List<String> unknown = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        FIELDS.get(type).forEach(field -> names.add(field.name));
        for (String name : select) {
            if (!name.equals("*") && !name.equals("UF_*") && !name.startsWith(CUSTOM) && !names.contains(name)
                    && !(type == CrmEntityType.CONTACT && name.equals(COMPANY_IDS))) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /**
     * What crm.item.add and .update write, under the legacy names the store keeps: the fields given in camelCase or
     * capitals (custom fields under their own names too with useOriginalUfNames=Y), only those the type's factory has
     * and lets a client write; flags true for true, "true", "y" and "Y", false for anything else; fm's values as the
     * store's multi-fields, a value keyed by the ID of one the object has changing it (removing it when empty), any
     * other added (Multifield\Assembler). The names the server ignores are added to {@code ignored}.
     */
    public static ObjectNode written(CrmEntityType type, ObjectNode given, boolean originalUfNames, List<String> ignored) {
        ObjectNode legacy = NODES.objectNode();
        given.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.equals("fm") && type != CrmEntityType.DEAL) {
                multifields(value, legacy);
                return;
            }
            String name = originalUfNames && key.startsWith("UF_") ? key : upperCase(key);
            if (name.startsWith(CUSTOM)) {
                legacy.set(name, value);
                return;
            }
            if (type == CrmEntityType.CONTACT && name.equals(COMPANY_IDS)) {
                legacy.set(COMPANY_IDS, value);
                return;
            }
            Field field = FIELDS.get(type).stream().filter(f -> f.name.equals(name) && f.kind != Kind.ALIAS
                    && f.kind != Kind.FM && !NOT_WRITTEN.contains(f.name)).findFirst().orElse(null);
            if (field == null || type == CrmEntityType.COMPANY && name.equals("CONTACT_IDS")) {
                ignored.add(key);
            } else if (field.kind == Kind.YN) {
                String flag = value.isBoolean() ? Boolean.toString(value.asBoolean()) : value.asText("");
                legacy.put(field.column, flag.equalsIgnoreCase("true") || flag.equalsIgnoreCase("y") ? "Y" : "N");
            } else {
                legacy.set(field.column, value);
            }
        });
        return legacy;
    }

    /** fm's values added to the store's PHONE, EMAIL, WEB and IM lists: a list's keys are no IDs, an object's may be. */
    private static void multifields(JsonNode fm, ObjectNode legacy) {
        if (fm.isObject() && fm.has("typeId") && fm.has("value")) {
            multifield(null, fm, legacy); // one value given as fm itself
            return;
        }
        if (fm.isArray()) {
            fm.forEach(value -> multifield(null, value, legacy));
        } else if (fm.isObject()) {
            fm.fields().forEachRemaining(entry -> multifield(entry.getKey(), entry.getValue(), legacy));
        }
    }

    private static void multifield(String key, JsonNode value, ObjectNode legacy) {
        String type = value.path("typeId").asText("").toUpperCase(Locale.ROOT);
        if (!value.isObject() || !value.has("value") || !CrmItem.MULTIFIELDS.contains(type)) {
            return;
        }
        ObjectNode stored = legacy.withArrayProperty(type).addObject();
        if (key != null && key.chars().allMatch(Character::isDigit) && !key.isEmpty()) {
            stored.put("ID", key);
        }
        stored.put("VALUE", value.path("value").asText(""));
        if (value.hasNonNull("valueType")) {
            stored.put("VALUE_TYPE", value.path("valueType").asText());
        }
    }

    private static JsonNode typed(JsonNode value, Kind kind) {
        String text = value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
        boolean empty = text == null || text.isEmpty();
        return switch (kind) {
            case INT, INT0 -> {
                long number = empty ? 0 : Params.phpInt(value);
                yield empty && kind == Kind.INT ? NODES.nullNode() : NODES.numberNode(number);
            }
            case FLOAT -> empty ? NODES.nullNode() : number(text);
            case YN -> empty ? NODES.nullNode() : NODES.textNode("Y".equalsIgnoreCase(text) ? "Y" : "N");
            case DATE, DAY -> empty ? NODES.nullNode() : NODES.textNode(text);
            default -> value == null || value.isContainerNode() ? NODES.nullNode() : value;
        };
    }

    /** A float column as PHP's json_encode writes it: 10000 for a whole amount, 999.9 otherwise. */
    private static JsonNode number(String text) {
        try {
            BigDecimal amount = Params.decimal(text.trim()).stripTrailingZeros();
            return amount.scale() <= 0 ? NODES.numberNode(amount.longValueExact()) : NODES.numberNode(amount.doubleValue());
        } catch (NumberFormatException | ArithmeticException notANumber) {
            return NODES.nullNode();
        }
    }

    private static ArrayNode ids(JsonNode value) {
        ArrayNode ids = NODES.arrayNode();
        if (value != null && value.isArray()) {
            value.forEach(id -> ids.add(Params.phpInt(id)));
        } else if (value != null && Params.phpInt(value) > 0) {
            ids.add(Params.phpInt(value));
        }
        return ids;
    }

    private static ArrayNode ids(List<Long> values) {
        ArrayNode ids = NODES.arrayNode();
        values.forEach(ids::add);
        return ids;
    }

    /**
     * A multi-field alias: the first value (by its ID) of PHONE_WORK's type and value type, of any value type for
     * PHONE and EMAIL, of the IM type's IMOL for IMOL; "" when the object has none.
     */
    private static JsonNode alias(List<Multi> values, String alias) {
        int underscore = alias.indexOf('_');
        String type = alias.equals("IMOL") ? "IM" : underscore < 0 ? alias : alias.substring(0, underscore);
        String valueType = alias.equals("IMOL") ? "IMOL" : underscore < 0 ? null : alias.substring(underscore + 1);
        for (Multi multi : values) {
            if (multi.type().equals(type)
                    && (valueType == null || multi.value().path("VALUE_TYPE").asText().equalsIgnoreCase(valueType))) {
                return NODES.textNode(multi.value().path("VALUE").asText(""));
            }
        }
        return NODES.textNode("");
    }

    /** Every multi-field value as {id, valueType, value, typeId}, by ID (ORDER BY FM.ID). */
    private static ArrayNode fm(List<Multi> values) {
        ArrayNode fm = NODES.arrayNode();
        for (Multi multi : values) {
            JsonNode value = multi.value();
            fm.addObject().put("id", value.path("ID").asLong()).put("valueType", value.path("VALUE_TYPE").asText(""))
                    .put("value", value.path("VALUE").asText("")).put("typeId", multi.type());
        }
        return fm;
    }

    /** A multi-field value and its TYPE_ID (PHONE, EMAIL, WEB, IM, LINK). */
    private record Multi(String type, JsonNode value) {
    }

    /** The object's multi-field values, each with its TYPE_ID, by ID. */
    private static List<Multi> values(ObjectNode fields) {
        List<Multi> values = new ArrayList<>();
        for (String type : CrmItem.MULTIFIELDS) {
            for (JsonNode value : fields.path(type)) {
                if (value.isObject()) {
                    values.add(new Multi(type, value));
                }
            }
        }
        values.sort(Comparator.comparingLong(v -> v.value().path("ID").asLong()));
        return values;
    }

    /**
     * An item field's camelCase name (Converter::convertFieldNameToCamelCase): ASSIGNED_BY_ID assignedById, an
     * underscore between two digits kept; custom fields ufCrm_1720019876534, ufCrm2_1639669411830, ufCrmMyString.
     */
    public static String camelCase(String name) {
        if (name.startsWith(CUSTOM)) {
            String rest = name.substring(CUSTOM.length());
            Matcher numbered = CUSTOM_NUMBERED.matcher(name);
            if (numbered.matches()) {
                return "ufCrm" + numbered.group(1) + "_" + numbered.group(2);
            }
            if (!rest.isEmpty() && Character.isDigit(rest.charAt(0))) {
                return "ufCrm_" + rest;
            }
            String camel = NameCase.camel(rest);
            return "ufCrm" + (camel.isEmpty() ? "" : Character.toUpperCase(camel.charAt(0)) + camel.substring(1));
        }
        return NameCase.camel(name);
    }

    /**
     * A name a client sends as the server reads it (convertFieldNameFromCamelCaseToUpperCase): assignedById
     * ASSIGNED_BY_ID, ufCrm_123 UF_CRM_123, ufCrm2_163 UF_CRM_2_163; a name in capitals stays as it is.
     */
    public static String upperCase(String name) {
        if (name.equals(name.toUpperCase(Locale.ROOT))) {
            return name;
        }
        if (name.startsWith("ufCrm")) {
            String rest = name.substring("ufCrm".length());
            if (rest.startsWith("_")) {
                return CUSTOM + rest.substring(1).toUpperCase(Locale.ROOT);
            }
            if (!rest.isEmpty() && Character.isDigit(rest.charAt(0))) {
                return CUSTOM + rest.toUpperCase(Locale.ROOT);
            }
            return CUSTOM + NameCase.upperSnake(rest);
        }
        return NameCase.upperSnake(name);
    }
}
