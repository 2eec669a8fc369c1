package dev.b24emu.emulator.internal.lists.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.b24emu.emulator.internal.lists.ElementQuery;
import dev.b24emu.emulator.internal.lists.ListElement;
import dev.b24emu.emulator.internal.lists.ListField;
import dev.b24emu.emulator.internal.lists.ListStore;
import dev.b24emu.emulator.internal.lists.Lists;
import dev.b24emu.emulator.internal.lists.UniversalList;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.Access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * lists.add, lists.get, lists.field.add, lists.field.get and lists.element.add, .get, .update, .delete
 * (api-reference/lists/; specs/DECISIONS.md D174): the parameters in any case, as RestService upper-cases them.
 */
final class ListMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ListMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("lists.add", ListMethods::add).add("lists.get", ListMethods::get)
                .add("lists.field.add", ListMethods::addField).add("lists.field.get", ListMethods::getField)
                .add("lists.element.add", ListMethods::addElement).add("lists.element.get", ListMethods::getElements)
                .add("lists.element.update", ListMethods::updateElement)
                .add("lists.element.delete", ListMethods::deleteElement);
    }

    private static JsonNode add(RestCall call) {
        Params p = call.params();
        List<String> missing = new ArrayList<>();
        require(p, missing, "IBLOCK_TYPE_ID");
        require(p, missing, "IBLOCK_CODE");
        require(p, missing, "FIELDS");
        ObjectNode fields = Lists.upperKeys(p.node("FIELDS").orElse(null));
        if (missing.isEmpty() && Lists.text(fields, "NAME").isBlank()) {
            missing.add("NAME");
        }
        Lists.requireAll(missing);
        if (!Access.isAdmin(call.caller())) {
            throw RestError.of("ACCESS_DENIED", "Access denied");
        }
        return LongNode.valueOf(Lists.add(call.portal(), p.textOrEmpty("IBLOCK_TYPE_ID"), p.textOrEmpty("IBLOCK_CODE"),
                fields, call.userId()));
    }

    /**
     * The lists of the type, or the one IBLOCK_ID or IBLOCK_CODE names (an ID of none, or of another type, is
     * "Invalid list ID"; a code of none []), by IBLOCK_ORDER, a page of 50. A type no list has and no portal has
     * built in gives no right: ACCESS_DENIED.
     */
    private static Object get(RestCall call) {
        Params p = call.params();
        List<String> missing = new ArrayList<>();
        require(p, missing, "IBLOCK_TYPE_ID");
        Lists.requireAll(missing);
        String type = p.textOrEmpty("IBLOCK_TYPE_ID");
        ListStore store = call.portal().store(ListStore.class);
        if (!isListsType(store, type)) {
            throw RestError.of("ACCESS_DENIED", "Access denied");
        }
        List<UniversalList> found;
        if (p.has("IBLOCK_ID")) {
            UniversalList list = store.list(p.phpInt("IBLOCK_ID")).filter(l -> l.typeId().equals(type))
                    .orElseThrow(() -> RestError.of("0", "Invalid list ID"));
            found = List.of(list);
        } else if (p.has("IBLOCK_CODE")) {
            found = store.listByCode(p.textOrEmpty("IBLOCK_CODE")).filter(l -> l.typeId().equals(type)).stream().toList();
        } else {
            found = store.lists().stream().filter(l -> l.typeId().equals(type)).toList();
        }
        List<UniversalList> sorted = new ArrayList<>(found);
        sorted.sort(iblockOrder(p.node("IBLOCK_ORDER").orElse(null)));
        if (sorted.isEmpty()) {
            return Lists.none();
        }
        return ListResult.page(sorted.stream().map(Lists::iblockRow).toList(), p.start());
    }

    private static JsonNode addField(RestCall call) {
        Params p = call.params();
        List<String> missing = target(p);
        require(p, missing, "FIELDS");
        ObjectNode fields = Lists.upperKeys(p.node("FIELDS").orElse(null));
        if (p.has("FIELDS")) {
            for (String name : List.of("NAME", "TYPE")) {
                if (Lists.text(fields, name).isBlank()) {
                    missing.add(name);
                }
            }
        }
        Lists.requireAll(missing);
        UniversalList list = list(call);
        return TextNode.valueOf(Lists.addField(call.portal(), list, fields));
    }

    /** Every field keyed by its ID, each with IBLOCK_ID; FIELD_ID's alone keyed by its TYPE ([] for none). */
    private static JsonNode getField(RestCall call) {
        Params p = call.params();
        Lists.requireAll(target(p));
        UniversalList list = list(call);
        ListStore store = call.portal().store(ListStore.class);
        if (p.has("FIELD_ID")) {
            return store.field(list.id(), p.textOrEmpty("FIELD_ID")).<JsonNode>map(field -> {
                ObjectNode byType = NODES.objectNode();
                byType.set(field.type(), Lists.fieldRow(field, false));
                return byType;
            }).orElse(NODES.arrayNode());
        }
        ObjectNode all = NODES.objectNode();
        for (ListField field : store.fields(list.id())) {
            all.set(field.fieldId(), Lists.fieldRow(field, true));
        }
        return all;
    }

    private static JsonNode addElement(RestCall call) {
        Params p = call.params();
        List<String> missing = target(p);
        require(p, missing, "ELEMENT_CODE");
        require(p, missing, "FIELDS");
        Lists.requireAll(missing);
        UniversalList list = list(call);
        JsonNode code = p.node("ELEMENT_CODE").orElseThrow();
        if (!code.isValueNode()) {
            throw RestError.of("ERROR_ELEMENT_PARAM_VALUE", "Value of the \"ELEMENT_CODE\" is not correct");
        }
        ObjectNode fields = Lists.upperKeys(p.node("FIELDS").orElse(null));
        String section = p.has("IBLOCK_SECTION_ID") ? p.textOrEmpty("IBLOCK_SECTION_ID")
                : Lists.text(fields, "IBLOCK_SECTION_ID");
        if (!section.isBlank() && !section.trim().equals("0")) {
            // checkSectionIblock: the section must be one of the list's, and the emulator keeps no sections
            throw RestError.of("ACCESS_DENIED", "Access denied");
        }
        return LongNode.valueOf(Lists.addElement(call.portal(), list, code.asText(), fields, 0, call.userId(),
                call::deviation));
    }

    /** The elements FILTER keeps (ELEMENT_ID or ELEMENT_CODE one), always a list: [] without a count for none. */
    private static Object getElements(RestCall call) {
        Params p = call.params();
        Lists.requireAll(target(p));
        UniversalList list = list(call);
        ListStore store = call.portal().store(ListStore.class);
        // a FILTER sent as a list is PHP's array keyed 0, 1…: sanitizeFilter reads "0" as an operation it refuses
        List<ListElement> found = ElementQuery.run(store, list,
                p.node("FILTER").flatMap(Params::phpArray).map(Lists::upperKeys).orElse(null),
                p.node("ELEMENT_ORDER").orElse(null));
        // an empty ELEMENT_ID or ELEMENT_CODE adds nothing to the filter; both given, both must match
        if (!p.textOrEmpty("ELEMENT_ID").isEmpty()) {
            long id = p.phpInt("ELEMENT_ID");
            found = found.stream().filter(e -> e.id() == id).toList();
        }
        if (!p.textOrEmpty("ELEMENT_CODE").isEmpty()) {
            String code = p.textOrEmpty("ELEMENT_CODE");
            found = found.stream().filter(e -> code.equals(e.code())).toList();
        }
        // the page of 50 start falls in (CDBResult's page navigation); none there, or none at all, is []
        long first = Math.max(0, p.start()) / 50 * 50;
        if (first >= found.size()) {
            return Lists.none();
        }
        Set<String> select = select(p);
        return ListResult.page(found.stream().map(e -> selected(Lists.elementRow(store, e), select)).toList(), first);
    }

    private static JsonNode updateElement(RestCall call) {
        Params p = call.params();
        List<String> missing = target(p);
        requireEither(p, missing, "ELEMENT_ID", "ELEMENT_CODE");
        require(p, missing, "FIELDS");
        Lists.requireAll(missing);
        UniversalList list = list(call);
        ListElement element = element(call, list);
        Lists.updateElement(call.portal(), list, element, Lists.upperKeys(p.node("FIELDS").orElse(null)),
                call.userId(), call::deviation);
        return BooleanNode.TRUE;
    }

    private static JsonNode deleteElement(RestCall call) {
        Params p = call.params();
        List<String> missing = target(p);
        requireEither(p, missing, "ELEMENT_ID", "ELEMENT_CODE");
        Lists.requireAll(missing);
        UniversalList list = list(call);
        Lists.deleteElement(call.portal(), element(call, list));
        return BooleanNode.TRUE;
    }

    /** IBLOCK_TYPE_ID, and IBLOCK_ID or IBLOCK_CODE: the names of those missing, in order. */
    private static List<String> target(Params p) {
        List<String> missing = new ArrayList<>();
        require(p, missing, "IBLOCK_TYPE_ID");
        requireEither(p, missing, "IBLOCK_ID", "IBLOCK_CODE");
        return missing;
    }

    private static UniversalList list(RestCall call) {
        Params p = call.params();
        return Lists.target(call.portal().store(ListStore.class), p.textOrEmpty("IBLOCK_TYPE_ID"),
                p.has("IBLOCK_ID") ? p.phpInt("IBLOCK_ID") : null, p.textOrEmpty("IBLOCK_CODE"));
    }

    private static ListElement element(RestCall call, UniversalList list) {
        Params p = call.params();
        return Lists.element(call.portal().store(ListStore.class), list,
                p.has("ELEMENT_ID") ? p.phpInt("ELEMENT_ID") : null, p.textOrEmpty("ELEMENT_CODE"));
    }

    private static void require(Params p, List<String> missing, String name) {
        if (!p.has(name)) {
            missing.add(name);
        }
    }

    private static void requireEither(Params p, List<String> missing, String name, String partner) {
        if (!p.has(name) && !p.has(partner)) {
            missing.add(name);
        }
    }

    /** The built-in lists types and any a list was made under. */
    private static boolean isListsType(ListStore store, String type) {
        return Lists.isBuiltInType(type) || store.lists().stream().anyMatch(l -> l.typeId().equals(type));
    }

    /** IBLOCK_ORDER: ID, NAME, CODE, SORT, TIMESTAMP_X asc or desc (others dropped); ID ascending by default. */
    private static Comparator<UniversalList> iblockOrder(JsonNode order) {
        Comparator<UniversalList> sorted = null;
        if (order != null && order.isObject()) {
            var it = order.fields();
            while (it.hasNext()) {
                var entry = it.next();
                Comparator<UniversalList> by = switch (entry.getKey().toUpperCase(Locale.ROOT)) {
                    case "ID" -> Comparator.comparingLong(UniversalList::id);
                    case "NAME" -> Comparator.comparing(UniversalList::name, String.CASE_INSENSITIVE_ORDER);
                    case "CODE" -> Comparator.comparing(l -> String.valueOf(l.code()));
                    case "SORT" -> Comparator.comparingLong(UniversalList::sort);
                    default -> null;
                };
                if (by == null) {
                    continue;
                }
                if (entry.getValue().asText("").equalsIgnoreCase("desc")) {
                    by = by.reversed();
                }
                sorted = sorted == null ? by : sorted.thenComparing(by);
            }
        }
        Comparator<UniversalList> byId = Comparator.comparingLong(UniversalList::id);
        return sorted == null ? byId : sorted.thenComparing(byId);
    }

    /** SELECT's names in capitals; empty when not given or no array (every key), ID alone for an empty one. */
    private static Set<String> select(Params p) {
        Set<String> names = new LinkedHashSet<>();
        p.node("SELECT").filter(JsonNode::isContainerNode).ifPresent(select -> {
            select.forEach(name -> names.add(name.asText().toUpperCase(Locale.ROOT)));
            if (names.isEmpty()) {
                names.add("ID");
            }
        });
        return names;
    }

    private static ObjectNode selected(ObjectNode row, Set<String> select) {
        if (select.isEmpty()) {
            return row;
        }
        row.retain(select);
        return row;
    }
}
