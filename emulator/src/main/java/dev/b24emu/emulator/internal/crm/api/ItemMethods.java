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
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
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
 * crm.item.get, .list, .add, .update and .delete for leads, deals, contacts and companies (the Item controller,
 * specs/DECISIONS.md D167): the parameters bound by name as an action binds them, the item in its universal form, a
 * list's page of 50 with total and next beside the result; writing goes through the store as crm.{type}.* writes. Quotes (7) and smart invoices (31) are types every portal has; the emulator
 * keeps none of them. Reading sends no event; writing sends crm.{type}.*'s.
 */
final class ItemMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** the system types a portal always has a factory of but the emulator keeps no items of */
    private static final Set<Long> EMPTY_TYPES = Set.of(7L, 31L);

    private ItemMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("crm.item.get", ItemMethods::get).add("crm.item.list", ItemMethods::list)
                .add("crm.item.add", ItemMethods::add).add("crm.item.update", ItemMethods::update)
                .add("crm.item.delete", ItemMethods::delete);
    }

    private static JsonNode get(RestCall call) {
        ActionParams params = new ActionParams(call.params());
        long id = params.requiredInt("id"); // getAction(int $id, int $entityTypeId): bound in that order
        Optional<CrmEntityType> type = type(params.requiredInt("entityTypeId"));
        boolean original = originalUfNames(call.params());
        CrmStore crm = crm(call.portal());
        CrmItem item = type.flatMap(t -> crm.get(new CrmRef(t, id)))
                .orElseThrow(() -> RestError.of("NOT_FOUND", "Item was not found."));
        ObjectNode result = NODES.objectNode();
        result.set("item", CrmItemForm.answered(common(item, contactsOfCompanies(crm, item.type())), Set.of(),
                original));
        return result;
    }

    /**
     * addAction(int $entityTypeId, array $fields, string $useOriginalUfNames): the object added through the store as
     * crm.{type}.add adds it (the same defaults, title, events), answered as the operation saved it.
     */
    private static JsonNode add(RestCall call) {
        ActionParams params = new ActionParams(call.params());
        long entityTypeId = params.requiredInt("entityTypeId"); // every argument is bound before the action runs
        ObjectNode given = fields(params);
        boolean original = originalUfNames(call.params());
        CrmEntityType entityType = type(entityTypeId).orElseThrow(() -> notKept(call));
        ObjectNode legacy = written(call, entityType, given, original);
        Portal portal = call.portal();
        CrmItem item = portal.exclusive(() -> crm(portal).add(entityType, legacy, Origin.of(call), portal.isoNow()));
        return saved(crm(portal), item, original);
    }

    /**
     * updateAction(int $entityTypeId, int $id, array $fields, ...): an update that changes nothing saves nothing and
     * sends no event (Operation\Update::isItemChanged); either way the item is answered.
     */
    private static JsonNode update(RestCall call) {
        ActionParams params = new ActionParams(call.params());
        long entityTypeId = params.requiredInt("entityTypeId");
        long id = params.requiredInt("id");
        ObjectNode given = fields(params);
        boolean original = originalUfNames(call.params());
        Portal portal = call.portal();
        CrmItem current = type(entityTypeId).flatMap(t -> crm(portal).get(new CrmRef(t, id)))
                .orElseThrow(() -> RestError.of("NOT_FOUND", "Item was not found."));
        ObjectNode legacy = written(call, current.type(), given, original);
        CrmItem item = portal.exclusive(() -> changes(current, legacy)
                ? crm(portal).update(current.ref(), legacy, Origin.of(call), portal.isoNow()).orElse(current) : current);
        return saved(crm(portal), item, original);
    }

    /** deleteAction(int $entityTypeId, int $id): [] once deleted, with crm.{type}.delete's events. */
    private static JsonNode delete(RestCall call) {
        ActionParams params = new ActionParams(call.params());
        long entityTypeId = params.requiredInt("entityTypeId");
        long id = params.requiredInt("id");
        Optional<CrmEntityType> type = type(entityTypeId);
        Portal portal = call.portal();
        boolean deleted = type.isPresent() && portal.exclusive(() -> crm(portal).delete(new CrmRef(type.get(), id),
                Origin.of(call)));
        if (!deleted) {
            throw RestError.of("NOT_FOUND", "Item was not found.");
        }
        return NODES.arrayNode();
    }

    /** The fields argument: an array, as the action declares it ({} and [] are an empty one). */
    private static ObjectNode fields(ActionParams params) {
        JsonNode fields = params.requiredArray("fields");
        return fields.isObject() ? (ObjectNode) fields : NODES.objectNode();
    }

    /** The fields in the store's names, those the server ignores reported. */
    private static ObjectNode written(RestCall call, CrmEntityType type, ObjectNode given, boolean original) {
        List<String> ignored = new ArrayList<>();
        ObjectNode legacy = CrmItemForm.written(type, given, original, ignored);
        if (!ignored.isEmpty()) {
            call.deviation("fields " + String.join(", ", ignored) + ": no field an item of entity type "
                    + type.ownerTypeId() + " lets a client write (read-only, computed, or unknown): the real server"
                    + " ignores them without a word");
        }
        return legacy;
    }

    /** Whether writing the fields would change the object: a multi-field value always does, a scalar when it differs. */
    private static boolean changes(CrmItem current, ObjectNode legacy) {
        for (var it = legacy.fields(); it.hasNext(); ) {
            var entry = it.next();
            JsonNode now = current.fields().get(entry.getKey());
            JsonNode wanted = entry.getValue();
            boolean same = wanted.isValueNode() && now != null && now.isValueNode() ? same(now.asText(), wanted.asText())
                    : wanted.isNull() && (now == null || now.isNull());
            if (!same) {
                return true;
            }
        }
        return false;
    }

    /** One value as the database keeps it: 100 is 100.00 in a money column. */
    private static boolean same(String kept, String given) {
        try {
            return new java.math.BigDecimal(kept.trim()).compareTo(new java.math.BigDecimal(given.trim())) == 0;
        } catch (NumberFormatException notNumbers) {
            return kept.equals(given);
        }
    }

    private static RestError notKept(RestCall call) {
        call.deviation("the emulator keeps no quotes (7) or smart invoices (31): a real portal would write one");
        return RestError.of("NOT_FOUND", "Smart Process Automation was not found");
    }

    private static ObjectNode saved(CrmStore crm, CrmItem item, boolean original) {
        ObjectNode result = NODES.objectNode();
        result.set("item", CrmItemForm.answered(CrmItemForm.saved(item, contacts(item, contactsOfCompanies(crm,
                item.type())), companies(item)), Set.of(), original));
        return result;
    }

    private static CrmStore crm(Portal portal) {
        return portal.store(CrmStore.class);
    }

    private static ListResult list(RestCall call) {
        ActionParams params = new ActionParams(call.params());
        long entityTypeId = params.requiredInt("entityTypeId");
        JsonNode select = params.optionalArray("select").orElse(null);
        JsonNode order = params.optionalArray("order").orElse(null);
        JsonNode filter = params.optionalArray("filter").orElse(null);
        boolean original = originalUfNames(call.params());
        long start = call.params().start();
        Optional<CrmEntityType> type = type(entityTypeId);
        if (type.isEmpty()) {
            return page(List.of(), start);
        }
        CrmEntityType entityType = type.get();
        CrmItemQuery query = CrmItemQuery.of(entityType, filter, order, call.portal().settings().timeZone());
        Set<String> selected = selected(select);
        List<String> unknown = CrmItemForm.unknown(entityType, selected);
        if (!unknown.isEmpty()) {
            call.deviation("select names " + String.join(", ", unknown) + ": no field of an item of entity type "
                    + entityType.ownerTypeId() + ": the real server leaves them out without a word");
        }
        CrmStore crm = crm(call.portal());
        Map<Long, List<Long>> contacts = contactsOfCompanies(crm, entityType);
        // a filter reads the table's column names too; the answer is the item alone, as get answers it
        Map<ObjectNode, ObjectNode> items = new java.util.IdentityHashMap<>();
        for (CrmItem item : crm.all(entityType)) {
            ObjectNode common = common(item, contacts);
            items.put(CrmItemForm.filterable(entityType, common), common);
        }
        reportUnheldCustomFields(call, entityType, filter, items.values());
        boolean none = select != null && select.isEmpty(); // select [] names no field: each item an empty array
        List<JsonNode> found = query.matching(new ArrayList<>(items.keySet())).stream()
                .map(record -> none ? (JsonNode) NODES.arrayNode()
                        : CrmItemForm.answered(items.get(record), selected, original))
                .toList();
        return page(found, start);
    }

    /**
     * A filter on a custom field no object of the type holds: the emulator keeps no registry of user fields, so it
     * reads it as a field without values, where a real portal without that field refuses the filter.
     */
    private static void reportUnheldCustomFields(RestCall call, CrmEntityType type, JsonNode filter,
                                                 java.util.Collection<ObjectNode> items) {
        if (filter == null || !filter.isObject()) {
            return;
        }
        filter.fieldNames().forEachRemaining(key -> {
            String field = CrmItemForm.upperCase(key.replaceFirst("^[^A-Za-z]+", ""));
            if (field.startsWith("UF_CRM_") && items.stream().noneMatch(item -> item.has(field))) {
                call.deviation("filter " + key + ": no " + type.name().toLowerCase(java.util.Locale.ROOT)
                        + " holds the custom field " + field + "; a real portal without that field answers"
                        + " INVALID_ARG_VALUE");
            }
        });
    }

    /**
     * The page of 50 start falls in (RestManager: page (start / 50) + 1), under "items"; start -1 counts nothing and
     * says neither total nor next.
     */
    private static ListResult page(List<? extends JsonNode> found, long start) {
        long first = Math.max(0, start) / ListQuery.PAGE_SIZE * ListQuery.PAGE_SIZE;
        ObjectNode result = NODES.objectNode();
        ArrayNode items = result.putArray("items");
        found.stream().skip(first).limit(ListQuery.PAGE_SIZE).forEach(items::add);
        if (start == -1) { // RestManager::DONT_CALCULATE_COUNT: only exactly -1; below it is the first page, counted
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
        return CrmItemForm.common(item, contacts(item, contactsOfCompanies), companies(item));
    }

    /** The contacts bound to a deal or lead (its own rows) or to a company (its contacts' rows). */
    private static List<Long> contacts(CrmItem item, Map<Long, List<Long>> contactsOfCompanies) {
        return switch (item.type()) {
            case DEAL -> CrmBindings.ids(CrmBindings.Kind.DEAL_CONTACT, item.fields());
            case LEAD -> CrmBindings.ids(CrmBindings.Kind.LEAD_CONTACT, item.fields());
            case COMPANY -> contactsOfCompanies.getOrDefault(item.id(), List.of());
            case CONTACT -> List.of();
        };
    }

    /** A contact's companies. */
    private static List<Long> companies(CrmItem item) {
        return item.type() == CrmEntityType.CONTACT
                ? CrmBindings.ids(CrmBindings.Kind.CONTACT_COMPANY, item.fields()) : List.of();
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
