package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSettings;
import dev.b24emu.emulator.internal.transport.Caller;
import dev.b24emu.emulator.internal.transport.MethodRegistry;
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
public final class CrmMethods {
    public static final String SCOPE = "crm";
    private static final int MAX_DUPLICATE_VALUES = 20;

    private CrmMethods() {
    }

    public static void registerAll(MethodRegistry registry) {
        for (CrmEntityType type : CrmEntityType.values()) {
            String prefix = "crm." + type.name().toLowerCase(Locale.ROOT);
            registry.add(prefix + ".add", SCOPE, (caller, p) -> add(caller, p, type))
                    .add(prefix + ".get", SCOPE, (caller, p) -> get(caller.portal(), p, type))
                    .add(prefix + ".list", SCOPE, (caller, p) -> ListQuery.from(p).run(fieldsOf(caller.portal(), type)))
                    .add(prefix + ".update", SCOPE, (caller, p) -> update(caller, p, type))
                    .add(prefix + ".delete", SCOPE, (caller, p) -> {
                        long id = requireId(p);
                        Portal portal = caller.portal();
                        if (!portal.exclusive(() -> portal.crm().delete(new CrmRef(type, id)))) {
                            throw RestError.of("ERROR_CORE", "Not found");
                        }
                        return JsonNodeFactory.instance.booleanNode(true);
                    });
        }
        registry.add("crm.activity.get", SCOPE, (caller, p) -> activity(caller.portal(), p))
                .add("crm.activity.list", SCOPE, (caller, p) -> ListQuery.from(p).run(caller.portal().crm().activities()))
                .add("crm.duplicate.findbycomm", SCOPE, (caller, p) -> findByCommunication(caller.portal(), p))
                .add("crm.settings.mode.get", SCOPE, (caller, p) ->
                        IntNode.valueOf(caller.portal().settings().crmMode() == PortalSettings.CrmMode.SIMPLE ? 2 : 1));
    }

    private static JsonNode add(Caller caller, Params p, CrmEntityType type) {
        ObjectNode fields = objectParam(p, "fields");
        Portal portal = caller.portal();
        CrmItem item = portal.exclusive(() -> portal.crm().add(type, fields, caller.userId(), portal.isoNow()));
        return IntNode.valueOf((int) item.id());
    }

    private static JsonNode get(Portal portal, Params p, CrmEntityType type) {
        long id = requireId(p);
        return portal.crm().get(new CrmRef(type, id)).map(CrmItem::fields)
                .orElseThrow(() -> RestError.of("ERROR_CORE", "Not found"));
    }

    private static JsonNode update(Caller caller, Params p, CrmEntityType type) {
        long id = requireId(p);
        ObjectNode fields = objectParam(p, "fields");
        Portal portal = caller.portal();
        portal.exclusive(() -> portal.crm().update(new CrmRef(type, id), fields, caller.userId(), portal.isoNow()))
                .orElseThrow(() -> RestError.of("ERROR_CORE", "Not found"));
        return JsonNodeFactory.instance.booleanNode(true);
    }

    private static JsonNode activity(Portal portal, Params p) {
        long id = requireId(p);
        return portal.crm().activity(id).orElseThrow(() -> RestError.of("ERROR_CORE", "Activity is not found"));
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
            return portal.crm().findByPhone(value).stream().filter(item -> item.type() == type).toList();
        }
        return portal.crm().all(type).stream().filter(item -> {
            for (JsonNode email : item.fields().path("EMAIL")) {
                if (email.path("VALUE").asText("").equalsIgnoreCase(value.trim())) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    private static List<ObjectNode> fieldsOf(Portal portal, CrmEntityType type) {
        return portal.crm().all(type).stream().map(CrmItem::fields).toList();
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
