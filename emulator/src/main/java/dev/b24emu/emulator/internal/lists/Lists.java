package dev.b24emu.emulator.internal.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.RestError;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The universal lists' operations (specs/DECISIONS.md D174), as the lists module's RestService runs them: the
 * required parameters (IBLOCK_ID and IBLOCK_CODE, ELEMENT_ID and ELEMENT_CODE standing in for each other; of several
 * missing, the last one named), the list found by ID or code whatever its type (a list of another type is the
 * coded-"0" "Invalid list ID"), then the action. Every caller acts as an administrator but for lists.add, which needs
 * one. Elements keep their property values under the values' own IDs, as b_iblock_element_property does.
 */
public final class Lists {
    /** the element fields a list may show beside NAME (lists.field.add with one of them as TYPE) */
    static final Set<String> SYSTEM_FIELDS = Set.of("SORT", "ACTIVE_FROM", "ACTIVE_TO", "PREVIEW_PICTURE",
            "PREVIEW_TEXT", "DETAIL_PICTURE", "DETAIL_TEXT", "DATE_CREATE", "CREATED_BY", "TIMESTAMP_X", "MODIFIED_BY");
    /** the property types lists.field.add takes */
    static final Set<String> PROPERTY_TYPES = Set.of("S", "N", "L", "F", "G", "E", "S:Date", "S:DateTime", "S:HTML",
            "E:EList", "N:Sequence", "S:ECrm", "S:Money", "S:DiskFile", "S:map_yandex", "S:employee");
    /** the types every portal has for lists (company lists, processes, group lists) */
    static final Set<String> BUILT_IN_TYPES = Set.of("lists", "bitrix_processes", "lists_socnet");
    /** the site's date format (en): what DATE_CREATE and TIMESTAMP_X are written in */
    private static final DateTimeFormatter SITE_FORMAT = DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Lists() {
    }

    /** Whether every portal has the type for lists (company lists, processes, group lists). */
    public static boolean isBuiltInType(String type) {
        return BUILT_IN_TYPES.contains(type);
    }

    /** A refusal of the lists module, HTTP 400. */
    static RestError error(String code, String text) {
        return RestError.of(code, text);
    }

    /** ERROR_REQUIRED_PARAMETERS_MISSING for the last of the missing names, as RestService throws the last error. */
    public static void requireAll(List<String> missing) {
        if (!missing.isEmpty()) {
            throw error("ERROR_REQUIRED_PARAMETERS_MISSING",
                    "Required parameter \"" + missing.get(missing.size() - 1) + "\" is missing");
        }
    }

    /**
     * The list IBLOCK_ID (or IBLOCK_CODE) names: ERROR_IBLOCK_NOT_FOUND when there is none of any type; one of another
     * type than IBLOCK_TYPE_ID is the right check's "Invalid list ID", sent with the code "0".
     */
    public static UniversalList target(ListStore store, String typeId, Long id, String code) {
        Optional<UniversalList> found = id != null ? store.list(id) : store.listByCode(code);
        UniversalList list = found.orElseThrow(() -> error("ERROR_IBLOCK_NOT_FOUND", "Iblock not found"));
        if (!list.typeId().equals(typeId)) {
            throw error("0", "Invalid list ID");
        }
        return list;
    }

    /** lists.add: a new list with its NAME field; IBLOCK_CODE is unique among all lists. Its ID. */
    public static long add(Portal portal, String typeId, String code, ObjectNode fields, long userId) {
        ListStore store = portal.store(ListStore.class);
        if (store.listByCode(code).isPresent()) {
            throw error("ERROR_IBLOCK_ALREADY_EXISTS", "Iblock already exists");
        }
        ConfigBound.admit(portal, store.lists(), fields, "lists");
        return portal.exclusive(() -> {
            long id = store.nextListId();
            store.put(new UniversalList(id, typeId, code, text(fields, "NAME").trim(), text(fields, "DESCRIPTION"),
                    number(fields, "SORT", 500), text(fields, "BIZPROC").equals("Y") ? "Y" : "N",
                    siteTime(portal, portal.now()), userId));
            store.put(new ListField(id, "NAME", 0, "Name", "NAME", true, false, 10, "", "", Map.of()));
            return id;
        });
    }

