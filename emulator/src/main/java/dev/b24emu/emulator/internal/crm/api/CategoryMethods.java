package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.b24emu.emulator.internal.crm.CrmStatusStore;
import dev.b24emu.emulator.internal.crm.DealCategories;
import dev.b24emu.emulator.internal.crm.DealCategoryStore.Category;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.ActionParams;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.Access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Deal pipelines (specs/DECISIONS.md D171) in both the forms a portal serves: the Category controller's
 * crm.category.* (arguments bound by name, camelCase keys, the default pipeline 0 among them, refusals with code 0)
 * and the legacy CCrmDealCategoryProxy's crm.dealcategory.* (capitals, rows only, every refusal a RestException, which
 * the server sends with an empty code and the emulator as ERROR_CORE unless emptyErrorCode is set, D1).
 */
final class CategoryMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long DEAL = 2;
    private static final long LEAD = 1;

    private CategoryMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("crm.category.list", CategoryMethods::list).add("crm.category.get", CategoryMethods::get)
                .add("crm.category.add", CategoryMethods::add).add("crm.category.update", CategoryMethods::update)
                .add("crm.category.delete", CategoryMethods::delete).add("crm.category.fields", CategoryMethods::fields)
                .add("crm.dealcategory.list", CategoryMethods::legacyList)
                .add("crm.dealcategory.get", call -> legacyRow(call.portal(), legacyId(call.params())))
                .add("crm.dealcategory.add", CategoryMethods::legacyAdd)
                .add("crm.dealcategory.update", CategoryMethods::legacyUpdate)
                .add("crm.dealcategory.delete", CategoryMethods::legacyDelete)
                .add("crm.dealcategory.fields", call -> LEGACY_FIELDS.deepCopy())
                .add("crm.dealcategory.stage.list", CategoryMethods::stages)
                .add("crm.dealcategory.status", call -> TextNode.valueOf(DealCategories.statusEntity(
                        call.params().phpInt("ID"))))
                .add("crm.dealcategory.default.get", call -> {
                    DealCategories.View view = DealCategories.get(call.portal(), 0).orElseThrow();
                    return NODES.objectNode().put("ID", 0).put("NAME", view.name());
                })
                .add("crm.dealcategory.default.set", CategoryMethods::defaultSet);
    }

    // ---- crm.category.*: the Category controller

    private static ListResult list(RestCall call) {
        requireDeals(new ActionParams(call.params()).requiredInt("entityTypeId"), call);
        ObjectNode result = NODES.objectNode();
        ArrayNode categories = result.putArray("categories");
        List<DealCategories.View> all = DealCategories.all(call.portal());
        all.forEach(view -> categories.add(universal(view)));
        return new ListResult(result, null, all.size()); // every pipeline at once: listAction has no paging
    }

    private static JsonNode get(RestCall call) {
        ActionParams p = new ActionParams(call.params());
        requireDeals(p.requiredInt("entityTypeId"), call);
        long id = p.requiredInt("id");
        return category(DealCategories.get(call.portal(), id).orElseThrow(CategoryMethods::itemNotFound));
    }

    private static JsonNode add(RestCall call) {
        ActionParams p = new ActionParams(call.params());
        requireDeals(p.requiredInt("entityTypeId"), call);
        JsonNode fields = p.requiredArray("fields");
        requireAdmin(call, "ACCESS_DENIED", "Access denied");
        Params f = new Params(object(fields));
        return category(universally(() -> DealCategories.add(call.portal(), f.text("name").orElse(null),
                f.has("sort") && f.phpInt("sort") >= 0 ? f.phpInt("sort") : null, "", "")));
    }

    private static JsonNode update(RestCall call) {
        ActionParams p = new ActionParams(call.params());
        requireDeals(p.requiredInt("entityTypeId"), call);
        long id = p.requiredInt("id");
        Params f = new Params(object(p.requiredArray("fields")));
        requireAdmin(call, "ACCESS_DENIED", "Access denied");
        return category(DealCategories.update(call.portal(), id, f.text("name").orElse(null),
                f.has("sort") ? f.phpInt("sort") : null).orElseThrow(CategoryMethods::itemNotFound));
    }

    private static JsonNode delete(RestCall call) {
        ActionParams p = new ActionParams(call.params());
        requireDeals(p.requiredInt("entityTypeId"), call);
        long id = p.requiredInt("id");
        if (DealCategories.get(call.portal(), id).isEmpty()) {
            throw itemNotFound();
        }
        requireAdmin(call, "ACCESS_DENIED", "Access denied");
        universally(() -> DealCategories.delete(call.portal(), id));
        return NODES.nullNode();
    }

    private static JsonNode fields(RestCall call) {
        requireDeals(new ActionParams(call.params()).requiredInt("entityTypeId"), call);
        return NODES.objectNode().set("fields", UNIVERSAL_FIELDS.deepCopy());
    }

    /**
     * Pipelines are served for deals: a lead's type has none (ENTITY_TYPE_NOT_SUPPORTED); any other type is answered
     * as a type without a factory, which for contacts, companies and smart invoices a real portal is not (their
     * pipelines are not kept by the emulator): reported.
     */
    private static void requireDeals(long entityTypeId, RestCall call) {
        if (entityTypeId == LEAD) {
            throw RestError.of("ENTITY_TYPE_NOT_SUPPORTED", "Entity type Lead is not supported");
        }
        if (entityTypeId != DEAL) {
            if (entityTypeId == 3 || entityTypeId == 4 || entityTypeId == 31) {
                call.limitation("crm.category.*: the emulator keeps the pipelines of deals only; a real portal has"
                        + " those of entity type " + entityTypeId + " too");
            }
            throw RestError.of("NOT_FOUND", "Smart Process Automation was not found");
        }
    }

    /** {category}: the pipeline as getData() has it, camelCased, flags Y/N. */
    private static ObjectNode category(DealCategories.View view) {
        ObjectNode answer = NODES.objectNode();
        answer.set("category", universal(view));
        return answer;
    }

    /** id, name, sort, entityTypeId, isDefault, and a row's originId and originatorId (the default has none). */
    private static ObjectNode universal(DealCategories.View view) {
        ObjectNode node = NODES.objectNode().put("id", view.id()).put("name", view.name()).put("sort", view.sort())
                .put("entityTypeId", DEAL).put("isDefault", view.isDefault() ? "Y" : "N");
        if (view.row() != null) {
            node.put("originId", view.row().originId()).put("originatorId", view.row().originatorId());
        }
        return node;
    }

    /** A refusal the controller's entity throws: its message with code 0. */
    private static <T> T universally(Supplier<T> action) {
        try {
            return action.get();
        } catch (DealCategories.Refusal refusal) {
            throw RestError.of("0", refusal.getMessage());
        }
    }

    private static RestError itemNotFound() {
        return RestError.of("NOT_FOUND", "Item was not found.");
    }

    // ---- crm.dealcategory.*: CCrmDealCategoryProxy, every refusal a RestException (ERROR_CORE, D1)

    private static ListResult legacyList(RestCall call) {
        List<ObjectNode> rows = new ArrayList<>();
        DealCategories.rows(call.portal()).forEach(row -> rows.add(legacy(row)));
        return ListQuery.from(call.params()).paged(ListQuery.Paging.ALL).run(rows);
    }

    /** crm.dealcategory.get: a pipeline added ("Not found", without the period update and delete write). */
    private static JsonNode legacyRow(Portal portal, long id) {
        return DealCategories.get(portal, id).map(DealCategories.View::row).map(CategoryMethods::legacy)
                .orElseThrow(() -> legacyError("Not found"));
    }

    private static JsonNode legacyAdd(RestCall call) {
        Params f = legacyFields(call.params());
        requireAdmin(call, "ERROR_CORE", "Access denied.");
        try {
            return IntNode.valueOf((int) DealCategories.add(call.portal(), f.text("NAME").orElse(null),
                    f.has("SORT") ? f.phpInt("SORT") : null, "", "").id());
        } catch (DealCategories.Refusal refusal) {
            throw legacyError(refusal.getMessage());
        }
    }

    private static JsonNode legacyUpdate(RestCall call) {
        long id = legacyId(call.params());
        Params f = legacyFields(call.params());
        requireAdmin(call, "ERROR_CORE", "Access denied.");
        DealCategories.update(call.portal(), id, f.text("NAME").orElse(null), f.has("SORT") ? f.phpInt("SORT") : null)
                .orElseThrow(() -> legacyError("Not found."));
        return BooleanNode.TRUE;
    }

    private static JsonNode legacyDelete(RestCall call) {
        long id = legacyId(call.params());
        requireAdmin(call, "ERROR_CORE", "Access denied.");
        try {
            if (!DealCategories.delete(call.portal(), id)) {
                throw legacyError("Not found.");
            }
        } catch (DealCategories.Refusal refusal) {
            throw legacyError(refusal.getMessage());
        }
        return BooleanNode.TRUE;
    }

    /** getEntityItems of the pipeline's guide: {NAME, SORT, STATUS_ID} by SORT; [] for a pipeline that is not there. */
    private static JsonNode stages(RestCall call) {
        long id = call.params().phpInt("ID"); // ID or id: the keys are matched in any case
        ArrayNode stages = NODES.arrayNode();
        if (id > 0 && DealCategories.get(call.portal(), id).isEmpty()) {
            return stages;
        }
        for (ObjectNode row : call.portal().store(CrmStatusStore.class).guide(DealCategories.statusEntity(id))) {
            stages.addObject().put("NAME", row.path("NAME").asText()).put("SORT", row.path("SORT").asLong())
                    .put("STATUS_ID", row.path("STATUS_ID").asText());
        }
        return stages;
    }

    /** default.set: a string name (name, NAME or Name) trimmed and kept, "" the built-in name again; always true. */
    private static JsonNode defaultSet(RestCall call) {
        Params p = call.params();
        Optional<JsonNode> name = p.node("name").or(() -> p.node("NAME")).or(() -> p.node("Name"));
        name.filter(JsonNode::isTextual).ifPresent(n -> call.portal().exclusive(() -> {
            DealCategories.defaultName(call.portal(), n.asText());
            return null;
        }));
        return BooleanNode.TRUE;
    }

    /** ID or id (the keys are matched in any case), an integer above 0. */
    private static long legacyId(Params p) {
        long id = p.phpInt("ID");
        if (id <= 0) {
            throw legacyError("ID is not defined or invalid.");
        }
        return id;
    }

    private static Params legacyFields(Params p) {
        JsonNode fields = p.node("fields").or(() -> p.node("FIELDS")).orElse(null);
        if (fields == null || !fields.isContainerNode()) {
            throw legacyError("Parameter 'fields' must be array.");
        }
        return new Params(object(fields));
    }

    /** An array's values as PHP reads them: an object as given; a list (PHP's array keyed 0, 1, …) has no named key. */
    private static ObjectNode object(JsonNode fields) {
        return fields instanceof ObjectNode object ? object : NODES.objectNode();
    }

    /** A row as getFieldsInfo describes it and MySQL answers it: ID and SORT strings, the date as ConvertDate wrote it. */
    private static ObjectNode legacy(Category row) {
        return NODES.objectNode().put("ID", Long.toString(row.id())).put("CREATED_DATE", row.createdDate())
                .put("NAME", row.name()).put("SORT", Long.toString(row.sort())).put("IS_LOCKED", "N");
    }

    private static RestError legacyError(String message) {
        return RestError.of("ERROR_CORE", message);
    }

    private static void requireAdmin(RestCall call, String code, String message) {
        if (!Access.isAdmin(call.caller())) {
            throw RestError.of(code, message);
        }
    }

    /** crm.category.fields for deals (the docs' example): titles equal to the capital names. */
    private static final ObjectNode UNIVERSAL_FIELDS = universalFields();
    /** crm.dealcategory.fields: DealCategory::getFieldsInfo with the en titles */
    private static final ObjectNode LEGACY_FIELDS = legacyFields();

    private static ObjectNode universalFields() {
        ObjectNode fields = NODES.objectNode();
        field(fields, "id", "integer", false, true, "ID");
        field(fields, "name", "string", false, false, "NAME");
        field(fields, "sort", "integer", false, false, "SORT");
        field(fields, "entityTypeId", "integer", true, true, "ENTITY_TYPE_ID");
        field(fields, "isDefault", "boolean", false, true, "IS_DEFAULT");
        field(fields, "originId", "string", false, false, "ORIGIN_ID");
        field(fields, "originatorId", "string", false, false, "ORIGINATOR_ID");
        return fields;
    }

    private static void field(ObjectNode fields, String name, String type, boolean required, boolean readOnly,
                              String upper) {
        describe(fields, name, type, required, readOnly).put("title", upper).put("upperName", upper);
    }

    private static ObjectNode legacyFields() {
        ObjectNode fields = NODES.objectNode();
        describe(fields, "ID", "integer", false, true).put("title", "ID");
        describe(fields, "CREATED_DATE", "date", false, true).put("title", "Created on");
        describe(fields, "NAME", "string", true, false).put("title", "Name");
        describe(fields, "SORT", "integer", false, false).put("title", "Sort");
        // deprecated: isDeprecated comes after isDynamic, before the title
        describe(fields, "IS_LOCKED", "char", false, true).put("isDeprecated", true).put("title", "Blocked");
        return fields;
    }

    /** A field's description up to its title: type and flags, as CCrmRestHelper::prepareFieldInfos writes them. */
    private static ObjectNode describe(ObjectNode fields, String name, String type, boolean required,
                                       boolean readOnly) {
        return fields.putObject(name).put("type", type).put("isRequired", required).put("isReadOnly", readOnly)
                .put("isImmutable", false).put("isMultiple", false).put("isDynamic", false);
    }
}
