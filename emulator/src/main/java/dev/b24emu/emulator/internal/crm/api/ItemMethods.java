package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmBindings;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmItemForm;
import dev.b24emu.emulator.internal.crm.CrmItemQuery;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.rest.ActionParams;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * crm.item.get and crm.item.list for leads, deals, contacts and companies (the Item controller, specs/DECISIONS.md
 * D167): the parameters bound by name as an action binds them, the item in its universal form, a list's page of 50
 * with total and next beside the result. Quotes (7) and smart invoices (31) are types every portal has; the emulator
 * keeps none of them. Reading sends no event.
 */
final class ItemMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** the system types a portal always has a factory of but the emulator keeps no items of */
    private static final Set<Long> EMPTY_TYPES = Set.of(7L, 31L);

    private ItemMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("crm.item.get", ItemMethods::get).add("crm.item.list", ItemMethods::list);
    }

    private static JsonNode get(RestCall call) {
        ActionParams params = new ActionParams(call.params());
        long id = params.requiredInt("id"); // getAction(int $id, int $entityTypeId): bound in that order
        Optional<CrmEntityType> type = type(params.requiredInt("entityTypeId"));
        boolean original = originalUfNames(call.params());
        CrmStore crm = call.portal().store(CrmStore.class);
        CrmItem item = type.flatMap(t -> crm.get(new CrmRef(t, id)))
                .orElseThrow(() -> RestError.of("NOT_FOUND", "Item was not found."));
        ObjectNode result = NODES.objectNode();
        result.set("item", CrmItemForm.answered(common(item, contactsOfCompanies(crm, item.type())), Set.of(),
                original));
        return result;
    }

    private static ListResult list(RestCall call) {
        ActionParams params = new ActionParams(call.params());
        Optional<CrmEntityType> type = type(params.requiredInt("entityTypeId"));
        JsonNode select = params.optionalArray("select").orElse(null);
        JsonNode order = params.optionalArray("order").orElse(null);
        JsonNode filter = params.optionalArray("filter").orElse(null);
        boolean original = originalUfNames(call.params());
        long start = call.params().start();
        if (type.isEmpty()) {
            return page(List.of(), start);
        }
        CrmEntityType entityType = type.get();
        CrmItemQuery query = CrmItemQuery.of(entityType, filter, order);
        Set<String> selected = selected(select);
        List<String> unknown = CrmItemForm.unknown(entityType, selected);
        if (!unknown.isEmpty()) {
            call.deviation("select names " + String.join(", ", unknown) + ": no field of an item of entity type "
                    + entityType.ownerTypeId() + ": the real server leaves them out without a word");
        }
        CrmStore crm = call.portal().store(CrmStore.class);
        Map<Long, List<Long>> contacts = contactsOfCompanies(crm, entityType);
        List<ObjectNode> records = new ArrayList<>();
        for (CrmItem item : crm.all(entityType)) {
            records.add(CrmItemForm.filterable(entityType, common(item, contacts)));
        }
        List<ObjectNode> found = query.matching(records).stream()
                .map(record -> CrmItemForm.answered(record, selected, original)).toList();
        return page(found, start);
    }

    /**
     * The page of 50 start falls in (RestManager: page (start / 50) + 1), under "items"; start -1 counts nothing and
     * says neither total nor next.
     */
    private static ListResult page(List<ObjectNode> found, long start) {
        long first = Math.max(0, start) / ListQuery.PAGE_SIZE * ListQuery.PAGE_SIZE;
        ObjectNode result = NODES.objectNode();
        ArrayNode items = result.putArray("items");
        found.stream().skip(first).limit(ListQuery.PAGE_SIZE).forEach(items::add);
        if (start < 0) {
            return new ListResult(result, null, ListResult.NOT_COUNTED);
        }
        long next = first + items.size();
        return new ListResult(result, next < found.size() ? (int) next : null, found.size());
    }

    /** The type's factory: one of the four the emulator keeps, none for 7 and 31, NOT_FOUND for any other. */
    private static Optional<CrmEntityType> type(long entityTypeId) {
        Optional<CrmEntityType> type = CrmEntityType.byOwnerTypeId(entityTypeId);
        if (type.isEmpty() && !EMPTY_TYPES.contains(entityTypeId)) {
            throw RestError.of("NOT_FOUND", "Smart Process Automation was not found");
        }
        return type;
    }

    /** useOriginalUfNames: Y answers custom fields under their own UF_CRM_ names. */
    private static boolean originalUfNames(Params params) {
        return params.text("useOriginalUfNames").map(v -> v.equalsIgnoreCase("Y")).orElse(false);
    }

    /** The select's names as the server reads them (camelCase to capitals); none given is everything. */
    private static Set<String> selected(JsonNode select) {
        Set<String> names = new LinkedHashSet<>();
        if (select != null) {
            select.forEach(name -> Params.scalarText(name).map(CrmItemForm::upperCase).ifPresent(names::add));
        }
        return names;
    }

    private static ObjectNode common(CrmItem item, Map<Long, List<Long>> contactsOfCompanies) {
        List<Long> contacts = switch (item.type()) {
            case DEAL -> CrmBindings.ids(CrmBindings.Kind.DEAL_CONTACT, item.fields());
            case LEAD -> CrmBindings.ids(CrmBindings.Kind.LEAD_CONTACT, item.fields());
            case COMPANY -> contactsOfCompanies.getOrDefault(item.id(), List.of());
            case CONTACT -> List.of();
        };
        List<Long> companies = item.type() == CrmEntityType.CONTACT
                ? CrmBindings.ids(CrmBindings.Kind.CONTACT_COMPANY, item.fields()) : List.of();
        return CrmItemForm.common(item, contacts, companies);
    }

    /**
     * Each company's contacts in their SORT order (a company's rows are kept on its contacts), read in one pass over
     * the contacts for a list or a get of companies.
     */
    private static Map<Long, List<Long>> contactsOfCompanies(CrmStore crm, CrmEntityType type) {
        Map<Long, List<CrmBindings.Binding>> rows = new HashMap<>();
        if (type == CrmEntityType.COMPANY) {
            for (CrmItem contact : crm.all(CrmEntityType.CONTACT)) {
                for (CrmBindings.Binding company : CrmBindings.read(CrmBindings.Kind.CONTACT_COMPANY, contact.fields())) {
                    rows.computeIfAbsent(company.id(), id -> new ArrayList<>())
                            .add(new CrmBindings.Binding(contact.id(), company.sort(), company.primary()));
                }
            }
        }
        Map<Long, List<Long>> contacts = new HashMap<>();
        rows.forEach((company, bound) -> contacts.put(company, bound.stream()
                .sorted(java.util.Comparator.comparingInt(CrmBindings.Binding::sort)).map(CrmBindings.Binding::id).toList()));
        return contacts;
    }
}
