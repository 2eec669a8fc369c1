package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmBindings.Binding;
import dev.b24emu.emulator.internal.crm.CrmBindings.Kind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A portal's leads, deals, contacts and companies as the universal methods read them (specs/DECISIONS.md D167): each
 * object in {@link CrmItemForm}'s form with the clients the binding tables give it, a list's items matched by a
 * {@link CrmItemQuery}, and whether an update would change anything. Writing is the store's, as crm.{type}.* write.
 */
public final class CrmItems {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CrmStore crm;

    public CrmItems(CrmStore crm) {
        this.crm = crm;
    }

    /** The object as crm.item.get answers it, if there is one. */
    public Optional<ObjectNode> get(CrmEntityType type, long id, boolean originalUfNames) {
        return crm.get(new CrmRef(type, id)).map(item -> CrmItemForm.answered(common(item, contactsOfCompanies(type)),
                Set.of(), originalUfNames));
    }

    /** The object as add and update answer it: as the operation saved it. */
    public ObjectNode saved(CrmItem item, boolean originalUfNames) {
        return CrmItemForm.answered(CrmItemForm.saved(item, contacts(item, contactsOfCompanies(item.type())),
                companies(item)), Set.of(), originalUfNames);
    }

    /** What a list finds, each object under the select, or an empty array for a select of no names (select: []). */
    public List<JsonNode> list(CrmEntityType type, CrmItemQuery query, Set<String> select, boolean noNames,
                               boolean originalUfNames) {
        Map<Long, List<Long>> contacts = contactsOfCompanies(type);
        // a filter reads the table's column names too; the answer is the item alone, as get answers it
        Map<ObjectNode, ObjectNode> items = new IdentityHashMap<>();
        for (CrmItem item : crm.all(type)) {
            ObjectNode common = common(item, contacts);
            items.put(CrmItemForm.filterable(type, common), common);
        }
        return query.matching(new ArrayList<>(items.keySet())).stream()
                .map(record -> noNames ? NODES.arrayNode() : (JsonNode) CrmItemForm.answered(items.get(record), select,
                        originalUfNames))
                .toList();
    }

    /**
     * The custom fields a filter names that no object of the type holds: the emulator keeps no registry of user
     * fields, so it reads such a field as one without values, where a real portal without the field refuses it.
     */
    public List<String> unheldCustomFields(CrmEntityType type, JsonNode filter) {
        List<String> unheld = new ArrayList<>();
        if (filter == null || !filter.isObject()) {
            return unheld;
        }
        Collection<CrmItem> items = crm.all(type);
        filter.fieldNames().forEachRemaining(key -> {
            String field = CrmItemForm.upperCase(key.replaceFirst("^[^A-Za-z]+", ""));
            if (field.startsWith("UF_CRM_") && items.stream().noneMatch(item -> item.fields().has(field))) {
                unheld.add(field);
            }
        });
        return unheld;
    }

    /**
     * Whether writing the fields (in the store's names) would change the object (Operation\Update::isItemChanged): a
     * multi-field value always does, a scalar when it differs from the kept one, numbers compared as numbers.
     */
    public static boolean changes(CrmItem current, ObjectNode written) {
        for (var it = written.fields(); it.hasNext(); ) {
            var entry = it.next();
            JsonNode kept = current.fields().get(entry.getKey());
            JsonNode wanted = entry.getValue();
            boolean same = wanted.isValueNode() && kept != null && kept.isValueNode() ? same(kept.asText(),
                    wanted.asText()) : wanted.isNull() && (kept == null || kept.isNull());
            if (!same) {
                return true;
            }
        }
        return false;
    }

    /** One value as the database keeps it: 100 is 100.00 in a money column. */
    private static boolean same(String kept, String given) {
        try {
            return new BigDecimal(kept.trim()).compareTo(new BigDecimal(given.trim())) == 0;
        } catch (NumberFormatException notNumbers) {
            return kept.equals(given);
        }
    }

    private static ObjectNode common(CrmItem item, Map<Long, List<Long>> contactsOfCompanies) {
        return CrmItemForm.common(item, contacts(item, contactsOfCompanies), companies(item));
    }

    /** The contacts bound to a deal or lead (its own rows) or to a company (its contacts' rows). */
    private static List<Long> contacts(CrmItem item, Map<Long, List<Long>> contactsOfCompanies) {
        return switch (item.type()) {
            case DEAL -> CrmBindings.ids(Kind.DEAL_CONTACT, item.fields());
            case LEAD -> CrmBindings.ids(Kind.LEAD_CONTACT, item.fields());
            case COMPANY -> contactsOfCompanies.getOrDefault(item.id(), List.of());
            case CONTACT -> List.of();
        };
    }

    /** A contact's companies. */
    private static List<Long> companies(CrmItem item) {
        return item.type() == CrmEntityType.CONTACT ? CrmBindings.ids(Kind.CONTACT_COMPANY, item.fields()) : List.of();
    }

    /**
     * Each company's contacts in their SORT order (a company's rows are kept on its contacts), read in one pass over
     * the contacts when companies are read.
     */
    private Map<Long, List<Long>> contactsOfCompanies(CrmEntityType type) {
        Map<Long, List<Binding>> rows = new HashMap<>();
        if (type == CrmEntityType.COMPANY) {
            for (CrmItem contact : crm.all(CrmEntityType.CONTACT)) {
                for (Binding company : CrmBindings.read(Kind.CONTACT_COMPANY, contact.fields())) {
                    rows.computeIfAbsent(company.id(), id -> new ArrayList<>())
                            .add(new Binding(contact.id(), company.sort(), company.primary()));
                }
            }
        }
        Map<Long, List<Long>> contacts = new HashMap<>();
        rows.forEach((company, bound) -> contacts.put(company, bound.stream()
                .sorted(Comparator.comparingInt(Binding::sort)).map(Binding::id).toList()));
        return contacts;
    }
}
