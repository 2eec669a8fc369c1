package dev.b24emu.emulator.internal.products.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.products.Catalog;
import dev.b24emu.emulator.internal.products.Product;
import dev.b24emu.emulator.internal.products.ProductStore;
import dev.b24emu.emulator.internal.products.Products;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * catalog.catalog.list and catalog.product.list (specs/DECISIONS.md D179) as the catalog module's controllers answer
 * them through the REST engine: names in camelCase, read back by camel2snake (so "ID" is I_D and no field); a product
 * list needs id and iblockId in its select and iblockId in its filter, the first missing one refused.
 */
final class CatalogMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    void register(MethodTable methods) {
        methods.add("catalog.catalog.list", CatalogMethods::catalogs)
                .add("catalog.product.list", CatalogMethods::products);
    }

    /**
     * The catalogues the filter keeps (the one the emulator has), under the select, through the same list engine as
     * the products: a select, filter or order name of no catalogue field is dropped and reported.
     */
    private static ListResult catalogs(RestCall call) {
        Params params = call.params();
        ObjectNode values = Catalog.crmCatalog();
        List<String> select = new ArrayList<>();
        for (String field : Catalog.selected(params.node("select").orElse(null))) {
            if (values.has(field)) {
                select.add(field);
            } else {
                call.deviation("select " + field + ": names no catalogue field; the real server answers none by it");
            }
        }
        ListQuery query = query(params, known(call, "filter", values), known(call, "order", values));
        ListResult page = query.run(List.of(values), record -> record);
        ObjectNode result = NODES.objectNode();
        ArrayNode catalogs = result.putArray("catalogs");
        page.items().forEach(record -> catalogs.add(Catalog.catalog((ObjectNode) record, select)));
        return new ListResult(result, page.next(), page.total());
    }

    /** The list engine over a filter and order under the fields' own names, and the request's start. */
    private static ListQuery query(Params params, ObjectNode filter, ObjectNode order) {
        ObjectNode tree = NODES.objectNode();
        tree.set("filter", filter);
        tree.set("order", order);
        // start in lower case only, as the REST server reads it (D29)
        java.util.Optional.ofNullable(params.tree().get("start")).ifPresent(start -> tree.set("start", start));
        return ListQuery.from(new Params(tree));
    }

    /** A filter's or order's keys under the catalogue's UPPER_SNAKE names; those naming no field reported, dropped. */
    private static ObjectNode known(RestCall call, String name, ObjectNode fields) {
        ObjectNode kept = NODES.objectNode();
        call.params().phpArray(name).ifPresent(given -> given.fields().forEachRemaining(entry -> {
            ListQuery.Key key = ListQuery.Key.of(entry.getKey());
            String field = Catalog.upperSnake(key.field());
            if (fields.has(field)) {
                kept.set(key.operator() + field, entry.getValue());
            } else {
                call.deviation(name + " " + entry.getKey() + ": names no catalogue field");
            }
        }));
        return kept;
    }

    private static ListResult products(RestCall call) {
        Params params = call.params();
        List<String> select = Catalog.selected(params.node("select").orElse(null));
        List<String> missing = new ArrayList<>();
        if (!select.contains("ID")) {
            missing.add("id");
        }
        if (!select.contains("IBLOCK_ID")) {
            missing.add("iblockId");
        }
        if (!missing.isEmpty()) {
            throw RestError.of("0", "Required select fields: " + String.join(", ", missing));
        }
        ObjectNode filter = NODES.objectNode();
        JsonNode catalog = null;
        List<Map.Entry<String, JsonNode>> given = new ArrayList<>();
        params.phpArray("filter").ifPresent(f -> f.fields().forEachRemaining(given::add));
        for (Map.Entry<String, JsonNode> entry : given) {
            ListQuery.Key key = ListQuery.Key.of(entry.getKey());
            String field = Catalog.upperSnake(key.field());
            if (field.equals("IBLOCK_ID") && (key.operator().isEmpty() || key.operator().equals("="))) {
                catalog = entry.getValue();
            } else if (Catalog.PRODUCT_FIELDS.contains(field)) {
                filter.set(key.operator() + field, entry.getValue());
            } else {
                call.deviation("filter " + entry.getKey() + ": names no product field the emulator keeps; the products"
                        + " are listed without that condition");
            }
        }
        if (catalog == null) {
            throw RestError.of("0", "Required filter fields: iblockId");
        }
        if (Params.phpInt(catalog) != Products.CATALOG_ID) {
            throw RestError.of("200040300000", "Iblock Not Found");
        }
        ObjectNode order = NODES.objectNode();
        params.phpArray("order").ifPresent(o -> o.fields().forEachRemaining(e ->
                order.set(Catalog.upperSnake(e.getKey()), e.getValue())));
        if (order.isEmpty()) {
            order.put("ID", "ASC");
        }
        ListQuery query = query(params, filter, order);
        // one snapshot of the products, so a product dropped past the bound meanwhile cannot go missing in the answer
        Map<Long, Product> byId = new java.util.LinkedHashMap<>();
        call.portal().store(ProductStore.class).all().forEach(product -> byId.put(product.id(), product));
        List<ObjectNode> records = byId.values().stream().map(Catalog::values).toList();
        ListResult page = query.run(records, record -> record);
        ObjectNode result = NODES.objectNode();
        ArrayNode products = result.putArray("products");
        page.items().forEach(record -> products.add(Catalog.product(byId.get(record.get("ID").asLong()), select)));
        return new ListResult(result, page.next(), page.total());
    }
}
