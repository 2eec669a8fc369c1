package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.transport.Params;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * FILTER, SORT and ORDER of voximplant.statistic.get (api-reference/telephony/voximplant/voximplant-statistic-get.md)
 * and voximplant.sip.get (sip/voximplant-sip-get.md), over a set of fields {@code F}.
 * A filter key is {@code <operator><FIELD>}: no operator or {@code =} equal, {@code !} and {@code !=} not equal,
 * {@code > >= < <=}, {@code ><} between and {@code !><} not between (a [from, to] pair, inclusive), {@code %} and
 * {@code ?} contain, {@code !%} does not contain; an array value means any of its values. Numbers compare as numbers,
 * CALL_START_DATE by instant (a value without offset is read in the portal's zone), text without regard to case, as
 * MySQL's collation does (specs/DECISIONS.md D61); CALL_START_DATE is read as strtotime reads it (D162). Like the
 * server, keys naming no field or operator and empty arrays are dropped (the parameter schema reports them, D27), a
 * value keyed by names is a sub-filter joined with AND, and sorting needs both a valid SORT and ORDER.
 */
public final class FilterQuery<F extends Enum<F> & FilterQuery.Field> {
    public enum Op { EQ, NOT, GT, GE, LT, LE, BETWEEN, NOT_BETWEEN, LIKE, NOT_LIKE }

    /** A field FILTER and SORT may name; its values are Long, BigDecimal, Instant, String or null. */
    public interface Field {
        /** How values of a field compare: numbers numerically, dates by instant, text without regard to case. */
        enum Kind { NUMBER, DECIMAL, DATE, TEXT }

        Kind kind();

        boolean filterable();

        boolean sortable();

        /** The name FILTER and SORT give it (the constant's, where a Java name can spell it). */
        default String wireName() {
            return ((Enum<?>) this).name();
        }
    }

    /** Longest prefixes first, so "!><" is not read as "!" and "><". */
    private static final List<Map.Entry<String, Op>> PREFIXES = List.of(Map.entry("!><", Op.NOT_BETWEEN),
            Map.entry("><", Op.BETWEEN), Map.entry(">=", Op.GE), Map.entry("<=", Op.LE), Map.entry("!=", Op.NOT),
            Map.entry("!%", Op.NOT_LIKE), Map.entry("!", Op.NOT), Map.entry(">", Op.GT), Map.entry("<", Op.LT),
            Map.entry("=", Op.EQ), Map.entry("%", Op.LIKE), Map.entry("?", Op.LIKE));

    /** A filter value that cannot be read as its field's type ("abc" for a number): it equals nothing. */
    private static final Object UNREADABLE = new Object() {
        @Override
        public String toString() {
            return "unreadable";
        }
    };

    /** One condition: the field, the operator and the values, typed as the field's values (null for a JSON null). */
    public record Condition<F>(F field, Op op, List<Object> values) {
        boolean test(Object actual) {
            return switch (op) {
                case EQ -> any(actual, Op.EQ);
                case NOT -> !any(actual, Op.EQ);
                case GT, GE, LT, LE, LIKE -> any(actual, op);
                case NOT_LIKE -> !any(actual, Op.LIKE);
                case BETWEEN -> between(actual);
                case NOT_BETWEEN -> !between(actual);
            };
        }

        /** Whether one of the values stands in the relation to the field's value (a loop: this runs per record). */
        private boolean any(Object actual, Op relation) {
            for (int i = 0; i < values.size(); i++) {
                Object wanted = values.get(i);
                boolean holds = switch (relation) {
                    case EQ -> same(actual, wanted);
                    case GT -> compare(actual, wanted) > 0;
                    case GE -> compare(actual, wanted) >= 0;
                    case LT -> lessThan(actual, wanted, false);
                    case LE -> lessThan(actual, wanted, true);
                    default -> contains(actual, wanted);
                };
                if (holds) {
                    return true;
                }
            }
            return false;
        }

        private boolean between(Object actual) {
            return compare(actual, values.get(0)) >= 0 && lessThan(actual, values.get(1), true);
        }
    }

    private final List<Condition<F>> conditions;
    private final F sort;
    private final boolean descending;

    private FilterQuery(List<Condition<F>> conditions, F sort, boolean descending) {
        this.conditions = List.copyOf(conditions);
        this.sort = sort;
        this.descending = descending;
    }

    /** Reads FILTER, SORT and ORDER as the server does; what it does not understand is left out. */
    public static <F extends Enum<F> & Field> FilterQuery<F> of(Class<F> fields, JsonNode filter, JsonNode sort,
                                                                JsonNode order, ZoneId zone) {
        List<Condition<F>> conditions = new ArrayList<>();
        read(fields, filter, zone, conditions);
        // filterSortParam(trim(SORT)), filterOrderParam(trim(ORDER)): the server trims both (audit 60d)
        String sortName = sort == null ? null : Params.scalarText(sort).map(String::trim).orElse(null);
        String orderName = order == null ? null : Params.scalarText(order).map(String::trim).orElse(null);
        F sortField = null;
        if (sortName != null && sortName.equals(sortName.toUpperCase(Locale.ROOT))
                && ("ASC".equals(orderName) || "DESC".equals(orderName))) {
            sortField = named(fields, sortName).filter(Field::sortable).orElse(null);
        }
        return new FilterQuery<>(conditions, sortField, "DESC".equals(orderName));
    }

    /**
     * A filter's conditions, its sub-filters' among them: checkStatisticFilter keeps a value keyed by anything but
     * numbers ({"0": {"CALL_TYPE": 4}}, FILTER[0][CALL_TYPE]=4) as a filter of its own, which the ORM joins with
     * AND (its LOGIC key names no field and is dropped), and drops one that keeps nothing.
     */
    private static <F extends Enum<F> & Field> void read(Class<F> fields, JsonNode filter, ZoneId zone,
                                                         List<Condition<F>> conditions) {
        if (filter != null && filter.isArray()) {
            // FILTER[0][CALL_TYPE]=1 and a JSON list: keys 0..n, each a sub-filter to PHP (audit 60f: ignored)
            filter.forEach(item -> {
                if (subFilter(item)) {
                    read(fields, item, zone, conditions);
                }
            });
            return;
        }
        if (filter == null || !filter.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (subFilter(entry.getValue())) {
                read(fields, entry.getValue(), zone, conditions);
            } else {
                condition(fields, entry.getKey(), entry.getValue(), zone).ifPresent(conditions::add);
            }
        }
    }

    /** Whether a filter value is a filter of its own: an object with a key that is not an integer. */
    static boolean subFilter(JsonNode value) {
        if (value == null || !value.isObject()) {
            return false;
        }
        for (Iterator<String> keys = value.fieldNames(); keys.hasNext(); ) {
            if (!keys.next().matches("-?[0-9]+")) {
                return true;
            }
        }
        return false;
    }

    /** A field by name in any case (the server upper-cases FILTER keys). */
    public static <F extends Enum<F> & Field> Optional<F> named(Class<F> fields, String name) {
        for (F field : fields.getEnumConstants()) {
            if (field.wireName().equalsIgnoreCase(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    public List<Condition<F>> conditions() {
        return conditions;
    }

    /** This query with one more condition: the field equals the value (a right limited to one's own calls). */
    public FilterQuery<F> and(F field, Object value) {
        List<Condition<F>> more = new ArrayList<>(conditions);
        more.add(new Condition<>(field, Op.EQ, List.of(value)));
        return new FilterQuery<>(more, sort, descending);
    }

    /** This query's conditions on some of its fields alone (those read together from another table), unsorted. */
    public FilterQuery<F> only(java.util.function.Predicate<F> fields) {
        return new FilterQuery<>(conditions.stream().filter(c -> fields.test(c.field())).toList(), null, false);
    }

    /** This query without some of its conditions (those an index answered already). */
    public FilterQuery<F> without(java.util.Collection<Condition<F>> answered) {
        List<Condition<F>> rest = new ArrayList<>(conditions);
        rest.removeAll(answered);
        return new FilterQuery<>(rest, sort, descending);
    }

    /** Whether a record with these field values matches every condition. */
    public boolean matches(Function<F, Object> values) {
        for (Condition<F> condition : conditions) {
            if (!condition.test(values.apply(condition.field()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a record matches every condition, reading its fields with {@code value} (one function per query). */
    public <R> boolean matches(R record, BiFunction<F, R, Object> value) {
        for (int i = 0; i < conditions.size(); i++) {
            Condition<F> condition = conditions.get(i);
            if (!condition.test(value.apply(condition.field(), record))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the records stay in their natural (ID) order: no valid SORT and ORDER, or this field ascending. */
    public boolean keepsOrder(F idField) {
        return sort == null || (sort == idField && !descending);
    }

    /**
     * The requested order over records, then the natural order (the given tie-break). Nulls come first ascending,
     * as in MySQL.
     */
    public <R> Comparator<R> order(BiFunction<F, R, Object> value, Comparator<R> natural) {
        if (sort == null) {
            return natural;
        }
        Comparator<R> bySort = (a, b) -> nullsFirst(value.apply(sort, a), value.apply(sort, b));
        return (descending ? bySort.reversed() : bySort).thenComparing(natural);
    }

    private static <F extends Enum<F> & Field> Optional<Condition<F>> condition(Class<F> fields, String key,
                                                                                JsonNode value, ZoneId zone) {
        Op op = Op.EQ;
        String name = key;
        for (Map.Entry<String, Op> prefix : PREFIXES) {
            if (key.startsWith(prefix.getKey())) {
                op = prefix.getValue();
                name = key.substring(prefix.getKey().length());
                break;
            }
        }
        Optional<F> field = named(fields, name).filter(Field::filterable);
        if (field.isEmpty()) {
            return Optional.empty();
        }
        List<Object> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            values.add(null);
        } else if (value.isContainerNode()) {
            value.forEach(item -> values.add(typed(field.get(), item, zone)));
        } else {
            values.add(typed(field.get(), value, zone));
        }
        boolean pair = op == Op.BETWEEN || op == Op.NOT_BETWEEN;
        if (values.isEmpty() || (pair && values.size() != 2)) {
            return Optional.empty();
        }
        return Optional.of(new Condition<>(field.get(), op, values));
    }

    /** A filter value as its field's type: Long or BigDecimal, Instant, String; UNREADABLE when it is not one. */
    static Object typed(Field field, JsonNode node, ZoneId zone) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = Params.scalarText(node).orElse(null);
        if (text == null) {
            return UNREADABLE;
        }
        if (text.isBlank()) {
            return ""; // "empty", whatever the field's type: it matches empty fields
        }
        return switch (field.kind()) {
            case NUMBER, DECIMAL -> {
                Optional<Long> integer = Params.looseInteger(node);
                if (integer.isPresent()) {
                    yield integer.get();
                }
                try {
                    yield Params.decimal(text.trim());
                } catch (NumberFormatException notANumber) {
                    yield UNREADABLE;
                }
            }
            // CRestUtil::unConvertDateTime, strtotime: the portal's 02.12.2026 as well as ISO-8601 (D162)
            case DATE -> PhpDates.strtotime(text, zone).<Object>map(instant -> instant).orElse(UNREADABLE);
            case TEXT -> text;
        };
    }

    /** Equality; a JSON null or "" wanted matches an empty field. */
    private static boolean same(Object actual, Object wanted) {
        if (wanted == null || "".equals(wanted)) {
            return actual == null || "".equals(actual);
        }
        return actual != null && wanted != UNREADABLE && compare(actual, wanted) == 0;
    }

    /** Order of two non-null values; Integer.MIN_VALUE when they cannot be compared (null, unreadable). */
    private static int compare(Object actual, Object wanted) {
        if (actual == null || wanted == null || wanted == UNREADABLE) {
            return Integer.MIN_VALUE;
        }
        if (actual instanceof Long a && wanted instanceof Long w) {
            return Long.compare(a, w);
        }
        if (actual instanceof Number a && wanted instanceof Number w) {
            return decimal(a).compareTo(decimal(w));
        }
        if (actual instanceof Instant a && wanted instanceof Instant w) {
            return Integer.signum(a.compareTo(w));
        }
        if (actual instanceof String a && wanted instanceof String w) {
            return Integer.signum(a.compareToIgnoreCase(w));
        }
        return Integer.MIN_VALUE;
    }

    private static boolean lessThan(Object actual, Object wanted, boolean orEqual) {
        int order = compare(actual, wanted);
        return order != Integer.MIN_VALUE && (orEqual ? order <= 0 : order < 0);
    }

    private static boolean contains(Object actual, Object wanted) {
        if (actual == null || wanted == null || wanted == UNREADABLE) {
            return false;
        }
        return dev.b24emu.emulator.internal.transport.SqlLike.contains(text(actual), text(wanted));
    }

    private static String text(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : n instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal(n.toString());
    }

    private static int nullsFirst(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int order = compare(a, b);
        return order == Integer.MIN_VALUE ? 0 : order;
    }
}
