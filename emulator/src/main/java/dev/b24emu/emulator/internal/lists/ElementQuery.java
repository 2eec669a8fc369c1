package dev.b24emu.emulator.internal.lists;

import dev.b24emu.emulator.internal.transport.Params;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lists.element.get's FILTER and ELEMENT_ORDER (specs/DECISIONS.md D174): the keys IRestService::sanitizeFilter lets
 * through (the element's own fields, the list's fields, PROPERTY_ and a property's code) with its operators, matched
 * as CIBlockElement::GetList matches them: a list of values is any of them, a multiple property matches when any
 * of its values does.
 */
public final class ElementQuery {
    private static final Pattern KEY = Pattern.compile("^([^a-zA-Z]*)(.*)$");
    private static final Set<String> OPERATIONS = Set.of("", "=", "!", "%", "!%", ">", ">=", "<", "<=", "><", "!><", "*");
    private static final Set<String> ELEMENT_FIELDS = Set.of("ID", "ACTIVE", "NAME", "TAGS", "XML_ID", "EXTERNAL_ID",
            "PREVIEW_TEXT", "PREVIEW_TEXT_TYPE", "DETAIL_TEXT", "DETAIL_TEXT_TYPE", "PREVIEW_PICTURE", "DETAIL_PICTURE",
            "SEARCHABLE_CONTENT", "SORT", "TIMESTAMP_X", "DATE_MODIFY_FROM", "DATE_MODIFY_TO", "MODIFIED_USER_ID",
            "MODIFIED_BY", "DATE_CREATE", "CREATED_USER_ID", "CREATED_BY", "DATE_ACTIVE_FROM", "DATE_ACTIVE_TO",
            "ACTIVE_DATE", "ACTIVE_FROM", "ACTIVE_TO", "SECTION_ID");

    private ElementQuery() {
    }

    /** The elements FILTER keeps, in ELEMENT_ORDER (ID ascending by default). */
    public static List<ListElement> run(ListStore store, UniversalList list, JsonNode filter, JsonNode order) {
        List<Predicate<ListElement>> conditions = new ArrayList<>();
        if (filter != null && filter.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                conditions.add(condition(store, list, entry.getKey().toUpperCase(Locale.ROOT), entry.getValue()));
            }
        }
        List<ListElement> kept = new ArrayList<>(store.elements(list.id()).stream()
                .filter(e -> conditions.stream().allMatch(c -> c.test(e))).toList());
        kept.sort(order(store, list, order));
        return kept;
    }

    private static Predicate<ListElement> condition(ListStore store, UniversalList list, String key, JsonNode value) {
        Matcher m = KEY.matcher(key);
        m.matches();
        String operation = m.group(1);
        String field = m.group(2);
        if (!OPERATIONS.contains(operation)) {
            throw Lists.error("ERROR_ARGUMENT", "Filter operation not allowed: " + operation);
        }
        Optional<ListField> property = property(store, list, field);
        if (!ELEMENT_FIELDS.contains(field) && store.field(list.id(), field).isEmpty() && property.isEmpty()) {
            throw Lists.error("ERROR_ARGUMENT", "Filter field not allowed: " + field);
        }
        List<String> wanted = new ArrayList<>();
        if (value.isContainerNode()) {
            value.forEach(v -> wanted.add(v.asText()));
        } else {
            wanted.add(value.isNull() ? "" : value.asText());
        }
        return element -> {
            List<String> actual = property.map(p -> List.copyOf(element.properties()
                    .getOrDefault(p.fieldId(), Map.of()).values())).orElseGet(() -> List.of(own(element, field)));
            boolean any = actual.stream().anyMatch(a -> matches(operation, a, wanted));
            if (actual.isEmpty()) {
                any = matches(operation, "", wanted);
            }
            return any;
        };
    }

    private static Optional<ListField> property(ListStore store, UniversalList list, String field) {
        if (!field.startsWith("PROPERTY_")) {
            return Optional.empty();
        }
        return store.field(list.id(), field).filter(ListField::isProperty).or(() -> store.fields(list.id()).stream()
                .filter(f -> f.isProperty() && field.substring(9).equalsIgnoreCase(f.code())).findFirst());
    }

    /** An element's own field as the table keeps it. */
    private static String own(ListElement element, String field) {
        return switch (field) {
            case "ID" -> Long.toString(element.id());
            case "NAME" -> element.name();
            case "ACTIVE" -> "Y";
            case "CREATED_BY", "CREATED_USER_ID" -> Long.toString(element.createdBy());
            case "SECTION_ID" -> Long.toString(element.sectionId());
            case "SORT" -> element.fields().getOrDefault("SORT", "500").isBlank() ? "500" : element.fields().get("SORT");
            default -> element.fields().getOrDefault(field, "");
        };
    }

    /**
     * One value against the wanted ones: = and none equal (none ignoring case for text), ! unequal, % and * contain,
     * !% not, the comparisons by number when both are numbers, >< between the two given (!>< outside).
     */
    private static boolean matches(String operation, String actual, List<String> wanted) {
        return switch (operation) {
            case "><" -> wanted.size() >= 2 && compare(actual, wanted.get(0)) >= 0 && compare(actual, wanted.get(1)) <= 0;
            case "!><" -> !(wanted.size() >= 2 && compare(actual, wanted.get(0)) >= 0 && compare(actual, wanted.get(1)) <= 0);
            case "!" -> wanted.stream().noneMatch(w -> equal(actual, w));
            case "!%" -> wanted.stream().noneMatch(w -> contains(actual, w));
            case "%", "*" -> wanted.stream().anyMatch(w -> contains(actual, w));
            case ">" -> wanted.stream().anyMatch(w -> compare(actual, w) > 0);
            case ">=" -> wanted.stream().anyMatch(w -> compare(actual, w) >= 0);
            case "<" -> wanted.stream().anyMatch(w -> compare(actual, w) < 0);
            case "<=" -> wanted.stream().anyMatch(w -> compare(actual, w) <= 0);
            default -> wanted.stream().anyMatch(w -> equal(actual, w));
        };
    }

    private static boolean equal(String actual, String wanted) {
        return compare(actual, wanted) == 0;
    }

    private static boolean contains(String actual, String wanted) {
        return dev.b24emu.emulator.internal.transport.SqlLike.contains(actual, wanted);
    }

    private static int compare(String a, String b) {
        Optional<BigDecimal> x = number(a);
        Optional<BigDecimal> y = number(b);
        if (x.isPresent() && y.isPresent()) {
            return x.get().compareTo(y.get());
        }
        return a.compareToIgnoreCase(b);
    }

    private static Optional<BigDecimal> number(String text) {
        if (!text.trim().matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Params.decimal(text.trim()));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    /**
     * ELEMENT_ORDER: ID, the element's fields and the properties of one value; other keys dropped, as the server
     * drops them; ID ascending when none is left.
     */
    private static Comparator<ListElement> order(ListStore store, UniversalList list, JsonNode order) {
        Comparator<ListElement> sorted = null;
        if (order != null && order.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = order.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String field = entry.getKey().toUpperCase(Locale.ROOT);
                Optional<ListField> property = property(store, list, field).filter(p -> !p.multiple());
                if (property.isEmpty() && !ELEMENT_FIELDS.contains(field)) {
                    continue;
                }
                Comparator<ListElement> by = (a, b) -> compare(value(a, field, property), value(b, field, property));
                if (entry.getValue().asText("").toLowerCase(Locale.ROOT).contains("desc")) {
                    by = by.reversed();
                }
                sorted = sorted == null ? by : sorted.thenComparing(by);
            }
        }
        Comparator<ListElement> byId = Comparator.comparingLong(ListElement::id);
        return sorted == null ? byId : sorted.thenComparing(byId);
    }

    private static String value(ListElement element, String field, Optional<ListField> property) {
        return property.map(p -> element.properties().getOrDefault(p.fieldId(), Map.of()).values().stream()
                .findFirst().orElse("")).orElseGet(() -> own(element, field));
    }
}
