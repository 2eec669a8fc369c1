package dev.b24emu.emulator.internal.products.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.products.Product;
import dev.b24emu.emulator.internal.products.ProductStore;
import dev.b24emu.emulator.internal.products.Products;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.List;
import java.util.Locale;

/**
 * crm.product.add, .get and .list (specs/DECISIONS.md D177), CCrmProductRestProxy's legacy CRM catalogue: a list by
 * pages of 50 in SORT then ID order, a filter key naming no product field dropped (reported), a select answering ID
 * and the fields named.
 */
final class ProductMethods {
    void register(MethodTable methods) {
        methods.add("crm.product.add", ProductMethods::add).add("crm.product.get", ProductMethods::get)
                .add("crm.product.list", ProductMethods::list);
    }

    private static JsonNode add(RestCall call) {
        ObjectNode fields = call.params().phpArray("fields")
                .orElseThrow(() -> RestError.of("ERROR_CORE", "Parameter 'fields' must be array."));
        Portal portal = call.portal();
        Product product = portal.exclusive(() -> Products.add(portal, call.userId(), fields));
        return LongNode.valueOf(product.id());
    }

    private static JsonNode get(RestCall call) {
        long id = call.params().phpInt("id");
        if (id <= 0) {
            throw RestError.of("ERROR_CORE", "ID is not defined or invalid.");
        }
        return call.portal().store(ProductStore.class).get(id).map(Products::view)
                .orElseThrow(() -> RestError.of("ERROR_CORE", "Product is not found."));
    }

    private static ListResult list(RestCall call) {
        Params params = call.params();
        ObjectNode tree = JsonNodeFactory.instance.objectNode(); // the query ListQuery reads: filter, order, select, start
        params.node("select").ifPresent(select -> tree.set("select", select));
        // start in lower case only, as the REST server reads it (D29)
        java.util.Optional.ofNullable(params.tree().get("start")).ifPresent(start -> tree.set("start", start));
        ObjectNode filter = JsonNodeFactory.instance.objectNode();
        params.phpArray("filter").ifPresent(given -> given.fields().forEachRemaining(entry -> {
            if (Products.known(ListQuery.Key.of(entry.getKey()).field())) {
                filter.set(entry.getKey(), entry.getValue());
            } else {
                call.deviation("filter " + entry.getKey() + ": names no product field; the real server drops it and"
                        + " lists without that condition");
            }
        }));
        tree.set("filter", filter);
        ObjectNode order = JsonNodeFactory.instance.objectNode();
        params.phpArray("order").ifPresent(order::setAll);
        if (order.isEmpty()) {
            order.put("SORT", "ASC");
        }
        boolean byId = false;
        for (String key : (Iterable<String>) order::fieldNames) {
            byId |= key.toUpperCase(Locale.ROOT).equals("ID");
        }
        if (!byId) { // CCrmProductRestProxy::innerGetList appends ID to any order without it
            order.put("ID", "ASC");
        }
        tree.set("order", order);
        ListQuery query = ListQuery.from(new Params(tree)).paged(ListQuery.Paging.PAGE_NUMBER);
        List<ObjectNode> records = call.portal().store(ProductStore.class).all().stream().map(Products::view).toList();
        return query.run(records);
    }
}
