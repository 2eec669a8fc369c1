package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Caller;
import dev.b24emu.emulator.internal.transport.MethodRegistry;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

/**
 * telephony.externalLine.add / update / delete / get: each application sees and changes only its own lines
 * (webhooks share one set). CRM_AUTO_CREATE is on only for exactly "Y" (default "Y"); the result types follow
 * the docs examples ({"ID": 7} from add, {"ID": "7"} from update, [] from delete).
 */
public final class LineMethods {
    private LineMethods() {
    }

    public static void registerAll(MethodRegistry registry) {
        registry.addAppContext("telephony.externalLine.add", TelephonyMethods.SCOPE, LineMethods::add)
                .addAppContext("telephony.externalLine.update", TelephonyMethods.SCOPE, LineMethods::update)
                .addAppContext("telephony.externalLine.delete", TelephonyMethods.SCOPE, LineMethods::delete)
                .addAppContext("telephony.externalLine.get", TelephonyMethods.SCOPE, LineMethods::get);
    }

    private static JsonNode add(Caller caller, Params p) {
        String number = number(p);
        Portal portal = caller.portal();
        ExternalLine line = portal.exclusive(() -> {
            if (portal.telephony().line(caller.appKey(), number).isPresent()) {
                throw RestError.of("ERROR_CORE", "Line already exists");
            }
            return portal.telephony().addLine(caller.appKey(), number, p.text("NAME").orElse(number),
                    !p.has("CRM_AUTO_CREATE") || "Y".equals(p.textOrEmpty("CRM_AUTO_CREATE")));
        });
        return JsonNodeFactory.instance.objectNode().put("ID", line.id());
    }

    private static JsonNode update(Caller caller, Params p) {
        String number = number(p);
        if (!p.has("NAME") && !p.has("CRM_AUTO_CREATE")) {
            throw RestError.of("ERROR_CORE", "There are no fields to update");
        }
        Portal portal = caller.portal();
        ExternalLine updated = portal.exclusive(() -> {
            ExternalLine line = portal.telephony().line(caller.appKey(), number).orElseThrow(() -> notFound(number));
            ExternalLine changed = new ExternalLine(line.id(), line.appKey(), line.number(),
                    p.text("NAME").orElse(line.name()),
                    p.has("CRM_AUTO_CREATE") ? "Y".equals(p.textOrEmpty("CRM_AUTO_CREATE")) : line.crmAutoCreate());
            portal.telephony().updateLine(changed);
            return changed;
        });
        return JsonNodeFactory.instance.objectNode().put("ID", Long.toString(updated.id()));
    }

    private static JsonNode delete(Caller caller, Params p) {
        String number = number(p);
        if (!caller.portal().exclusive(() -> caller.portal().telephony().deleteLine(caller.appKey(), number))) {
            throw notFound(number);
        }
        return JsonNodeFactory.instance.arrayNode();
    }

    private static JsonNode get(Caller caller, Params p) {
        ArrayNode lines = JsonNodeFactory.instance.arrayNode();
        for (ExternalLine line : caller.portal().telephony().lines(caller.appKey())) {
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
