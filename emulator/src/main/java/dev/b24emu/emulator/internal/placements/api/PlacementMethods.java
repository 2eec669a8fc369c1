package dev.b24emu.emulator.internal.placements.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.outbound.SelfGuard;
import dev.b24emu.emulator.internal.placements.BackgroundWorkers;
import dev.b24emu.emulator.internal.placements.Placement;
import dev.b24emu.emulator.internal.placements.PlacementCatalog;
import dev.b24emu.emulator.internal.placements.PlacementStore;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.users.Access;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * placement.bind / unbind / get / list, and placement.bindEvent / unbindEvent: the REST subscription to CallCard::*
 * events that only an older draft page showed (specs/DECISIONS.md D41): served for convenience with a warning on every
 * call, refused as the current pages say with {@code restCardEvents: false}. Placements belong to the application
 * that bound them; webhooks get WRONG_AUTH_TYPE.
 */
final class PlacementMethods {
    static final Set<String> CALL_CARD_EVENTS = Set.of("CallCard::EntityChanged", "CallCard::CallStateChanged",
            "CallCard::BeforeClose");
    /** The journal's and the response header's warning on every REST card-event subscription (D41). */
    static final String REST_CARD_EVENTS_WARNING = "placement.bindEvent and placement.unbindEvent are not REST methods on"
            + " a real portal: CallCard::* events reach only the widget through BX24.placement.bindEvent"
            + " (api-reference/widgets/ui-interaction/index.md); a server subscribed here gets nothing there (D41)";

    private final SelfGuard self;

    PlacementMethods(SelfGuard self) {
        this.self = self;
    }

    void register(MethodTable methods) {
        methods.add("placement.bind", call -> bind(call.caller(), call.params()))
                .add("placement.unbind", call -> unbind(call.caller(), call.params()))
                .add("placement.get", call -> get(call.caller(), call.params()))
                .add("placement.list", call -> list(call.caller(), call.params()))
                .add("placement.bindEvent", call -> bindEvent(restCardEvents(call), call.params()))
                .add("placement.unbindEvent", call -> unbindEvent(restCardEvents(call), call.params()));
    }

    private static PlacementStore placements(Caller caller) {
        return caller.portal().store(PlacementStore.class);
    }

    /**
     * placement.list (placement-list.md): SCOPE, when given and not empty, lists that scope's codes only; else FULL
     * lists every scope's; else the caller's scopes and the global codes.
     */
    private static JsonNode list(Caller caller, Params p) {
        String scope = p.textOrEmpty("SCOPE").trim().toLowerCase(Locale.ROOT);
        List<String> codes = !scope.isEmpty() ? PlacementCatalog.ofScope(scope)
                : p.phpTruthy("FULL") ? PlacementCatalog.all() : PlacementCatalog.availableTo(caller.scopes());
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        codes.forEach(result::add);
        return result;
    }

    /** D41: refused as on a real portal with restCardEvents off; otherwise served, with the warning. */
    private static Caller restCardEvents(RestCall call) {
        if (!call.portal().settings().restCardEvents()) {
            throw RestError.methodNotFound();
        }
        call.warn(REST_CARD_EVENTS_WARNING);
        return call.caller();
    }

    private JsonNode bind(Caller caller, Params p) {
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
        // the server keeps USER_ID only above 0: any other is the handler for everyone
        long userId = Math.max(0, p.phpInt("USER_ID"));
        if (userId != 0 && !PlacementCatalog.USER_MODE.contains(code)) {
            throw RestError.of("ERROR_PLACEMENT_USER_MODE", "User mode is not available.");
        }
        JsonNode empty = JsonNodeFactory.instance.arrayNode();
        JsonNode options = p.node("OPTIONS").orElse(empty);
        var store = placements(caller);
        // only some placements keep OPTIONS: for the others "the values passed are not retained" (call-card.md); a
        // background worker its errorHandlerUrl alone, as text
        JsonNode kept = code.equals(BackgroundWorkers.CODE) ? BackgroundWorkers.bindOptions(options)
                : PlacementCatalog.keepsOptions(code) ? options : empty;
        Placement placement = new Placement(0, caller.appKey(), code, handler, p.text("TITLE").orElse(""),
                p.text("DESCRIPTION").orElse(""), p.text("GROUP_NAME").orElse(""), p.node("LANG_ALL").orElse(empty), kept,
                userId);
        // counted and bound at once, so two binds cannot both pass the count
        return caller.portal().exclusive(() -> {
            // D191: the count before the placement's own check (rest's bind, then intranet's registerCallback); a
            // personal handler counts the one for everyone and its own user's, one for everyone only those for everyone
            if (PlacementCatalog.SINGLE.contains(code) && !store.placements(pl -> pl.appKey().equals(caller.appKey())
                    && pl.placement().equals(code) && (pl.userId() == 0 || pl.userId() == userId)).isEmpty()) {
                throw RestError.of("ERROR_PLACEMENT_MAX_COUNT", "Placement max count: 1");
            }
            if (PlacementCatalog.NEEDS_ERROR_HANDLER.contains(code)) {
                String errorHandler = options.path("errorHandlerUrl").asText("");
                if (errorHandler.isEmpty()) {
                    throw RestError.of("EMPTY_ERROR_HANDLER_URL", "Field errorHandlerUrl is empty.");
                }
                checkHandler(errorHandler); // the emulator POSTs to it: not to the emulator itself, nor to javascript:
            }
            ConfigBound.admit(caller.portal(), store.placements(any -> true), p.tree(), "placement handlers");
            store.bind(placement).orElseThrow(() -> RestError.of("ERROR_HANDLER_ALREADY_EXIST", "Handler already binded"));
            return BooleanNode.TRUE;
        });
    }

