package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The filter / order / select / start of list methods (settings/how-to-call-rest-api/list-methods-pecularities.md): filter keys take the documented prefixes
 * (=, !, !=, >, >=, <, <=, %, !%, @, !@), pages hold 50 records and the envelope gets next and total.
 */
public final class ListQuery {
    public static final int PAGE_SIZE = 50;
    /** Multi-valued CRM fields: left out of a default selection (a filter matches any of their values). */
    private static final List<String> MULTIFIELDS = List.of("PHONE", "EMAIL", "WEB", "IM");
    /** longest first: "!=%" before "!=", "=%" before "=" (the list methods' operator table) */
    private static final String[] OPERATORS = {"!=%", "!%=", ">=", "<=", "=%", "%=", "!=", "!%", "!@", "=", "!", ">", "<",
        "%", "@"};

    private final Predicate<ObjectNode> filter;
    private final Comparator<ObjectNode> order;
    private final Set<String> select;
    private final int start;
    /** start = -1: "disables the total item count calculation" (huge-data.md): no total, no next */
    private final boolean counted;
    /** how start picks the page (D143) */
    private final Paging paging;

    /**
     * How a list method reads start. OFFSET: from that record (ORM lists, getNavData's "offset"); PAGE_NUMBER: the page
     * of 50 it falls in ({@code iNumPage = intval(start / 50) + 1}), the first page again past the last one
     * (CDBResult::NavStart without checkOutOfRange); ALL: start is not read, every record comes at once.
     */
    public enum Paging { OFFSET, PAGE_NUMBER, ALL }

    private ListQuery(Predicate<ObjectNode> filter, Comparator<ObjectNode> order, Set<String> select, int start,
                      boolean counted, Paging paging) {
        this.filter = filter;
        this.order = order;
        this.select = select;
        this.start = start;
        this.counted = counted;
        this.paging = paging;
    }

    /** start is read with PHP's intval, as the server does: "abc" is 0, a negative start turns the count off. */
    public static ListQuery from(Params params) {
        long start = params.start();
        return new ListQuery(filter(params.node("filter").orElse(null)), order(params.node("order").orElse(null)),
                select(params.node("select").orElse(null)), (int) Math.max(0, Math.min(Integer.MAX_VALUE, start)),
                start >= 0, Paging.OFFSET);
    }

    /** The same query with start read another way. */
    public ListQuery paged(Paging how) {
        return new ListQuery(filter, order, select, start, counted, how);
    }

    public ListResult run(Collection<ObjectNode> records) {
        return run(records, this::project);
    }

    /** The page, each record answered as {@code answer} makes it of the record (a method's own select). */
    public ListResult run(Collection<ObjectNode> records, UnaryOperator<ObjectNode> answer) {
        List<ObjectNode> matching = matching(records);
        ArrayNode page = JsonNodeFactory.instance.arrayNode();
        if (paging == Paging.ALL) {
            matching.forEach(record -> page.add(answer.apply(record)));
            return new ListResult(page, null, matching.size());
        }
        // long: a start near the int limit must not wrap to a negative next
        long first = paging == Paging.OFFSET ? start : ListResult.numberedFirst(start, matching.size());
        for (long i = first; i < Math.min(matching.size(), first + PAGE_SIZE); i++) {
            page.add(answer.apply(matching.get((int) i)));
        }
        if (!counted) {
            return new ListResult(page, null, ListResult.NOT_COUNTED);
        }
        long nextStart = first + PAGE_SIZE;
        Integer next = nextStart < matching.size() ? (int) nextStart : null;
        return new ListResult(page, next, matching.size());
    }

    /**
     * The first field named in select, filter (its operator prefix stripped) or order that is not one of the
     * entity's fields, for methods that refuse unknown fields (crm.calllist.list).
     */
    public static java.util.Optional<String> unknownField(Params params, Set<String> known) {
        List<String> named = new ArrayList<>(select(params.node("select").orElse(null)));
        params.node("filter").filter(JsonNode::isObject).ifPresent(f -> f.fieldNames()
                .forEachRemaining(key -> named.add(Key.of(key).field())));
        params.node("order").filter(JsonNode::isObject).ifPresent(o -> o.fieldNames().forEachRemaining(named::add));
        return named.stream().filter(f -> !f.equals("*") && !known.contains(f.toUpperCase(Locale.ROOT))).findFirst();
    }