    /**
     * lists.field.add: an element field (TYPE one of their codes, answered as its code) or a property (TYPE S, N, L…;
     * its CODE required and unique in the list; answered PROPERTY_ and its ID). Every refusal is ERROR_SAVE_FIELD.
     */
    public static String addField(Portal portal, UniversalList list, ObjectNode fields) {
        ListStore store = portal.store(ListStore.class);
        String type = text(fields, "TYPE");
        String name = text(fields, "NAME").trim();
        boolean required = text(fields, "IS_REQUIRED").equals("Y");
        boolean multiple = text(fields, "MULTIPLE").equals("Y");
        long sort = number(fields, "SORT", 500);
        String defaultValue = text(fields, "DEFAULT_VALUE");
        ConfigBound.admit(portal, store.fields(list.id()), fields, "list fields");
        if (SYSTEM_FIELDS.contains(type)) {
            if (store.field(list.id(), type).isPresent()) {
                throw error("ERROR_SAVE_FIELD", "Property already exists");
            }
            store.put(new ListField(list.id(), type, 0, name, type, required, false, sort, "", defaultValue, Map.of()));
            return type;
        }
        if (!PROPERTY_TYPES.contains(type)) {
            throw error("ERROR_SAVE_FIELD", "Error saving the field");
        }
        String code = text(fields, "CODE").trim();
        if (code.isEmpty()) {
            throw error("ERROR_SAVE_FIELD", "Please fill the code fields");
        }
        if (store.fields(list.id()).stream().anyMatch(f -> code.equalsIgnoreCase(f.code()))) {
            throw error("ERROR_SAVE_FIELD", "Property already exists");
        }
        return portal.exclusive(() -> {
            long id = store.nextPropertyId();
            List<String> defaults = new ArrayList<>();
            Map<String, String> enums = type.equals("L") ? enums(store, fields, defaults::add) : Map.of();
            store.put(new ListField(list.id(), "PROPERTY_" + id, id, name, type, required, multiple, sort, code,
                    defaults.isEmpty() ? defaultValue : defaults.get(0), enums));
            return "PROPERTY_" + id;
        });
    }

    /**
     * An L field's values: LIST {key: {VALUE, SORT, DEF}} or LIST_TEXT_VALUES, one per line, each given an ID; the
     * IDs of those marked DEF Y told to {@code defaults} (the field's DEFAULT_VALUE).
     */
    private static Map<String, String> enums(ListStore store, ObjectNode fields, Consumer<String> defaults) {
        Map<String, String> enums = new LinkedHashMap<>();
        JsonNode list = fields.path("LIST");
        if (list.isContainerNode()) {
            for (JsonNode entry : list) {
                String value = entry.isObject() ? entry.path("VALUE").asText("") : entry.asText("");
                if (!value.isBlank()) {
                    String id = Long.toString(store.nextValueId());
                    enums.put(id, value.trim());
                    if ("Y".equals(entry.path("DEF").asText(""))) {
                        defaults.accept(id);
                    }
                }
            }
        }
        for (String line : text(fields, "LIST_TEXT_VALUES").split("\n")) {
            if (!line.isBlank()) {
                enums.put(Long.toString(store.nextValueId()), line.trim());
            }
        }
        return enums;
    }

    /**
     * lists.element.add: a new element of the list, ELEMENT_CODE unique in it (ERROR_ELEMENT_ALREADY_EXISTS), NAME
     * required, the values checked as validateFields checks them. Its ID.
     */
    public static long addElement(Portal portal, UniversalList list, String code, ObjectNode fields, long sectionId,
                                  long userId, Consumer<String> deviations) {
        ListStore store = portal.store(ListStore.class);
        if (store.elements(list.id()).stream().anyMatch(e -> code.equals(e.code()))) {
            throw error("ERROR_ELEMENT_ALREADY_EXISTS", "Element already exists");
        }
        requireAll(fields.hasNonNull("NAME") ? List.of() : List.of("NAME"));
        return portal.exclusive(() -> {
            // checked before an ID is given: a refused add leaves no gap, as the table's auto-increment
            ListElement checked = written(portal, list, 0, code, fields, sectionId, userId, null, deviations);
            long id = store.nextElementId();
            store.put(new ListElement(id, checked.listId(), checked.code(), checked.name(), checked.sectionId(),
                    checked.createdBy(), checked.fields(), checked.properties()));
            return id;
        });
    }

