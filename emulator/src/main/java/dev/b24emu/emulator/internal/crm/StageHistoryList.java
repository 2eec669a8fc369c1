package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.Params;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * crm.stagehistory.list's rows as the StageHistory controller reads them (specs/DECISIONS.md D181): the filter held to
 * the type's fields as Validator\Filter holds it (a field it does not allow, or a list after an operator that takes
 * one value, answered INVALID_ARG_VALUE), the order and the select quietly keeping only the fields they may name
 * ("Compatibility with the previous version"), numbers written as numbers.
 */
public final class StageHistoryList {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** maps LEAD and DEAL to the fields of their rows, in the answer's order (getAllowedFields) */
    private static final Map<CrmEntityType, List<String>> FIELDS = Map.of(
            CrmEntityType.LEAD, List.of("ID", "TYPE_ID", "OWNER_ID", "CREATED_TIME", "STATUS_SEMANTIC_ID", "STATUS_ID"),
            CrmEntityType.DEAL, List.of("ID", "TYPE_ID", "OWNER_ID", "CREATED_TIME", "CATEGORY_ID", "STAGE_SEMANTIC_ID",
                    "STAGE_ID"));
    private static final Set<String> NUMBERS = Set.of("ID", "TYPE_ID", "OWNER_ID", "CATEGORY_ID");

    private StageHistoryList() {
    }

    /** The rows of the type's table the filter keeps, in the order asked (by ID when none is), every field in each. */
    public static List<ObjectNode> rows(StageHistoryStore store, CrmEntityType type, JsonNode filter, JsonNode order,
                                        ZoneId zone) {
        List<String> fields = FIELDS.get(type);
        Predicate<CrmItemQuery.Row> kept = CrmItemQuery.filter(new CrmItemQuery.FilterFields(UnaryOperator.identity(),
                field -> fields.contains(field) ? Optional.of(kind(field)) : Optional.empty()), filter, zone);
        List<ObjectNode> rows = new ArrayList<>();
        for (StageEntry entry : store.entries(type)) {
            ObjectNode row = row(type, entry);
            if (kept.test(row::get)) {
                rows.add(row);
            }
        }
        rows.sort(order(fields, order));
        return rows;
    }

    /** What each row answers: the fields the select names that the type has, in its order, ID last when it names none. */
    public static UnaryOperator<ObjectNode> selected(CrmEntityType type, JsonNode select) {
        List<String> fields = FIELDS.get(type);
        Set<String> names = new LinkedHashSet<>();
        if (select != null) {
            select.forEach(name -> Params.scalarText(name).filter(fields::contains).ifPresent(names::add));
        }
        if (names.isEmpty()) {
            return row -> row;
        }
        names.add("ID");
        return row -> {
            ObjectNode answer = NODES.objectNode();
            names.forEach(name -> answer.set(name, row.get(name)));
            return answer;
        };
    }

    private static ObjectNode row(CrmEntityType type, StageEntry entry) {
        ObjectNode row = NODES.objectNode().put("ID", entry.id()).put("TYPE_ID", entry.typeId())
                .put("OWNER_ID", entry.ownerId()).put("CREATED_TIME", entry.createdTime());
        if (type == CrmEntityType.DEAL) {
            return row.put("CATEGORY_ID", entry.categoryId()).put("STAGE_SEMANTIC_ID", entry.semanticId())
                    .put("STAGE_ID", entry.stageId());
        }
        return row.put("STATUS_SEMANTIC_ID", entry.semanticId()).put("STATUS_ID", entry.stageId());
    }

    private static CrmItemForm.Kind kind(String field) {
        return NUMBERS.contains(field) ? CrmItemForm.Kind.INT
                : field.equals("CREATED_TIME") ? CrmItemForm.Kind.DATE : CrmItemForm.Kind.TEXT;
    }

    /** prepareOrder: a field the rows have, DESC in any case or else ASC; anything else dropped; then by ID. */
    private static Comparator<ObjectNode> order(List<String> fields, JsonNode order) {
        Comparator<ObjectNode> byId = Comparator.comparingLong(row -> row.path("ID").asLong());
        if (order == null || !order.isObject()) {
            return byId;
        }
        Comparator<ObjectNode> sorted = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = order.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = entry.getKey();
            if (!fields.contains(field)) {
                continue;
            }
            boolean descending = Params.scalarText(entry.getValue()).map(v -> v.toUpperCase(Locale.ROOT))
                    .filter("DESC"::equals).isPresent();
            Comparator<ObjectNode> one = (a, b) -> ListQuery.compare(a.path(field).asText(""), b.path(field).asText(""));
            sorted = sorted == null ? (descending ? one.reversed() : one)
                    : sorted.thenComparing(descending ? one.reversed() : one);
        }
        return sorted == null ? byId : sorted.thenComparing(byId);
    }
}
