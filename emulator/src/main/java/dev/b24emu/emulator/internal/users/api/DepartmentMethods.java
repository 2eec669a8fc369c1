package dev.b24emu.emulator.internal.users.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.users.Department;
import dev.b24emu.emulator.internal.users.DepartmentEditing;
import dev.b24emu.emulator.internal.users.DepartmentStore;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * department.fields, .get, .add, .update and .delete (api-reference/departments/, CIntranetRestService): the company
 * structure, listed in its order (depth first, siblings by SORT and name) unless sort names a field.
 */
final class DepartmentMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** department.fields: the page's labels */
    private static final Map<String, String> LABELS = labels();
    /** what sort may name, and how it orders (a missing PARENT or UF_HEAD first, as the database orders NULL) */
    private static final Map<String, Comparator<Department>> ORDERS = Map.of(
            "ID", Comparator.comparingLong(Department::id),
            "NAME", Comparator.comparing(Department::name, String.CASE_INSENSITIVE_ORDER),
            "SORT", Comparator.comparingInt(Department::sort),
            "PARENT", Comparator.comparing(Department::parent, Comparator.nullsFirst(Comparator.naturalOrder())),
            "UF_HEAD", Comparator.comparing(Department::head, Comparator.nullsFirst(Comparator.naturalOrder())));
    /** what a filter may name, exactly so, and the value each compares */
    private static final Map<String, Function<Department, Object>> FILTERED = Map.of(
            "ID", Department::id, "SORT", d -> (long) d.sort(), "PARENT", Department::parent, "UF_HEAD", Department::head);

    private DepartmentMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("department.fields", call -> {
                    ObjectNode fields = NODES.objectNode();
                    LABELS.forEach(fields::put);
                    return fields;
                })
                .add("department.get", DepartmentMethods::get)
                .add("department.add", call -> NODES.numberNode(DepartmentEditing.add(call.caller(), call.params())))
                .add("department.update", call -> {
                    DepartmentEditing.update(call.caller(), call.params());
                    return NODES.booleanNode(true);
                })
                .add("department.delete", call -> {
                    DepartmentEditing.delete(call.caller(), call.params());
                    return NODES.booleanNode(true);
                });
    }

    /**
     * The departments a query selects: its FILTER object, or the query itself, names ID, NAME (the full name, any
     * case), SORT, PARENT and UF_HEAD exactly so (a list of IDs matches any of them); sort and order (any case)
     * read from the same object, so a filter's SORT is read as a sort field too, as the server reads it.
     */
    private static ListResult get(RestCall call) {
        Params p = call.params();
        ObjectNode query = p.phpArray("FILTER").orElse(p.tree()); // FILTER: [] is no filter (D149)
        Predicate<Department> matches = d -> true;
        for (Map.Entry<String, Function<Department, Object>> field : FILTERED.entrySet()) {
            JsonNode given = query.get(field.getKey());
            if (given != null && !given.isNull()) {
                Set<Long> wanted = Params.scalars(given).stream().map(v -> Params.phpInt(NODES.textNode(v)))
                        .collect(Collectors.toSet());
                matches = matches.and(d -> wanted.contains(field.getValue().apply(d)));
            }
        }
        JsonNode name = query.get("NAME");
        if (name != null && !name.isNull()) {
            matches = matches.and(d -> d.name().equalsIgnoreCase(name.asText()));
        }
        List<Department> found = call.portal().store(DepartmentStore.class).all().stream().filter(matches).toList();
        Params upper = new Params(query); // the server upper-cases the keys before it reads sort and order
        Comparator<Department> order = upper.node("SORT").filter(JsonNode::isTextual)
                .map(sort -> ORDERS.get(sort.asText().toUpperCase(Locale.ROOT))).orElse(null);
        if (order != null) {
            found = found.stream().sorted("DESC".equalsIgnoreCase(upper.textOrEmpty("ORDER")) ? order.reversed() : order)
                    .toList();
        }
        // CIBlockSection::GetList with the non-ORM navigation: the page START falls in (D143)
        return ListResult.numberedPage(found.stream().map(DepartmentMethods::json).toList(), p.phpInt("START"));
    }

    /** A department as department.get writes it: IDs as strings, SORT a number, PARENT and UF_HEAD only when set. */
    private static ObjectNode json(Department department) {
        ObjectNode json = NODES.objectNode();
        json.put("ID", Long.toString(department.id()));
        json.put("NAME", department.name());
        json.put("SORT", department.sort());
        if (department.parent() != null) {
            json.put("PARENT", Long.toString(department.parent()));
        }
        if (department.head() != null) {
            json.put("UF_HEAD", Long.toString(department.head()));
        }
        return json;
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("ID", "ID");
        labels.put("NAME", "Department Name");
        labels.put("SORT", "Sorting Order");
        labels.put("PARENT", "Parent Department");
        labels.put("UF_HEAD", "Manager");
        return java.util.Collections.unmodifiableMap(labels);
    }
}