    /** lists.element.update: every field written again (what is not given is cleared); ERROR_ELEMENT_NOT_FOUND. */
    public static void updateElement(Portal portal, UniversalList list, ListElement current, ObjectNode fields,
                                     long userId, Consumer<String> deviations) {
        ListStore store = portal.store(ListStore.class);
        if (!fields.hasNonNull("NAME") || text(fields, "NAME").isBlank()) {
            String label = store.field(list.id(), "NAME").map(ListField::name).orElse("Name");
            throw error("ERROR_ELEMENT_FIELD_VALUE", "The field \"" + label + "\" is required");
        }
        portal.exclusive(() -> {
            store.put(written(portal, list, current.id(), current.code(), fields, current.sectionId(),
                    current.createdBy(), current, deviations));
            return null;
        });
    }

    public static void deleteElement(Portal portal, ListElement element) {
        portal.store(ListStore.class).remove(element.id());
    }

    /** The element ELEMENT_ID (or ELEMENT_CODE) names in the list: ERROR_ELEMENT_NOT_FOUND "Element not found". */
    public static ListElement element(ListStore store, UniversalList list, Long id, String code) {
        Optional<ListElement> found = id != null ? store.element(id).filter(e -> e.listId() == list.id())
                : store.elements(list.id()).stream().filter(e -> code.equals(e.code())).findFirst();
        return found.orElseThrow(() -> error("ERROR_ELEMENT_NOT_FOUND", "Element not found"));
    }

