package dev.b24emu.emulator.internal.placements.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.outbound.SelfGuard;
import dev.b24emu.emulator.internal.placements.Placement;
import dev.b24emu.emulator.internal.placements.PlacementCatalog;
import dev.b24emu.emulator.internal.placements.PlacementStore;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.users.Access;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * placement.bind / unbind / get / list, and placement.bindEvent / unbindEvent: the REST subscription to CallCard::*
 * events that the older documentation shows (specs/DECISIONS.md D41). Placements belong to the application that
 * bound them; webhooks get WRONG_AUTH_TYPE.
 */
final class PlacementMethods {
    static final Set<String> CALL_CARD_EVENTS = Set.of("CallCard::EntityChanged", "CallCard::CallStateChanged",
            "CallCard::BeforeClose");

    private final SelfGuard self;

    PlacementMethods(SelfGuard self) {
        this.self = self;
    }

    void register(MethodTable methods) {
        methods.add("placement.bind", call -> bind(call.caller(), call.params()))
                .add("placement.unbind", call -> unbind(call.caller(), call.params()))
                .add("placement.get", call -> get(call.caller(), call.params()))
                .add("placement.list", call -> {
                    Access.requireApplication(call.caller(), "Current authorization type is denied for this method Application context required");
                    ArrayNode codes = JsonNodeFactory.instance.arrayNode();
                    PlacementCatalog.availableTo(call.caller().scopes()).forEach(codes::add);
                    return codes;
                })
                .add("placement.bindEvent", call -> bindEvent(call.caller(), call.params()))
                .add("placement.unbindEvent", call -> unbindEvent(call.caller(), call.params()));
    }

    private static PlacementStore placements(Caller caller) {
        return caller.portal().store(PlacementStore.class);
    }

    private JsonNode bind(Caller caller, Params p) {
        Access.requireApplication(caller, "Current authorization type is denied for this method Application context required");
        Access.requireAdmin(caller, "Access denied!");
        String code = p.textOrEmpty("PLACEMENT").toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            throw RestError.argument("PLACEMENT", "Argument 'PLACEMENT' is null or empty");
        }
        String handler = p.textOrEmpty("HANDLER");
        if (handler.isEmpty()) {
            throw RestError.argument("HANDLER", "Argument 'HANDLER' is null or empty");
        }
        if (!PlacementCatalog.available(code, caller.scopes())) {
            throw RestError.of("ERROR_PLACEMENT_NOT_FOUND", "Placement not found");
        }
        checkHandler(handler);
        long userId = p.phpInt("USER_ID");
        if (userId != 0 && !PlacementCatalog.USER_MODE.contains(code)) {
            throw RestError.of("ERROR_PLACEMENT_USER_MODE", "User mode is not available");
        }
        var store = placements(caller);
        if (PlacementCatalog.SINGLE.contains(code)
                && !store.placements(pl -> pl.appKey().equals(caller.appKey()) && pl.placement().equals(code)).isEmpty()) {
            throw RestError.of("ERROR_PLACEMENT_MAX_COUNT", "Placement max count exceeded");
        }
        JsonNode empty = JsonNodeFactory.instance.arrayNode();
        store.bind(new Placement(0, caller.appKey(), code, handler, p.text("TITLE").orElse(""),
                        p.text("DESCRIPTION").orElse(""), p.text("GROUP_NAME").orElse(""),
                        p.node("LANG_ALL").orElse(empty), p.node("OPTIONS").orElse(empty), userId))
                .orElseThrow(() -> RestError.of("ERROR_HANDLER_ALREADY_EXIST", "Handler already binded"));
        return BooleanNode.TRUE;
    }

    private static JsonNode unbind(Caller caller, Params p) {
        Access.requireApplication(caller, "Current authorization type is denied for this method Application context required");
        Access.requireAdmin(caller, "Access denied!");
        JsonNode placement = p.node("PLACEMENT").orElse(null);
        if (placement != null && placement.isContainerNode()) {
            throw RestError.argument("PLACEMENT", "The value of an argument 'PLACEMENT' must be of type string");
        }
        if (placement == null || Params.scalarText(placement).orElse("").isEmpty()) {
            throw RestError.argument("PLACEMENT", "Argument 'PLACEMENT' is null or empty");
        }
        String code = placement.asText().toUpperCase(Locale.ROOT);
        String handler = p.textOrEmpty("HANDLER");
        boolean byUser = p.has("USER_ID");
        long userId = p.phpInt("USER_ID");
        int count = placements(caller).unbind(pl -> pl.appKey().equals(caller.appKey())
                && pl.placement().equals(code) && (handler.isEmpty() || pl.handler().equals(handler))
                && (!byUser || pl.userId() == userId));
        return JsonNodeFactory.instance.objectNode().put("count", count);
    }

    private static JsonNode get(Caller caller, Params p) {
        Access.requireApplication(caller, "Current authorization type is denied for this method Application context required");
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (Placement pl : placements(caller).placements(pl -> pl.appKey().equals(caller.appKey()))) {
            ObjectNode item = result.addObject();
            item.put("placement", pl.placement());
            item.put("userId", pl.userId());
            item.put("handler", pl.handler());
            item.set("options", pl.options());
            item.put("title", pl.title());
            item.put("description", pl.description());
            item.set("langAll", pl.langAll());
        }
        return result;
    }

    private JsonNode bindEvent(Caller caller, Params p) {
        Access.requireApplication(caller, "Current authorization type is denied for this method Application context required");
        String event = event(p);
        String handler = p.textOrEmpty("HANDLER");
        checkHandler(handler);
        if (!placements(caller).subscribe(caller.appKey(), event, handler)) {
            throw RestError.of("ERROR_HANDLER_ALREADY_EXIST", "Handler already binded");
        }
        return BooleanNode.TRUE;
    }

    private static JsonNode unbindEvent(Caller caller, Params p) {
        Access.requireApplication(caller, "Current authorization type is denied for this method Application context required");
        String event = event(p);
        String handler = p.textOrEmpty("HANDLER");
        int count = placements(caller).unsubscribe(s -> s.appKey().equals(caller.appKey())
                && s.event().equals(event) && (handler.isEmpty() || s.handler().equals(handler)));
        return JsonNodeFactory.instance.objectNode().put("count", count);
    }

    private static String event(Params p) {
        String event = p.textOrEmpty("PLACEMENT");
        return CALL_CARD_EVENTS.stream().filter(e -> e.equalsIgnoreCase(event)).findFirst()
                .orElseThrow(() -> RestError.of("ERROR_PLACEMENT_NOT_FOUND", "Placement not found"));
    }

    private void checkHandler(String handler) {
        URI uri;
        try {
            uri = URI.create(handler.trim());
        } catch (IllegalArgumentException e) {
            throw RestError.of("ERROR_WRONG_HANDLER_URL", "Wrong handler URL");
        }
        if (uri.getScheme() != null && !uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
            throw RestError.of("ERROR_UNSUPPORTED_PROTOCOL", "Unsupported protocol");
        }
        if (uri.getScheme() == null || uri.getHost() == null || self.reachesControlApi(handler)) {
            throw RestError.of("ERROR_WRONG_HANDLER_URL", "Wrong handler URL");
        }
    }

}