    private static JsonNode unbind(Caller caller, Params p) {
        Access.requireAdmin(caller, "Access denied!");
        // D188: the server's is_string comes first, so a missing PLACEMENT, a number or a list are its type error,
        // and only an empty string is "null or empty"; HANDLER is matched as written ("*" is no wildcard)
        JsonNode placement = p.node("PLACEMENT").orElse(null);
        if (placement == null || !placement.isTextual()) {
            throw RestError.argument("PLACEMENT", "The value of an argument 'PLACEMENT' must be of type string");
        }
        if (placement.asText().isEmpty()) {
            throw RestError.argument("PLACEMENT", "Argument 'PLACEMENT' is null or empty");
        }
        String code = placement.asText().toUpperCase(Locale.ROOT);
        String handler = p.textOrEmpty("HANDLER");
        boolean byUser = p.has("USER_ID");
        long userId = p.phpInt("USER_ID");
        int removed = placements(caller).unbind(pl -> pl.appKey().equals(caller.appKey())
                && pl.placement().equals(code) && (handler.isEmpty() || pl.handler().equals(handler))
                && (!byUser || pl.userId() == userId));
        // placement-unbind.md: count grows by 1 for each handler found and by 1 more for each one removed
        return JsonNodeFactory.instance.objectNode().put("count", 2 * removed);
    }

    private static JsonNode get(Caller caller, Params p) {
        Access.requireAdmin(caller, "Access denied!");
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (Placement pl : placements(caller).placements(pl -> pl.appKey().equals(caller.appKey()))) {
            ObjectNode item = result.addObject();
            item.put("placement", pl.placement());
            item.put("userId", pl.userId());
            item.put("handler", pl.handler());
            item.set("options", pl.options());
            item.put("title", pl.title());
            item.put("description", pl.description());
            item.set("langAll", langAll(pl.langAll()));
        }
        return result;
    }

    /** Each language of LANG_ALL with its TITLE, DESCRIPTION and GROUP_NAME, "" where not given (placement-get.md). */
    private static JsonNode langAll(JsonNode given) {
        if (!given.isObject() || given.isEmpty()) {
            return given;
        }
        ObjectNode languages = JsonNodeFactory.instance.objectNode();
        given.fields().forEachRemaining(language -> {
            ObjectNode texts = languages.putObject(language.getKey());
            for (String key : List.of("TITLE", "DESCRIPTION", "GROUP_NAME")) {
                texts.put(key, Params.scalarText(language.getValue().get(key)).orElse(""));
            }
        });
        return languages;
    }

    private JsonNode bindEvent(Caller caller, Params p) {
        String event = event(p);
        String handler = p.textOrEmpty("HANDLER");
        checkHandler(handler);
        ConfigBound.admit(caller.portal(), placements(caller).subscriptions(any -> true), p.tree(),
                "placement event subscriptions");
        if (!placements(caller).subscribe(caller.appKey(), event, handler)) {
            throw RestError.of("ERROR_HANDLER_ALREADY_EXIST", "Handler already binded");
        }
        return BooleanNode.TRUE;
    }

    private static JsonNode unbindEvent(Caller caller, Params p) {
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
        if (uri.getScheme() == null || uri.getHost() == null || self.reachesEmulator(handler)) {
            throw RestError.of("ERROR_WRONG_HANDLER_URL", "Wrong handler URL");
        }
    }

}
