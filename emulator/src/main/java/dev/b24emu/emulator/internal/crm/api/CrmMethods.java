package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSettings;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CRM methods an integration uses to seed and inspect what telephony does: crm.{lead,deal,contact,company}
 * .add/.get/.list/.update, crm.activity.get/.list, crm.duplicate.findbycomm and crm.settings.mode.get.
 */
final class CrmMethods {
    private static final int MAX_DUPLICATE_VALUES = 20;

    private CrmMethods() {
    }

    static void register(MethodTable methods) {
        for (CrmEntityType type : CrmEntityType.values()) {
            String prefix = "crm." + type.name().toLowerCase(Locale.ROOT);
            methods.add(prefix + ".add", call -> add(call.caller(), call.params(), type))
                    .add(prefix + ".get", call -> get(call.portal(), call.params(), type))
                    .add(prefix + ".list", call -> ListQuery.from(call.params()).run(fieldsOf(call.portal(), type)))
                    .add(prefix + ".update", call -> update(call.caller(), call.params(), type))
                    .add(prefix + ".delete", call -> {
                        long id = requireId(call.params());
                        Portal portal = call.portal();
                        if (!portal.exclusive(() -> crm(portal).delete(new CrmRef(type, id)))) {
                            throw RestError.of("ERROR_CORE", "Not found");
                        }
                        return JsonNodeFactory.instance.booleanNode(true);
                    });
        }
        methods.add("crm.activity.get", call -> activity(call.portal(), call.params()))
                .add("crm.activity.list", call -> ListQuery.from(call.params()).run(crm(call.portal()).activities()))
                .add("crm.duplicate.findbycomm", call -> findByCommunication(call.portal(), call.params()))
                .add("crm.settings.mode.get", call ->
                        IntNode.valueOf(call.portal().settings().crmMode() == PortalSettings.CrmMode.SIMPLE ? 2 : 1));
    }

    private static CrmStore crm(Portal portal) {
        return portal.store(CrmStore.class);
    }

    private static JsonNode add(Caller caller, Params p, CrmEntityType type) {
        ObjectNode fields = objectParam(p, "fields");
        Portal portal = caller.portal();
        CrmItem item = portal.exclusive(() -> crm(portal).add(type, fields, caller.userId(), portal.isoNow()));
        return IntNode.valueOf((int) item.id());
    }

    private static JsonNode get(Portal portal, Params p, CrmEntityType type) {
        long id = requireId(p);
        return crm(portal).get(new CrmRef(type, id)).map(CrmItem::fields)
                .orElseThrow(() -> RestError.of("ERROR_CORE", "Not found"));
    }

    private static JsonNode update(Caller caller, Params p, CrmEntityType type) {
        long id = requireId(p);
        ObjectNode fields = objectParam(p, "fields");
        Portal portal = caller.portal();
        portal.exclusive(() -> crm(portal).update(new CrmRef(type, id), fields, caller.userId(), portal.isoNow()))
                .orElseThrow(() -> RestError.of("ERROR_CORE", "Not found"));
        return JsonNodeFactory.instance.booleanNode(true);
    }

    private static JsonNode activity(Portal portal, Params p) {
        long id = requireId(p);
        return crm(portal).activity(id).orElseThrow(() -> RestError.of("ERROR_CORE", "Activity is not found"));
    }

    private static JsonNode findByCommunication(Portal portal, Params p) {
        String type = p.textOrEmpty("type").toUpperCase(Locale.ROOT);
        if (type.isEmpty()) {
            throw RestError.of("ERROR_CORE", "Communication type is not defined");
        }
        if (!type.equals("PHONE") && !type.equals("EMAIL")) {
            throw RestError.of("ERROR_CORE", "Communication type '" + type + "' is not supported in current context");
        }
        List<String> values = p.values("values").stream().filter(v -> !v.isBlank()).toList();
        if (values.isEmpty()) {
            throw RestError.of("ERROR_CORE", "Communication values is not defined");
        }
        List<CrmEntityType> types = p.text("entity_type").flatMap(CrmEntityType::parse).map(List::of)
                .orElse(List.of(CrmEntityType.LEAD, CrmEntityType.CONTACT, CrmEntityType.COMPANY));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (CrmEntityType entityType : types) {
            List<Long> ids = new ArrayList<>();
            for (String value : values.subList(0, Math.min(MAX_DUPLICATE_VALUES, values.size()))) {
                for (CrmItem item : matches(portal, type, value, entityType)) {
                    if (!ids.contains(item.id())) {
                        ids.add(item.id());
                    }
                }
            }
            if (!ids.isEmpty()) {
                var array = result.putArray(entityType.name());
                ids.stream().sorted().forEach(array::add);
            }
            if (ids.size() >= MAX_DUPLICATE_VALUES) {
                break;
            }
        }
        return result.isEmpty() ? JsonNodeFactory.instance.arrayNode() : result;
    }

    private static List<CrmItem> matches(Portal portal, String communication, String value, CrmEntityType type) {
        if (communication.equals("PHONE")) {
            return crm(portal).findByPhone(value).stream().filter(item -> item.type() == type).toList();
        }
        return crm(portal).all(type).stream().filter(item -> {
            for (JsonNode email : item.fields().path("EMAIL")) {
                if (email.path("VALUE").asText("").equalsIgnoreCase(value.trim())) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    private static List<ObjectNode> fieldsOf(Portal portal, CrmEntityType type) {
        return crm(portal).all(type).stream().map(CrmItem::fields).toList();
    }

    private static ObjectNode objectParam(Params p, String name) {
        JsonNode fields = p.node(name).orElse(null);
        if (fields == null || !fields.isObject()) {
            throw RestError.of("ERROR_CORE", "Parameter '" + name + "' must be array");
        }
        return (ObjectNode) fields;
    }

    private static long requireId(Params p) {
        long id = p.phpInt("id");
        if (id <= 0) {
            throw RestError.of("ERROR_CORE", "ID is not defined or invalid");
        }
        return id;
    }
}
