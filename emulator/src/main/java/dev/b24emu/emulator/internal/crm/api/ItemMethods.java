package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmItemForm;
import dev.b24emu.emulator.internal.crm.CrmItemFields;
import dev.b24emu.emulator.internal.crm.CrmItems;
import dev.b24emu.emulator.internal.crm.CrmItemQuery;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.rest.ActionParams;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * crm.item.get, .list, .add, .update and .delete for leads, deals, contacts and companies (the Item controller,
 * specs/DECISIONS.md D167): the parameters bound by name as an action binds them, the item in its universal form, a
 * list's page of 50 with total and next beside the result; writing goes through the store as crm.{type}.* writes
 * and sends their events, reading sends none. Quotes (7) and smart invoices (31) are types every portal has; the
 * emulator keeps none of them.
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
                .add("crm.item.delete", ItemMethods::delete).add("crm.item.fields", ItemMethods::fields);
    }

    /**
     * fieldsAction(int $entityTypeId, string $useOriginalUfNames): the type's fields (D173); useOriginalUfNames is
     * bound and changes nothing, as a portal without custom fields has no UF_ key to keep. Quotes and smart invoices
     * are types of a real portal the emulator does not describe: reported.
     */
    private static JsonNode fields(RestCall call) {
        ActionParams params = new ActionParams(call.params());
        long typeId = params.requiredInt("entityTypeId");
        params.optionalString("useOriginalUfNames");
        if (EMPTY_TYPES.contains(typeId)) {
            call.limitation("crm.item.fields: the emulator does not describe the fields of entity type " + typeId
                    + ", which a real portal has");
        }
        return CrmItemFields.of(type(typeId).orElseThrow(() -> RestError.of("NOT_FOUND",
                "Smart Process Automation was not found")));
    }

    private static JsonNode get(RestCall call) {
        ActionParams params = new ActionParams(call.params());
        long id = params.requiredInt("id"); // getAction(int $id, int $entityTypeId): bound in that order
        Optional<CrmEntityType> type = type(params.requiredInt("entityTypeId"));
        boolean original = originalUfNames(call.params());
        ObjectNode item = type.flatMap(t -> items(call.portal()).get(t, id, original))
                .orElseThrow(() -> RestError.of("NOT_FOUND", "Item was not found."));
        return answer(item);
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
        Portal portal = call.portal();
        ObjectNode legacy = prepared(call, entityType, null, written(call, entityType, given, original));
        CrmItem item = portal.exclusive(() -> crm(portal).add(entityType, legacy, Origin.of(call), portal.isoNow()));
        return answer(items(portal).saved(item, original));
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
        ObjectNode legacy = prepared(call, current.type(), current, written(call, current.type(), given, original));
        CrmItem item = portal.exclusive(() -> CrmItems.changes(current, legacy, portal.settings().timeZone())
                ? crm(portal).update(current.ref(), legacy, Origin.of(call), portal.isoNow()).orElse(current) : current);
        return answer(items(portal).saved(item, original));
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

    /** The fields as the factory's operation writes them, what it leaves out without a word reported. */
    private static ObjectNode prepared(RestCall call, CrmEntityType type, CrmItem current, ObjectNode legacy) {
        List<String> notes = new ArrayList<>();
        ObjectNode fields = items(call.portal()).prepared(type, current, legacy, call.portal().settings().timeZone(),
                notes);
        notes.forEach(call::deviation);
        return fields;
    }

    private static RestError notKept(RestCall call) {
        call.limitation("the emulator keeps no quotes (7) or smart invoices (31): a real portal would write one");
        return RestError.of("NOT_FOUND", "Smart Process Automation was not found");
    }

    private static ObjectNode answer(ObjectNode item) {
        ObjectNode result = NODES.objectNode();
        result.set("item", item);
        return result;
    }

    private static CrmItems items(Portal portal) {
        return new CrmItems(crm(portal));
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
            return ListResult.controllerPage("items", List.<ObjectNode>of(), start, common -> common);
        }
        CrmEntityType entityType = type.get();
        CrmItemQuery query = CrmItemQuery.of(entityType, filter, order, call.portal().settings().timeZone());
        Set<String> selected = selected(select);
        List<String> unknown = CrmItemForm.unknown(entityType, selected);
        if (!unknown.isEmpty()) {
            call.deviation("select names " + String.join(", ", unknown) + ": no field of an item of entity type "
                    + entityType.ownerTypeId() + ": the real server leaves them out without a word");
        }
        CrmItems items = items(call.portal());
        for (String field : items.unheldCustomFields(entityType, filter, order)) {
            call.deviation(field + ": no " + entityType.name().toLowerCase(java.util.Locale.ROOT)
                    + " holds this custom field; a real portal without it answers INVALID_ARG_VALUE");
        }
        boolean noNames = select != null && select.isEmpty(); // select [] names no field: each item an empty array
        return ListResult.controllerPage("items", items.list(entityType, query), start,
                common -> CrmItems.listed(common, selected, noNames, original));
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
}
