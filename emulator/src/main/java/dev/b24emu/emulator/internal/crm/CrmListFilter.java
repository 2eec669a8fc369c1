package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;
import dev.b24emu.emulator.internal.transport.ListQuery;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The filter of crm.{lead,contact,company,deal}.list as the real server reads it before any record is looked at
 * (CCrmRestProxyBase::internalizeFilterFields, then CCrmEntityHelper::PrepareMultiFieldFilter; D141):
 * <ul>
 * <li>a key naming no field of the object (crm.{type}.fields, names as they are written there: "title" is not
 *     TITLE) is dropped, so the list comes without that condition;</li>
 * <li>PHONE, EMAIL, WEB and IM are matched only without an operator, against the beginning of a stored value
 *     ({@code VALUE LIKE 'v%'}: the value trimmed, its % removed, _ any one character, case ignored; the first value
 *     of an array; an empty one is no condition); with an operator the key is dropped;</li>
 * <li>% , %= and =% on a reference-guide, company or contact field compare for equality, "due to performance
 *     considerations".</li>
 * <li>an activity's BINDINGS, a list of {OWNER_TYPE_ID, OWNER_ID} (either or both), keeps the activities bound to
 *     an object any of them describes (crm-activity-list.md's note on filter[BINDINGS]; PrepareBindingsFilterSql);</li>
 * <li>a value for a `datetime` field is read by unConvertDateTime, one for a `date` field by unConvertDate: PHP's
 *     strtotime, so "2026-12-06 23:59:59" or "06.12.2026" is that moment in the portal's zone (PhpDates); a value
 *     strtotime cannot read is left as given.</li>
 * </ul>
 * Custom UF_CRM_ fields are kept as the emulator keeps them (as though the portal had them, D130).
 */
public final class CrmListFilter {
    private static final Set<String> LIKE_AS_EQUAL = Set.of("%", "%=", "=%");
    private static final Set<String> REFERENCES = Set.of("crm_status", "crm_company", "crm_contact");

    /**
     * @param rest        the filter left for the generic list filter (null when the request's filter is not an
     *                    object: the list filter reads it, and answers what is wrong with it)
     * @param multifields the records the multifield conditions keep
     * @param dropped     what the server drops without a word, each in a sentence that names the key
     * @param copies      how many times a kept record is listed: once, or, under a BINDINGS filter, once for each of
     *                    its bindings the filter names (the join's rows: crm-activity-list.md "will be output twice")
     */
    public record Prepared(ObjectNode rest, Predicate<ObjectNode> multifields, List<String> dropped,
                           ToIntFunction<ObjectNode> copies) {
        Prepared(ObjectNode rest, Predicate<ObjectNode> multifields, List<String> dropped) {
            this(rest, multifields, dropped, record -> 1);
        }
    }

    private CrmListFilter() {
    }

    /**
     * @param object the object's name in crm.{object}.fields ("contact")
     * @param digits compare PHONE by its digits (8 for a leading 7 too), the emulator's earlier convenience, instead
     *               of the stored text's beginning (the portal setting phoneFilterDigits)
     */
    public static Prepared prepare(String object, JsonNode filter, boolean digits, ZoneId zone, Instant now) {
        if (filter != null && filter.isArray() && !filter.isEmpty()) {
            filter = dev.b24emu.emulator.internal.transport.Params.phpArray(filter).orElseThrow(); // keys 0, 1, … (D149)
        }
        if (filter == null || !filter.isObject()) {
            return new Prepared(null, record -> true, List.of());
        }
        ObjectNode rest = JsonNodeFactory.instance.objectNode();
        Predicate<ObjectNode> multifields = record -> true;
        ToIntFunction<ObjectNode> copies = record -> 1;
        List<String> dropped = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            ListQuery.Key key = ListQuery.Key.of(entry.getKey());
            if (key.field().startsWith("UF_CRM_")) {
                rest.set(entry.getKey(), entry.getValue());
                continue;
            }
            JsonNode field = CrmFieldDescriptions.field(object, key.field()).orElse(null);
            String type = field == null ? "" : field.path("type").asText();
            if (field == null) {
                dropped.add("filter[" + entry.getKey() + "]: " + key.field() + " is not a field of crm." + object
                        + " (crm." + object + ".fields): the real server ignores the condition");
            } else if (type.equals("crm_multifield") && !key.operator().isEmpty()) {
                dropped.add("filter[" + entry.getKey() + "]: the real server filters " + key.field()
                        + " only without an operator (by the beginning of a stored value) and ignores this condition");
            } else if (type.equals("crm_multifield")) {
                String value = firstValue(entry.getValue()).strip().replace("%", "");
                if (!value.isEmpty()) {
                    multifields = multifields.and(matching(key.field(), value, digits && key.field().equals("PHONE")));
                }
            } else if (REFERENCES.contains(type) && LIKE_AS_EQUAL.contains(key.operator())) {
                rest.set("=" + key.field(), entry.getValue());
            } else if (type.equals("crm_activity_binding") && !key.operator().isEmpty()) {
                dropped.add("filter[" + entry.getKey() + "]: the real server reads BINDINGS only as the key itself,"
                        + " without an operator, and ignores this condition");
            } else if (type.equals("crm_activity_binding")) {
                Optional<ToIntFunction<ObjectNode>> bound = bound(entry.getValue());
                if (bound.isPresent()) {
                    ToIntFunction<ObjectNode> matches = bound.get();
                    multifields = multifields.and(record -> matches.applyAsInt(record) > 0);
                    copies = matches;
                } else {
                    dropped.add("filter[BINDINGS]: no {OWNER_TYPE_ID, OWNER_ID} in it: the real server ignores it");
                }
            } else if (type.equals("datetime") || type.equals("date")) {
                rest.set(entry.getKey(), moments(entry.getValue(), type.equals("date"), zone, now));
            } else {
                rest.set(entry.getKey(), entry.getValue());
            }
        }
        return new Prepared(rest, multifields, dropped, copies);
    }

    /**
     * A date filter's value (or each of a list's) as the stored dates are written: a datetime as ISO-8601 in the
     * portal's zone, a day as ConvertDate writes it.
     */
    private static JsonNode moments(JsonNode value, boolean day, ZoneId zone, Instant now) {
        // a new container filled from the bottom up: a copy at each level (of all below it) held depth × width
        // nodes at once, and a 200 KB filter of nested lists ran the heap out
        if (value.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode converted = JsonNodeFactory.instance.arrayNode(value.size());
            value.forEach(item -> converted.add(moments(item, day, zone, now)));
            return converted;
        }
        if (value.isObject()) {
            ObjectNode converted = JsonNodeFactory.instance.objectNode();
            value.fields().forEachRemaining(field -> converted.set(field.getKey(), moments(field.getValue(), day, zone, now)));
            return converted;
        }
        if (value.isNull()) {
            return value;
        }
        Optional<Instant> read = PhpDates.strtotime(value.asText(), zone);
        if (read.isEmpty()) {
            return value;
        }
        return JsonNodeFactory.instance.textNode(day
                ? PhpDates.convertDate(read.get().atZone(zone).toLocalDate(), zone, now)
                : IsoTime.format(read.get(), zone));
    }

    /**
     * How many of an activity's bindings match one of the filter's {OWNER_TYPE_ID, OWNER_ID} (the rows of the join
     * PrepareBindingsFilterSql makes, each listed); none when the value
     * names no such pair (a string, a list of numbers, an empty list), which PrepareBindingsFilterSql makes no join of.
     */
    private static Optional<ToIntFunction<ObjectNode>> bound(JsonNode wanted) {
        List<JsonNode> conditions = new ArrayList<>();
        if (wanted.isContainerNode()) {
            wanted.forEach(one -> {
                if (one.isObject() && (one.has("OWNER_TYPE_ID") || one.has("OWNER_ID"))) {
                    conditions.add(one);
                }
            });
        }
        if (conditions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(record -> {
            int matching = 0;
            for (JsonNode binding : record.path("BINDINGS")) {
                for (JsonNode condition : conditions) {
                    if (same(condition, binding, "OWNER_TYPE_ID") && same(condition, binding, "OWNER_ID")) {
                        matching++;
                        break;
                    }
                }
            }
            return matching;
        });
    }

    private static boolean same(JsonNode condition, JsonNode binding, String key) {
        return !condition.has(key) || condition.get(key).asText().trim().equals(binding.path(key).asText());
    }

    /** PrepareMultiFieldFilter's {@code count($v) ? $v[0] : ''}: the first of a list, "" for a map without 0. */
    private static String firstValue(JsonNode value) {
        JsonNode first = value.isArray() ? value.get(0) : value.isObject() ? value.get("0") : value;
        return first == null || first.isContainerNode() || first.isNull() ? "" : first.asText();
    }

    private static Predicate<ObjectNode> matching(String field, String value, boolean digits) {
        Predicate<String> test;
        if (digits) {
            String key = PhoneNumbers.matchKey(value);
            test = stored -> PhoneNumbers.matchKey(stored).equals(key);
        } else {
            test = ListQuery.matcher("=%", value + "%");
        }
        return record -> {
            for (JsonNode stored : record.path(field)) {
                if (test.test(stored.path("VALUE").asText(""))) {
                    return true;
                }
            }
            return false;
        };
    }
}
