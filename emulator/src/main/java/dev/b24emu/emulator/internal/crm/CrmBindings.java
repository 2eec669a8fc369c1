package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.transport.Params;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A CRM object's clients as the binding tables keep them (b_crm_contact_company, b_crm_deal_contact,
 * b_crm_lead_contact; specs/DECISIONS.md D165): rows of a target's ID, a SORT and a primary flag, of which the owner's
 * single field (a contact's COMPANY_ID, a deal's or lead's CONTACT_ID) is the smallest primary ID. The rows are kept
 * in the owner's fields under a key no answer shows; an object written before has one row made of its single field.
 */
public final class CrmBindings {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One row: the target's ID, its sort index and whether it is the primary binding. */
    public record Binding(long id, int sort, boolean primary) {
        Binding primary(boolean primary) {
            return new Binding(id, sort, primary);
        }
    }

    /**
     * The kinds of binding an object has: the owner's type, the target's, the key the rows are kept under, the
     * owner's single field and the list field add and update read (COMPANY_IDS / CONTACT_IDS).
     */
    public enum Kind {
        CONTACT_COMPANY(CrmEntityType.CONTACT, CrmEntityType.COMPANY, "COMPANY_BINDINGS", "COMPANY_ID", "COMPANY_IDS"),
        DEAL_CONTACT(CrmEntityType.DEAL, CrmEntityType.CONTACT, "CONTACT_BINDINGS", "CONTACT_ID", "CONTACT_IDS"),
        LEAD_CONTACT(CrmEntityType.LEAD, CrmEntityType.CONTACT, "CONTACT_BINDINGS", "CONTACT_ID", "CONTACT_IDS");

        private final CrmEntityType owner;
        private final CrmEntityType target;
        private final String key;
        private final String single;
        private final String list;

        Kind(CrmEntityType owner, CrmEntityType target, String key, String single, String list) {
            this.owner = owner;
            this.target = target;
            this.key = key;
            this.single = single;
            this.list = list;
        }

        public CrmEntityType owner() {
            return owner;
        }

        public CrmEntityType target() {
            return target;
        }

        /** The field naming the target in a row and in add's fields: COMPANY_ID or CONTACT_ID. */
        public String targetField() {
            return single;
        }

        /** The binding an object of this type has, if any. */
        public static Optional<Kind> of(CrmEntityType owner) {
            for (Kind kind : values()) {
                if (kind.owner == owner) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    private CrmBindings() {
    }

    /** The rows in SORT order (the table's own order; ties in the order they were written). */
    public static List<Binding> read(Kind kind, JsonNode fields) {
        JsonNode kept = fields.get(kind.key);
        List<Binding> rows = new ArrayList<>();
        if (kept != null && kept.isArray()) {
            kept.forEach(row -> rows.add(new Binding(row.path("ID").asLong(), row.path("SORT").asInt(),
                    row.path("IS_PRIMARY").asBoolean())));
        } else {
            long single = Params.phpInt(fields.path(kind.single));
            if (single > 0) {
                rows.add(new Binding(single, 10, true));
            }
        }
        rows.sort(Comparator.comparingInt(Binding::sort));
        return rows;
    }

    /** The IDs of every target bound, in SORT order. */
    public static List<Long> ids(Kind kind, JsonNode fields) {
        return read(kind, fields).stream().map(Binding::id).toList();
    }

    /** Writes the rows and the single field they decide: the smallest primary ID, null without one. */
    public static void write(Kind kind, ObjectNode fields, List<Binding> rows) {
        write(kind, fields, rows, rows.stream().filter(Binding::primary).mapToLong(Binding::id).min());
    }

    /**
     * Writes the rows and the single field as given: a company's unbinding of a contact sets the contact's COMPANY_ID
     * to the smallest of the companies left, primary or not, and marks none primary.
     */
    static void write(Kind kind, ObjectNode fields, List<Binding> rows, java.util.OptionalLong single) {
        ArrayNode kept = fields.putArray(kind.key);
        rows.stream().sorted(Comparator.comparingInt(Binding::sort)).forEach(row -> kept.addObject()
                .put("ID", row.id()).put("SORT", row.sort()).put("IS_PRIMARY", row.primary()));
        if (single.isPresent()) {
            fields.put(kind.single, Long.toString(single.getAsLong()));
        } else {
            fields.putNull(kind.single);
        }
        fields.remove(kind.list);
    }

    /** A row as items.get answers it: {COMPANY_ID|CONTACT_ID, SORT, ROLE_ID 0, IS_PRIMARY Y/N}, integers as integers. */
    public static ObjectNode answered(String targetField, Binding row) {
        return NODES.objectNode().put(targetField, row.id()).put("SORT", row.sort()).put("ROLE_ID", 0)
                .put("IS_PRIMARY", row.primary() ? "Y" : "N");
    }

    /**
     * The rows an add or update of the owner itself writes (CCrmContact::Add/Update, the deal's and lead's alike):
     * the list field (COMPANY_IDS) wins, each ID once, SORT 10, 20, … and the first primary; without it the single
     * field binds that one target — on update only when it is not bound already, 0 unbinding every one. Nothing when
     * neither is given.
     */
    static void fromFields(CrmEntityType type, JsonNode input, ObjectNode fields, boolean update) {
        Kind kind = Kind.of(type).orElse(null);
        if (kind == null) {
            return;
        }
        JsonNode list = input.get(kind.list);
        if (list != null && !list.isNull()) {
            Set<Long> ids = new LinkedHashSet<>();
            for (String id : Params.scalars(list)) {
                long value = Params.phpInt(NODES.textNode(id));
                if (value > 0) {
                    ids.add(value);
                }
            }
            List<Binding> rows = new ArrayList<>();
            for (long id : ids) {
                rows.add(new Binding(id, (rows.size() + 1) * 10, rows.isEmpty()));
            }
            write(kind, fields, rows);
            return;
        }
        JsonNode single = input.get(kind.single);
        if (single == null) {
            fields.remove(kind.list);
            return;
        }
        long id = Params.phpInt(single);
        List<Binding> bound = read(kind, fields);
        if (update && bound.stream().anyMatch(row -> row.id() == id)) {
            write(kind, fields, bound); // already bound: nothing changes
            return;
        }
        write(kind, fields, id > 0 ? List.of(new Binding(id, 10, true)) : List.of());
    }

    /**
     * The rows after add (CCrmEntityBindingProxy ADD): empty when the target is bound already (false, nothing
     * changes); SORT the given one or the largest plus 10; primary when asked ("Y") or when none is, the others then
     * not.
     */
    public static Optional<List<Binding>> added(List<Binding> rows, long id, Integer sort, boolean askedPrimary) {
        if (rows.stream().anyMatch(row -> row.id() == id)) {
            return Optional.empty();
        }
        int next = sort != null && sort > 0 ? sort
                : sortIndex(rows.stream().mapToLong(Binding::sort).max().orElse(0) + 10);
        boolean primary = askedPrimary || rows.stream().noneMatch(Binding::primary);
        List<Binding> result = new ArrayList<>();
        rows.forEach(row -> result.add(primary ? row.primary(false) : row));
        result.add(new Binding(id, next, primary));
        return Optional.of(result);
    }

    /** The rows after delete: empty when the target is not bound (false); a removed primary passes to the first left. */
    public static Optional<List<Binding>> removed(List<Binding> rows, long id) {
        Optional<Binding> gone = rows.stream().filter(row -> row.id() == id).findFirst();
        if (gone.isEmpty()) {
            return Optional.empty();
        }
        List<Binding> result = new ArrayList<>(rows.stream().filter(row -> row.id() != id).toList());
        if (gone.get().primary() && !result.isEmpty()) {
            result.set(0, result.get(0).primary(true));
        }
        return Optional.of(result);
    }

    /** A sort index as the table's integer column keeps it: a larger one is its largest value. */
    public static int sortIndex(long given) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, given));
    }

    /**
     * The rows items.set writes, every old one replaced: each item an object naming a target above 0 (others skipped),
     * SORT its own when above 0 or its place times 10, the first marked IS_PRIMARY "Y" primary, else the first row.
     */
    public static List<Binding> set(String targetField, List<JsonNode> items) {
        List<Binding> rows = new ArrayList<>();
        int primary = -1;
        for (JsonNode item : items) {
            if (!item.isObject()) {
                continue;
            }
            long id = Params.phpInt(item.path(targetField));
            if (id <= 0 || rows.stream().anyMatch(row -> row.id() == id)) {
                continue;
            }
            int sort = sortIndex(Params.phpInt(item.path("SORT")));
            if (primary < 0 && "Y".equals(item.path("IS_PRIMARY").asText())) {
                primary = rows.size();
            }
            rows.add(new Binding(id, sort > 0 ? sort : (rows.size() + 1) * 10, false));
        }
        if (!rows.isEmpty()) {
            int chosen = Math.max(primary, 0);
            rows.set(chosen, rows.get(chosen).primary(true));
        }
        return rows;
    }
}
