package dev.b24emu.emulator.internal.telephony.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.telephony.ExternalLine;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

/**
 * telephony.externalLine.add / update / delete / get: each application sees and changes only its own lines
 * (webhooks share one set). NAME defaults to "" (the server stores (string)($params['NAME'] ?? '')); CRM_AUTO_CREATE
 * is on only for exactly "Y" (default "Y"); the result types follow
 * the docs examples ({"ID": 7} from add, {"ID": "7"} from update, [] from delete).
 */
final class LineMethods {
    private LineMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("telephony.externalLine.add", call -> add(call.caller(), call.params()))
                .add("telephony.externalLine.update", call -> update(call.caller(), call.params()))
                .add("telephony.externalLine.delete", call -> delete(call.caller(), call.params()))
                .add("telephony.externalLine.get", call -> get(call.caller()));
    }

    private static TelephonyStore telephony(Portal portal) {
        return portal.store(TelephonyStore.class);
    }

    private static JsonNode add(Caller caller, Params p) {
        String number = number(p);
        Portal portal = caller.portal();
        ExternalLine line = portal.exclusive(() -> {
            if (telephony(portal).line(caller.appKey(), number).isPresent()) {
                throw RestError.of("ERROR_CORE", "Line already exists");
            }
            ConfigBound.admit(portal, telephony(portal).allLines(), p.tree(), "external lines");
            return telephony(portal).addLine(caller.appKey(), number, p.text("NAME").orElse(""),
                    !p.has("CRM_AUTO_CREATE") || "Y".equals(p.textOrEmpty("CRM_AUTO_CREATE")));
        });
        return JsonNodeFactory.instance.objectNode().put("ID", line.id());
    }

    private static JsonNode update(Caller caller, Params p) {
        if (!p.has("NAME") && !p.has("CRM_AUTO_CREATE")) { // checked before NUMBER, as the page's table and the server
            throw RestError.of("ERROR_CORE", "There are no fields to update");
        }
        String number = number(p);
        Portal portal = caller.portal();
        ExternalLine updated = portal.exclusive(() -> {
            ExternalLine line = telephony(portal).line(caller.appKey(), number).orElseThrow(() -> notFound(number));
            ExternalLine changed = new ExternalLine(line.id(), line.appKey(), line.number(),
                    p.text("NAME").orElse(line.name()),
                    p.has("CRM_AUTO_CREATE") ? "Y".equals(p.textOrEmpty("CRM_AUTO_CREATE")) : line.crmAutoCreate());
            ConfigBound.admitChange(portal, telephony(portal).allLines(), line, changed, "external lines");
            telephony(portal).updateLine(changed);
            return changed;
        });
        return JsonNodeFactory.instance.objectNode().put("ID", Long.toString(updated.id()));
    }

    private static JsonNode delete(Caller caller, Params p) {
        String number = number(p);
        if (!caller.portal().exclusive(() -> telephony(caller.portal()).deleteLine(caller.appKey(), number))) {
            throw notFound(number);
        }
        return JsonNodeFactory.instance.arrayNode();
    }

    private static JsonNode get(Caller caller) {
        ArrayNode lines = JsonNodeFactory.instance.arrayNode();
        for (ExternalLine line : telephony(caller.portal()).lines(caller.appKey())) {
            lines.addObject().put("NUMBER", line.number()).put("NAME", line.name())
                    .put("CRM_AUTO_CREATE", line.crmAutoCreate() ? "Y" : "N");
        }
        return lines;
    }

    private static String number(Params p) {
        return p.requireText("NUMBER", RestError.of("ERROR_CORE", "NUMBER should not be empty"));
    }

    private static RestError notFound(String number) {
        return RestError.of("ERROR_CORE", "Could not find line with number " + number);
    }
}
