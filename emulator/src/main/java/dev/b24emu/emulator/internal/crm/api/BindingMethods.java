package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.BindingTables;
import dev.b24emu.emulator.internal.crm.CrmBindings;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.ArrayList;
import java.util.List;

/**
 * crm.contact.company.*, crm.company.contact.*, crm.deal.contact.*, crm.lead.contact.*: fields, add, delete,
 * items.get, items.set, items.delete, as CCrmEntityBindingProxy answers them (D165): its errors in its order (the owner's
 * ID, the parameter's type, the owner, the target), false for a binding already there or not there.
 */
final class BindingMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NOT_FOUND = "Not found.";

    private BindingMethods() {
    }

    static void register(MethodTable methods) {
        for (BindingTables table : BindingTables.all()) {
            String prefix = table.prefix();
            methods.add(prefix + ".fields", call -> fields(table))
                    .add(prefix + ".add", call -> add(call, table))
                    .add(prefix + ".delete", call -> delete(call, table))
                    .add(prefix + ".items.get", call -> itemsGet(call, table))
                    .add(prefix + ".items.set", call -> itemsSet(call, table))
                    .add(prefix + ".items.delete", call -> itemsDelete(call, table));
        }
    }

    /** SORT, IS_PRIMARY, then the target, described as the proxy's getFieldsInfo describes them. */
    private static ObjectNode fields(BindingTables table) {
        ObjectNode fields = NODES.objectNode();
        describe(fields, "SORT", "integer", false, "Sort");
        describe(fields, "IS_PRIMARY", "char", false, "Primary");
        describe(fields, table.targetField(), "integer", true,
                table.targetField().equals("CONTACT_ID") ? "Contact" : "Company");
        return fields;
    }

    private static void describe(ObjectNode fields, String name, String type, boolean required, String title) {
        fields.putObject(name).put("type", type).put("isRequired", required).put("isReadOnly", false)
                .put("isImmutable", false).put("isMultiple", false).put("isDynamic", false).put("title", title);
    }

    private static JsonNode add(RestCall call, BindingTables table) {
        return write(call, table, "The parameter 'fields' must be array.", (crm, owner, target, fields) -> {
            long sort = Params.phpInt(fields.get("SORT"));
            return table.add(crm, owner, target, sort > 0 ? CrmBindings.sortIndex(sort) : null,
                    "Y".equals(fields.path("IS_PRIMARY").asText()));
        });
    }

    private static JsonNode delete(RestCall call, BindingTables table) {
        return write(call, table, "The parameter 'item' must be array.",
                (crm, owner, target, fields) -> table.delete(crm, owner, target));
    }

    /** One binding written: the owner's ID, its fields (an array, else {@code notArray}), the owner, the target. */
    private static JsonNode write(RestCall call, BindingTables table, String notArray, Write write) {
        long owner = owner(call.params(), "'ownerEntityID'");
        ObjectNode fields = call.params().phpArray("fields").orElseThrow(() -> RestError.of("ERROR_CORE", notArray));
        Portal portal = call.portal();
        return BooleanNode.valueOf(portal.exclusive(() -> {
            requireOwner(portal, table, owner);
            return write.apply(crm(portal), owner, target(fields, table), fields);
        }));
    }

    private interface Write {
        boolean apply(CrmStore crm, long owner, long target, ObjectNode fields);
    }

    /** The rows, or [] for an owner that does not exist (only a deal's is checked: its category is read first). */
    private static JsonNode itemsGet(RestCall call, BindingTables table) {
        long owner = owner(call.params(), "ownerEntityID");
        List<CrmBindings.Binding> rows = table.rows(crm(call.portal()), owner).orElse(null);
        if (rows == null && table.ownerType() == CrmEntityType.DEAL) {
            throw RestError.of("ERROR_CORE", "Not found");
        }
        ArrayNode answer = NODES.arrayNode();
        if (rows != null) {
            rows.forEach(row -> answer.add(CrmBindings.answered(table.targetField(), row)));
        }
        return answer;
    }

    private static JsonNode itemsSet(RestCall call, BindingTables table) {
        long owner = owner(call.params(), "ownerEntityID");
        ObjectNode items = call.params().phpArray("items")
                .orElseThrow(() -> RestError.of("ERROR_CORE", "The parameter items must be array."));
        List<JsonNode> given = new ArrayList<>();
        items.forEach(given::add);
        Portal portal = call.portal();
        portal.exclusive(() -> {
            requireOwner(portal, table, owner);
            table.set(crm(portal), owner, CrmBindings.set(table.targetField(), given));
            return null;
        });
        return BooleanNode.TRUE;
    }

    private static JsonNode itemsDelete(RestCall call, BindingTables table) {
        long owner = owner(call.params(), "ownerEntityID");
        Portal portal = call.portal();
        portal.exclusive(() -> {
            if (table.rows(crm(portal), owner).isEmpty()) {
                if (table.ownerType() == CrmEntityType.DEAL) {
                    throw RestError.of("ERROR_CORE", "Not found");
                }
                return null; // nothing to remove: the server does not look for the owner
            }
            table.set(crm(portal), owner, List.of());
            return null;
        });
        return BooleanNode.TRUE;
    }

    /** The owner's ID from ID or id (ID first), as CCrmRestHelper::resolveEntityID reads it. */
    private static long owner(Params params, String name) {
        long id = params.has("ID") ? params.phpInt("ID") : params.phpInt("id");
        if (id <= 0) {
            throw RestError.of("ERROR_CORE", "The parameter " + name + " is invalid or not defined.");
        }
        return id;
    }

    private static void requireOwner(Portal portal, BindingTables table, long owner) {
        if (crm(portal).get(new dev.b24emu.emulator.internal.crm.CrmRef(table.ownerType(), owner)).isEmpty()) {
            throw RestError.of("ERROR_CORE", NOT_FOUND);
        }
    }

    private static long target(ObjectNode fields, BindingTables table) {
        long target = Params.phpInt(fields.get(table.targetField()));
        if (target <= 0) {
            throw RestError.of("ERROR_CORE", "The parameter 'fields' is not valid.");
        }
        return target;
    }

    private static CrmStore crm(Portal portal) {
        return portal.store(CrmStore.class);
    }
}