    /** The records the filter keeps, in the requested order, unpaged. */
    public List<ObjectNode> matching(Collection<ObjectNode> records) {
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode record : records) {
            if (filter.test(record)) {
                matching.add(record);
            }
        }
        matching.sort(order);
        return matching;
    }

    /** The names select gives, upper-cased, in its order (empty: none given). */
    public Set<String> selected() {
        return java.util.Collections.unmodifiableSet(select);
    }

    /** The selected fields of a record: all scalar fields by default, multifields only when named. */
    public ObjectNode project(ObjectNode record) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        boolean all = select.isEmpty() || select.contains("*");
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            boolean multifield = MULTIFIELDS.contains(name);
            if (name.equals("ID") || select.contains(name) || (all && !multifield && !name.equals("COMMUNICATIONS")
                    && !name.equals("BINDINGS"))) {
                out.set(name, field.getValue());
            }
        }
        return out;
    }

    private static Set<String> select(JsonNode node) {
        Set<String> fields = new LinkedHashSet<>();
        if (node != null && node.isContainerNode()) {
            node.forEach(v -> Params.scalarText(v).ifPresent(s -> fields.add(s.toUpperCase(Locale.ROOT))));
        }
        return fields;
    }

    private static Comparator<ObjectNode> order(JsonNode node) {
        Comparator<ObjectNode> byId = Comparator.comparing(r -> number(r.path("ID").asText()),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        if (node == null || node.isArray() && node.isEmpty()) { // [] is PHP's empty array (b24phpsdk sends it)
            return byId;
        }
        // a JSON list is the PHP array keyed 0, 1, … (D149): keys that name no field, so the default order
        ObjectNode order = Params.phpArray(node).orElseThrow(() -> RestError.of("ERROR_CORE",
                "Parameter 'order' must be array"));
        // one comparator walking the keys, not a chain of one per key: 15,000 keys overflowed the stack, and each
        // comparison went through every link; a key named twice sorts by its first place, as a PHP array keeps one
        Map<String, Boolean> keys = new java.util.LinkedHashMap<>(); // field to descending
        for (Iterator<Map.Entry<String, JsonNode>> it = order.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            keys.putIfAbsent(entry.getKey().toUpperCase(Locale.ROOT), "DESC".equalsIgnoreCase(entry.getValue().asText()));
        }
        if (keys.isEmpty()) {
            return byId;
        }
        List<Map.Entry<String, Boolean>> byKey = List.copyOf(keys.entrySet());
        Comparator<ObjectNode> ordered = (a, b) -> {
            for (Map.Entry<String, Boolean> key : byKey) {
                int compared = compare(a.path(key.getKey()).asText(""), b.path(key.getKey()).asText(""));
                if (compared != 0) {
                    return key.getValue() ? -compared : compared;
                }
            }
            return 0;
        };
        return ordered.thenComparing(byId);
    }

    private static Predicate<ObjectNode> filter(JsonNode node) {
        if (node == null || node.isArray() && node.isEmpty()) { // [] is PHP's empty array (b24phpsdk sends it)
            return r -> true;
        }
        ObjectNode filter = Params.phpArray(node).orElseThrow(() -> RestError.of("ERROR_CORE",
                "Parameter 'filter' must be array"));
        Predicate<ObjectNode> all = r -> true;
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Key key = Key.of(entry.getKey());
            all = all.and(condition(key.field().toUpperCase(Locale.ROOT),
                    key.operator().isEmpty() ? "=" : key.operator(), entry.getValue()));
        }
        return all;
    }

    /**
     * A filter key split as the server's CSqlUtil::GetFilterOperation splits it: its operator prefix ("" when it has
     * none) and the field it names.
     */
    public record Key(String operator, String field) {
        public static Key of(String key) {
            for (String candidate : OPERATORS) {
                if (key.startsWith(candidate)) {
                    return new Key(candidate, key.substring(candidate.length()));
                }
            }
            return new Key("", key);
        }
    }

    private static Predicate<ObjectNode> condition(String field, String operator, JsonNode value) {
        List<String> wanted = Params.scalars(value);
        boolean negate = operator.startsWith("!");
        String op = negate && operator.length() > 1 ? operator.substring(1) : operator.equals("!") ? "=" : operator;
        // each expected value's test built once, not per record (a LIKE pattern compiled once)
        List<Predicate<String>> tests = wanted.stream().map(expected -> matcher(op, expected)).toList();
        Predicate<ObjectNode> test = record -> values(record, field).stream()
                .anyMatch(actual -> tests.stream().anyMatch(t -> t.test(actual)));
        return negate ? test.negate() : test;
    }

    private static List<String> values(ObjectNode record, String field) {
        JsonNode node = record.get(field);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            values.add("");
        } else if (node.isArray()) {
            node.forEach(item -> values.add(item.isObject() ? item.path("VALUE").asText("") : item.asText("")));
        } else {
            values.add(node.asText(""));
        }
        return values;
    }

    /**
     * One operator's test of a field's value against one expected value, as the list filters read them: none, = and @
     * equal (numbers as numbers, text ignoring case), % contains, =% and %= the value as a LIKE pattern ("mol%"),
     * > >= < <= ordered by {@link #compare}. Negations are the caller's.
     */
    public static Predicate<String> matcher(String op, String expected) {
        return switch (op) {
            case "%" -> actual -> SqlLike.contains(actual, expected);
            case "=%", "%=" -> actual -> SqlLike.matches(actual, expected);
            case ">" -> compared(expected, order -> order > 0);
            case ">=" -> compared(expected, order -> order >= 0);
            case "<" -> compared(expected, order -> order < 0);
            case "<=" -> compared(expected, order -> order <= 0);
            default -> compared(expected, order -> order == 0);
        };
    }

    /**
     * Numbers as numbers; two date-times with offsets as instants (a filter written in +03:00 finds records kept in
     * UTC); anything else as text.
     */
    public static int compare(String a, String b) {
        return compare(Operand.of(a), Operand.of(b));
    }

    /** A value read once for every comparison with it: the filter's own value is not parsed again for each record. */
    private record Operand(String text, BigDecimal number, java.time.OffsetDateTime time) {
        static Operand of(String s) {
            BigDecimal number = ListQuery.number(s);
            return new Operand(s, number, number == null ? ListQuery.dateTime(s) : null);
        }
    }

    private static Predicate<String> compared(String expected, java.util.function.IntPredicate order) {
        Operand wanted = Operand.of(expected);
        return actual -> order.test(compare(Operand.of(actual), wanted));
    }

    private static int compare(Operand a, Operand b) {
        if (a.number() != null && b.number() != null) {
            return a.number().compareTo(b.number());
        }
        if (a.time() != null && b.time() != null) { // a number is never a date-time: read only for what is not one
            return a.time().toInstant().compareTo(b.time().toInstant());
        }
        return a.text().compareToIgnoreCase(b.text());
    }

    /** Whether BigDecimal could read it: digits, a sign, a point and an exponent only. */
    private static boolean mayBeNumber(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }

    private static java.time.OffsetDateTime dateTime(String s) {
        if (s.length() < 20 || s.charAt(4) != '-' || s.charAt(10) != 'T') {
            return null; // not a date-time: a quick no before the parser's exception
        }
        try {
            return java.time.OffsetDateTime.parse(s.trim());
        } catch (java.time.format.DateTimeParseException notOne) {
            return null;
        }
    }

    private static BigDecimal number(String s) {
        if (s == null || s.isBlank() || !mayBeNumber(s.trim())) {
            return null; // text, told apart without the parser's exception (7 µs each, for every record and value)
        }
        try {
            return Params.decimal(s.trim());
        } catch (NumberFormatException notNumeric) {
            return null;
        }
    }
}
