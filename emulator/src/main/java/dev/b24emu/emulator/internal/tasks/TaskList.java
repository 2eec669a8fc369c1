package dev.b24emu.emulator.internal.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * tasks.task.list's filter and order (CTasks::GetList): filter keys with the prefixes !, <, <=, >, >= (and % for a
 * title's part), a date's value in any form strtotime reads, ::SUBFILTER-… groups joined by their ::LOGIC; order by the sortable columns only, by ID descending
 * when none is given (tasks-task-list.md), any other key "Invalid sorting key".
 */
public final class TaskList {
    private static final List<String> PREFIXES = List.of("!=", ">=", "<=", "!", ">", "<", "=", "%");
    /** CTasks::getAvailableOrderFields, of the columns the emulator keeps */
    private static final Set<String> SORTABLE = Set.of("ID", "TITLE", "DATE_START", "CREATED_DATE", "CHANGED_DATE",
            "CLOSED_DATE", "DEADLINE", "REAL_STATUS", "STATUS", "STATUS_COMPLETE", "PRIORITY", "MARK", "CREATED_BY",
            "RESPONSIBLE_ID", "GROUP_ID", "TIME_ESTIMATE", "ALLOW_CHANGE_DEADLINE", "ALLOW_TIME_TRACKING",
            "MATCH_WORK_TIME", "START_DATE_PLAN", "END_DATE_PLAN", "ACTIVITY_DATE", "SORTING");
    /**
     * the text columns CTasks::GetSqlByFilter compares as "string": without an operator, or with !, by SQL's LIKE (so
     * % and _ are patterns, "can search by pattern [%_]", tasks-task-list.md) in the table's case-blind collation
     */
    private static final Set<String> LIKE_TEXT = Set.of("TITLE");
    private static final Set<String> DATES = Set.of("DEADLINE", "CREATED_DATE", "CHANGED_DATE", "CLOSED_DATE",
            "DATE_START", "START_DATE_PLAN", "END_DATE_PLAN", "ACTIVITY_DATE", "STATUS_CHANGED_DATE");

    private TaskList() {
    }

    /** The tasks the filter keeps, in the order asked for. */
    public static List<Task> find(Portal portal, JsonNode filter, JsonNode order) {
        Comparator<ObjectNode> sorted = order(order);
        Predicate<ObjectNode> kept = filter(portal, filter);
        List<Map.Entry<ObjectNode, Task>> rows = new ArrayList<>();
        for (Task task : portal.store(TaskStore.class).all()) {
            ObjectNode record = TaskView.record(portal, task);
            if (kept.test(record)) {
                rows.add(Map.entry(record, task));
            }
        }
        rows.sort((a, b) -> sorted.compare(a.getKey(), b.getKey()));
        return rows.stream().map(Map.Entry::getValue).toList();
    }

    private static Comparator<ObjectNode> order(JsonNode order) {
        Comparator<ObjectNode> byId = Comparator.comparingLong(r -> r.path("ID").asLong());
        if (order == null || !order.isObject() || order.isEmpty()) {
            return byId.reversed();
        }
        Comparator<ObjectNode> sorted = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = order.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = entry.getKey().toUpperCase(Locale.ROOT);
            if (!SORTABLE.contains(field)) {
                throw RestError.of("0", "Invalid sorting key");
            }
            Comparator<ObjectNode> one = (a, b) -> ListQuery.compare(a.path(field).asText(""), b.path(field).asText(""));
            one = "DESC".equalsIgnoreCase(entry.getValue().asText()) ? one.reversed() : one;
            sorted = sorted == null ? one : sorted.thenComparing(one);
        }
        return sorted.thenComparing(byId);
    }

    /**
     * One level of the filter: its conditions joined by ::LOGIC (AND unless it says OR), a ::SUBFILTER-… key a group
     * of its own (CTasks::GetSqlByFilter).
     */
    private static Predicate<ObjectNode> filter(Portal portal, JsonNode filter) {
        if (filter == null || !filter.isObject()) {
            return r -> true;
        }
        List<Predicate<ObjectNode>> conditions = new ArrayList<>();
        boolean or = "OR".equalsIgnoreCase(filter.path("::LOGIC").asText(""));
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (key.startsWith("::SUBFILTER-")) {
                conditions.add(filter(portal, entry.getValue()));
                continue;
            }
            if (key.startsWith("::")) {
                continue; // ::LOGIC, read above
            }
            String prefix = PREFIXES.stream().filter(key::startsWith).findFirst().orElse("");
            String field = key.substring(prefix.length()).toUpperCase(Locale.ROOT);
            boolean negate = prefix.startsWith("!");
            String op = switch (prefix) {
                case "", "!" -> LIKE_TEXT.contains(field) ? "=%" : "=";
                case "=", "!=" -> "=";
                default -> prefix;
            };
            List<Predicate<String>> tests = new ArrayList<>();
            for (String value : Params.scalars(entry.getValue())) {
                String expected = DATES.contains(field) ? PhpDates.strtotime(value, portal.settings().timeZone())
                        .map(portal::iso).orElse(value) : value;
                tests.add(ListQuery.matcher(op, expected));
            }
            Predicate<ObjectNode> test = record -> values(record.get(field)).stream()
                    .anyMatch(actual -> tests.stream().anyMatch(t -> t.test(actual)));
            conditions.add(negate ? test.negate() : test);
        }
        return record -> or ? conditions.stream().anyMatch(c -> c.test(record))
                : conditions.stream().allMatch(c -> c.test(record));
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            values.add("");
        } else if (node.isArray()) {
            node.forEach(v -> values.add(v.asText("")));
        } else {
            values.add(node.asText(""));
        }
        return values;
    }
}