    /**
     * An element as the fields write it: NAME and the list's element fields (DATE_CREATE and CREATED_BY kept from
     * before, TIMESTAMP_X and MODIFIED_BY now), each property's values under their IDs (a value written under an ID
     * the element has keeps it; the others get new ones); a required field left empty, or a number that is none, is
     * ERROR_ELEMENT_FIELD_VALUE. Keys that name no field of the list are dropped and reported.
     */
    private static ListElement written(Portal portal, UniversalList list, long id, String code, ObjectNode given,
                                       long sectionId, long userId, ListElement before, Consumer<String> deviations) {
        ListStore store = portal.store(ListStore.class);
        String now = siteTime(portal, portal.now());
        Map<String, String> elementFields = new LinkedHashMap<>();
        Map<String, Map<String, String>> properties = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = given.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("NAME") && !key.equals("IBLOCK_SECTION_ID") && store.field(list.id(), key).isEmpty()) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            deviations.accept("lists.element: FIELDS " + String.join(", ", unknown) + " name no field of list "
                    + list.id() + " (lists.field.get): the real server ignores them");
        }
        for (ListField field : store.fields(list.id())) {
            if (field.fieldId().equals("NAME")) {
                continue;
            }
            JsonNode value = given.get(field.fieldId()); // by the field's ID only: PROPERTY_<CODE> is no key here
            if (!field.isProperty()) {
                String written = switch (field.fieldId()) {
                    case "DATE_CREATE" -> before == null ? now : before.fields().getOrDefault("DATE_CREATE", now);
                    case "CREATED_BY" -> Long.toString(before == null ? userId : before.createdBy());
                    case "TIMESTAMP_X" -> now;
                    case "MODIFIED_BY" -> Long.toString(userId);
                    case "SORT" -> first(value).isBlank() ? "500" : first(value);
                    default -> first(value);
                };
                if (field.required() && written.isBlank()) {
                    throw error("ERROR_ELEMENT_FIELD_VALUE", "The field \"" + field.name() + "\" is required");
                }
                elementFields.put(field.fieldId(), written);
                continue;
            }
            Map<String, String> values = values(store, field, value,
                    before == null ? Map.of() : before.properties().getOrDefault(field.fieldId(), Map.of()));
            if (field.required() && values.isEmpty()) {
                throw error("ERROR_ELEMENT_FIELD_VALUE", "The field \"" + field.name() + "\" is required");
            }
            if (!values.isEmpty()) {
                properties.put(field.fieldId(), values);
            }
        }
        return new ListElement(id, list.id(), code, text(given, "NAME").trim(), sectionId,
                before == null ? userId : before.createdBy(), elementFields, properties);
    }

    /**
     * A property's values as given: one value, a list, or an object keyed by value IDs (an ID the element has keeps
     * its value's place, "n0" and the like are new); empty values dropped; a non-multiple property keeps its first;
     * a number's comma is its decimal point, its spaces dropped, and anything else no number is refused.
     */
    private static Map<String, String> values(ListStore store, ListField field, JsonNode given, Map<String, String> had) {
        Map<String, String> values = new LinkedHashMap<>();
        if (given == null || given.isNull()) {
            return values;
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        if (given.isObject() && !given.has("TEXT")) {
            given.fields().forEachRemaining(entries::add);
        } else if (given.isArray()) {
            flatten(given, entries);
        } else {
            entries.add(Map.entry("", given));
        }
        for (Map.Entry<String, JsonNode> entry : entries) {
            String value = entry.getValue().isObject() ? entry.getValue().path("TEXT").asText("")
                    : entry.getValue().isValueNode() ? entry.getValue().asText() : "";
            if (value.isBlank()) {
                continue;
            }
            if (field.type().startsWith("N")) {
                value = value.replace(",", ".").replace(" ", "");
                if (!value.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)")) {
                    throw error("ERROR_ELEMENT_FIELD_VALUE", "Value of the \"" + field.name() + "\" field is not correct");
                }
            }
            String valueId = had.containsKey(entry.getKey()) ? entry.getKey() : Long.toString(store.nextValueId());
            values.put(valueId, value);
            if (!field.multiple()) {
                break;
            }
        }
        return values;
    }

    private static void flatten(JsonNode array, List<Map.Entry<String, JsonNode>> into) {
        for (JsonNode item : array) {
            if (item.isArray()) {
                flatten(item, into);
            } else {
                into.add(Map.entry("", item));
            }
        }
    }

    /** lists.get's row: the information block's columns, strings or null, as CIBlock::GetList answers them. */
    public static ObjectNode iblockRow(UniversalList list) {
        ObjectNode row = NODES.objectNode();
        row.put("ID", Long.toString(list.id())).put("TIMESTAMP_X", list.timestamp())
                .put("IBLOCK_TYPE_ID", list.typeId()).put("LID", "s1").put("CODE", list.code()).putNull("API_CODE")
                .put("NAME", list.name()).put("ACTIVE", "Y").put("SORT", Long.toString(list.sort()));
        for (String url : List.of("LIST_PAGE_URL", "DETAIL_PAGE_URL", "SECTION_PAGE_URL", "CANONICAL_PAGE_URL",
                "PICTURE")) {
            row.putNull(url);
        }
        row.put("DESCRIPTION", list.description()).put("DESCRIPTION_TYPE", "text").put("RSS_TTL", "24")
                .put("RSS_ACTIVE", "Y").put("RSS_FILE_ACTIVE", "N").putNull("RSS_FILE_LIMIT").putNull("RSS_FILE_DAYS")
                .put("RSS_YANDEX_ACTIVE", "N").putNull("XML_ID").putNull("TMP_ID").put("INDEX_ELEMENT", "Y")
                .put("INDEX_SECTION", "N").put("WORKFLOW", "N").put("BIZPROC", list.bizproc())
                .put("SECTION_CHOOSER", "L").putNull("LIST_MODE").put("RIGHTS_MODE", "E").putNull("SECTION_PROPERTY")
                .putNull("PROPERTY_INDEX").put("VERSION", "1").put("LAST_CONV_ELEMENT", "0").putNull("SOCNET_GROUP_ID")
                .putNull("EDIT_FILE_BEFORE").putNull("EDIT_FILE_AFTER").put("SECTIONS_NAME", "Sections")
                .put("SECTION_NAME", "Section").put("ELEMENTS_NAME", "Elements").put("ELEMENT_NAME", "Element")
                .put("REST_ON", "N").put("FULLTEXT_INDEX", "N").putNull("EXTERNAL_ID").put("LANG_DIR", "/")
                .putNull("SERVER_NAME");
        return row;
    }

    /**
     * lists.element.get's row: ID, IBLOCK_ID, NAME, IBLOCK_SECTION_ID, CREATED_BY, BP_PUBLISHED, CODE, the list's
     * element fields, then the properties that have values, each {valueId: value}, by the fields' order.
     */
    public static ObjectNode elementRow(ListStore store, ListElement element) {
        ObjectNode row = NODES.objectNode();
        row.put("ID", Long.toString(element.id())).put("IBLOCK_ID", Long.toString(element.listId()))
                .put("NAME", element.name());
        if (element.sectionId() > 0) {
            row.put("IBLOCK_SECTION_ID", Long.toString(element.sectionId()));
        } else {
            row.putNull("IBLOCK_SECTION_ID");
        }
        row.put("CREATED_BY", Long.toString(element.createdBy())).put("BP_PUBLISHED", "Y").put("CODE", element.code());
        for (ListField field : store.fields(element.listId())) {
            if (!field.isProperty() && !field.fieldId().equals("NAME")) {
                String value = element.fields().getOrDefault(field.fieldId(), "");
                if (value.isEmpty()) {
                    row.putNull(field.fieldId()); // NULL in the table: a field the element was never given
                } else {
                    row.put(field.fieldId(), value);
                }
            }
        }
        for (ListField field : store.fields(element.listId())) {
            Map<String, String> values = element.properties().get(field.fieldId());
            if (field.isProperty() && values != null && !values.isEmpty()) {
                ObjectNode byId = row.putObject(field.fieldId());
                values.forEach(byId::put);
            }
        }
        return row;
    }

    /** lists.field.get's description of a field; with the list's ID when all are listed. */
    public static ObjectNode fieldRow(ListField field, boolean withList) {
        ObjectNode row = NODES.objectNode();
        row.put("FIELD_ID", field.fieldId()).put("SORT", field.sort()).put("NAME", field.name())
                .put("IS_REQUIRED", field.required() ? "Y" : "N").put("MULTIPLE", field.multiple() ? "Y" : "N")
                .put("DEFAULT_VALUE", field.defaultValue()).put("TYPE", field.type());
        if (field.isProperty()) {
            String[] kind = field.type().split(":", 2);
            row.put("PROPERTY_TYPE", kind[0]);
            if (kind.length > 1) {
                row.put("PROPERTY_USER_TYPE", kind[1]);
            } else {
                row.put("PROPERTY_USER_TYPE", false);
            }
            row.put("CODE", field.code()).put("ID", Long.toString(field.propertyId())).putNull("LINK_IBLOCK_ID")
                    .put("ROW_COUNT", "1").put("COL_COUNT", "30").putNull("USER_TYPE_SETTINGS");
        } else {
            row.put("PROPERTY_TYPE", false).put("PROPERTY_USER_TYPE", false);
        }
        row.putObject("SETTINGS").put("SHOW_ADD_FORM", "Y").put("SHOW_EDIT_FORM", "Y").put("ADD_READ_ONLY_FIELD", "N")
                .put("EDIT_READ_ONLY_FIELD", "N").put("SHOW_FIELD_PREVIEW", "N");
        if (!field.enums().isEmpty()) {
            ObjectNode display = row.putObject("DISPLAY_VALUES_FORM");
            field.enums().forEach(display::put);
        }
        if (withList) {
            row.put("IBLOCK_ID", field.listId());
        }
        return row;
    }

    /** The site's format (en): "12/06/2026 10:15:00 am". */
    static String siteTime(Portal portal, Instant at) {
        ZoneId zone = portal.settings().timeZone();
        return SITE_FORMAT.format(at.atZone(zone)).replace("AM", "am").replace("PM", "pm");
    }

    /** A read-only copy of a map in its order (none for null). */
    static Map<String, String> frozen(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** A key's text; "" for none, an array's first value. */
    public static String text(ObjectNode fields, String name) {
        return first(fields.get(name));
    }

    private static String first(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isContainerNode()) {
            Iterator<JsonNode> first = value.elements();
            return first.hasNext() ? first(first.next()) : "";
        }
        return value.asText();
    }

    private static long number(ObjectNode fields, String name, long otherwise) {
        try {
            return text(fields, name).isBlank() ? otherwise : Long.parseLong(text(fields, name).trim());
        } catch (NumberFormatException notANumber) {
            return otherwise;
        }
    }

    /** Keys in capitals, as RestService upper-cases them; the values as given. */
    public static ObjectNode upperKeys(JsonNode given) {
        ObjectNode upper = NODES.objectNode();
        if (given instanceof ObjectNode object) {
            object.fields().forEachRemaining(e -> upper.set(e.getKey().toUpperCase(Locale.ROOT), e.getValue()));
        }
        return upper;
    }

    /** The page answer of nothing found: [] without a count, as setNavData writes none. */
    public static ArrayNode none() {
        return NODES.arrayNode();
    }
}
