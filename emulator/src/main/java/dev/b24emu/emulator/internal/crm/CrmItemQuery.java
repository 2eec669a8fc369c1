package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * crm.item.list's filter and order as the Item controller reads them (specs/DECISIONS.md D167): keys converted from
 * camelCase to the common names, each checked against the fields the type allows (Validator\Filter and
 * Validator\Order), the first fault answered as INVALID_ARG_VALUE; then the ORM's operators, a numbered key a group of
 * conditions joined by its LOGIC.
 */
public final class CrmItemQuery {
    /** Validator\Filter::CORRECT_FILTER_FIELD_PREFIXES, longest first so "!=%" is not read as "!=" */
    private static final List<String> PREFIXES = List.of("!><", "!=%", "!%=", "><", ">=", "<=", "=%", "%=", "!=", "!%",
            "!@", "=", "%", ">", "<", "@", "!");
    /** the prefixes a list of values may follow */
    private static final Set<String> LIST_PREFIXES = Set.of("", "=", "@", "!@", "!=");
    private static final String INVALID = "INVALID_ARG_VALUE";

    /**
     * A record as a filter and an order read it: a field's value by name, null when it has none. An item made field by
     * field as they are read (crm.item.list over a large portal), or any object node ({@code node::get}).
     */
    @FunctionalInterface
    public interface Row {
        JsonNode get(String field);
    }

    private final Predicate<Row> filter;
    private final Comparator<Row> order;
    /** no filter and no order: every record, by ID, as the store keeps them */
    private final boolean everyRecordById;

    private CrmItemQuery(Predicate<Row> filter, Comparator<Row> order, boolean everyRecordById) {
        this.filter = filter;
        this.order = order;
        this.everyRecordById = everyRecordById;
    }

    /**
     * The fields a controller's filter may name (Validator\\Filter's allowed fields): how it reads a key's field name,
     * and the kind of each field it allows, none for one it does not.
     */
    record FilterFields(UnaryOperator<String> name, Function<String, Optional<CrmItemForm.Kind>> kind) {
        /** An item's fields, named in camelCase or in capitals, custom ones of any kind. */
        static FilterFields of(CrmEntityType type) {
            return new FilterFields(CrmItemForm::upperCase, field -> CrmItemForm.filterable(type, field)
                    ? Optional.of(CrmItemForm.kind(type, field).orElse(CrmItemForm.Kind.TEXT)) : Optional.empty());
        }
    }

