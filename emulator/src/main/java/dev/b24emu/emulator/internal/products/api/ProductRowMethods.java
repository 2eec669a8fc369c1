package dev.b24emu.emulator.internal.products.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.products.ProductRows;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.rest.RestMethod;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.List;

/**
 * crm.deal.productrows.set and .get, and the lead's (specs/DECISIONS.md D177), as CCrmDealRestProxy and
 * CCrmLeadRestProxy run them: id (or ID), rows (any case; absent is none, so every row goes); set answers true.
 */
final class ProductRowMethods {
    void register(MethodTable methods) {
        methods.add("crm.deal.productrows.set", set(CrmEntityType.DEAL))
                .add("crm.deal.productrows.get", get(CrmEntityType.DEAL))
                .add("crm.lead.productrows.set", set(CrmEntityType.LEAD))
                .add("crm.lead.productrows.get", get(CrmEntityType.LEAD));
    }

    private static RestMethod set(CrmEntityType type) {
        return call -> {
            long id = call.params().phpInt("id");
            JsonNode given = call.params().node("rows").orElse(JsonNodeFactory.instance.arrayNode());
            if (id > 0 && !given.isContainerNode()) {
                throw RestError.of("ERROR_CORE", "The parameter rows must be array.");
            }
            // told before the write: strict mode refuses it, and a refused call must have written nothing
            List<String> ignored = ProductRows.unwritten(given);
            if (!ignored.isEmpty()) {
                call.deviation(String.join(", ", ignored) + ": name no field a product row writes (ID and TYPE are"
                        + " read only); the real server drops them");
            }
            Portal portal = call.portal();
            portal.exclusive(() -> ProductRows.set(portal, Origin.of(call), type, id, given));
            return BooleanNode.TRUE;
        };
    }

    private static RestMethod get(CrmEntityType type) {
        return call -> {
            ArrayNode rows = JsonNodeFactory.instance.arrayNode();
            ProductRows.get(call.portal(), type, call.params().phpInt("id"))
                    .forEach(row -> rows.add(ProductRows.view(call.portal(), row)));
            return rows;
        };
    }
}