    /** The filter and order given (null when not), or the controller's first complaint about them. */
    public static CrmItemQuery of(CrmEntityType type, JsonNode filter, JsonNode order, ZoneId zone) {
        Predicate<Row> kept = filter(FilterFields.of(type), filter, zone);
        Comparator<Row> byId = Comparator.comparingLong(r -> id(r.get("ID")));
        if (absent(order)) {
            return new CrmItemQuery(kept, byId, absent(filter));
        }
        Comparator<Row> sorted = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = objectOf(order, "Order should be an associative array").fields();
             it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = CrmItemForm.upperCase(entry.getKey());
            if (!CrmItemForm.filterable(type, field)) {
                throw RestError.of(INVALID, "Invalid order: field '" + field + "' is not allowed in order");
            }
            String direction = Params.scalarText(entry.getValue()).orElse("").toUpperCase(Locale.ROOT);
            if (!direction.equals("ASC") && !direction.equals("DESC")) {
                throw RestError.of(INVALID, "Invalid order: allowed sort directions are ASC, DESC. But got '"
                        + direction + "' for field '" + field + "'");
            }
            Comparator<Row> one = (a, b) -> ListQuery.compare(text(a.get(field)), text(b.get(field)));
            one = direction.equals("DESC") ? one.reversed() : one;
            sorted = sorted == null ? one : sorted.thenComparing(one);
        }
        return new CrmItemQuery(kept, sorted == null ? byId : sorted.thenComparing(byId), false);
    }

    /** What the filter keeps (everything when none is given), or the controller's first complaint about it. */
    static Predicate<Row> filter(FilterFields fields, JsonNode filter, ZoneId zone) {
        return absent(filter) ? r -> true : group(fields, objectOf(filter, "filter should be an associative array"), zone);
    }

    private static boolean absent(JsonNode filterOrOrder) {
        return filterOrOrder == null || filterOrOrder.isNull() || isEmptyList(filterOrOrder);
    }

    /**
     * Whether the query keeps every record in the order of their IDs (no filter, no order: most lists): a list may
     * then make the records of its page alone instead of every record of the type.
     */
    public boolean everyRecordById() {
        return everyRecordById;
    }

    /** The records the filter keeps, in order. */
    public <R extends Row> List<R> matching(List<R> records) {
        List<R> kept = new ArrayList<>();
        for (R record : records) {
            if (filter.test(record)) {
                kept.add(record);
            }
        }
        kept.sort(order);
        return kept;
    }

    private static long id(JsonNode id) {
        return id == null ? 0 : id.asLong();
    }

    private static boolean isEmptyList(JsonNode node) {
        return node.isArray() && node.isEmpty(); // [] is PHP's empty array
    }

    private static ObjectNode objectOf(JsonNode node, String complaint) {
        if (node.isArray()) { // PHP's array keyed 0, 1, …: what filter[0][logic]=OR decodes to, as {"0": …} does
            ObjectNode keyed = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < node.size(); i++) {
                keyed.set(Integer.toString(i), node.get(i));
            }
            return keyed;
        }
        if (!node.isObject()) {
            throw RestError.of(INVALID, complaint);
        }
        return (ObjectNode) node;
    }

    /** One level of the filter: its conditions joined by LOGIC (AND unless it says OR), numbered keys sub-groups. */
    private static Predicate<Row> group(FilterFields fields, ObjectNode filter, ZoneId zone) {
        List<Predicate<Row>> conditions = new ArrayList<>();
        boolean or = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (key.equalsIgnoreCase("LOGIC")) {
                or = "OR".equalsIgnoreCase(entry.getValue().asText());
            } else if (key.chars().allMatch(Character::isDigit) && !key.isEmpty() && entry.getValue().isObject()) {
                conditions.add(group(fields, (ObjectNode) entry.getValue(), zone));
            } else {
                conditions.add(condition(fields, key, entry.getValue(), zone));
            }
        }
        boolean any = or;
        return record -> any ? conditions.stream().anyMatch(c -> c.test(record))
                : conditions.stream().allMatch(c -> c.test(record));
    }

    private static Predicate<Row> condition(FilterFields fields, String key, JsonNode value, ZoneId zone) {
        String prefix = PREFIXES.stream().filter(key::startsWith).findFirst().orElse("");
        String field = fields.name().apply(key.substring(prefix.length()));
        String shown = prefix + field;
        CrmItemForm.Kind kind = fields.kind().apply(field).orElseThrow(() ->
                RestError.of(INVALID, "Invalid filter: field '" + shown + "' is not allowed in filter"));
        if (value.isContainerNode() && !LIST_PREFIXES.contains(prefix)) {
            throw RestError.of(INVALID, "Invalid filter: field '" + shown + "' has invalid value");
        }
        boolean negate = prefix.startsWith("!");
        String op = switch (prefix) {
            case "", "=", "@", "!", "!=", "!@" -> "=";
            case "!%" -> "%";
            case "!=%", "!%=" -> "=%";
            case "><", "!><" -> "><";
            default -> prefix;
        };
        Predicate<Row> test;
        if (value.isNull()) {
            test = record -> text(record.get(field)).isEmpty(); // null is IS NULL
        } else if (op.equals("><")) {
            test = record -> false; // BETWEEN needs two values, and the validator lets no list follow it
        } else {
            List<Predicate<String>> tests = expected(value, kind, zone).stream().map(v -> ListQuery.matcher(op, v))
                    .toList();
            test = record -> values(record.get(field), kind).stream()
                    .anyMatch(v -> tests.stream().anyMatch(t -> t.test(v)));
        }
        return negate ? test.negate() : test;
    }

    /**
     * The values a condition compares with, as the ORM converts them for the field: a flag's true, 1, "1", "true"
     * is Y and false, 0, "0", "false" N (BooleanField); a date's any form strtotime reads is its day in the portal's
     * zone (prepareFilter's unConvertDate), one it cannot read matching nothing.
     */
    private static List<String> expected(JsonNode value, CrmItemForm.Kind kind, ZoneId zone) {
        List<JsonNode> given = new ArrayList<>();
        if (value.isContainerNode()) { // a PHP array, keyed or not: its values (IN)
            value.forEach(given::add);
        } else {
            given.add(value);
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode one : given) {
            String text = one.isBoolean() ? Boolean.toString(one.asBoolean()) : Params.scalarText(one).orElse(null);
            if (text == null) {
                continue;
            }
            switch (kind) {
                case YN -> expected.add(switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "1", "y" -> "Y";
                    case "false", "0", "n" -> "N";
                    default -> text;
                });
                case DAY -> PhpDates.unConvertDate(text, zone).ifPresent(day -> expected.add(day.toString()));
                default -> expected.add(text);
            }
        }
        return expected;
    }

    /** A record's values of the field: a list's each, a date's day (its ISO form begins with it). */
    private static List<String> values(JsonNode node, CrmItemForm.Kind kind) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(v -> values.add(v.asText("")));
        } else {
            String text = text(node);
            values.add(kind == CrmItemForm.Kind.DAY && text.length() >= 10 ? text.substring(0, 10) : text);
        }
        return values;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? "" : node.asText("");
    }
}
