package dev.b24emu.emulator.internal.events.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.events.EventHandler;
import dev.b24emu.emulator.internal.events.EventNames;
import dev.b24emu.emulator.internal.events.EventStore;
import dev.b24emu.emulator.internal.events.OfflineEvent;
import dev.b24emu.emulator.internal.outbound.SelfGuard;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.transport.Urls;
import dev.b24emu.emulator.internal.users.Access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * event.bind / unbind / get, events, and the offline queue methods event.offline.get / clear / error / list.
 * Events belong to applications: a webhook gets WRONG_AUTH_TYPE, and an application sees only its own handlers.
 */
final class EventMethods {
    private static final int DEFAULT_OFFLINE_LIMIT = 50;

    private final SelfGuard self;

    EventMethods(SelfGuard self) {
        this.self = self;
    }

    void register(MethodTable methods) {
        methods.add("event.bind", call -> bind(call.caller(), call.params()))
                .add("event.unbind", call -> unbind(call.caller(), call.params()))
                .add("event.get", call -> get(call.caller(), call.params()))
                .add("events", EventMethods::events)
                .add("event.offline.get", call -> offlineGet(call.caller(), call.params()))
                .add("event.offline.clear", call -> offlineClear(call.caller(), call.params()))
                .add("event.offline.error", call -> offlineError(call.caller(), call.params()))
                .add("event.offline.list", call -> offlineList(call.caller(), call.params()));
    }

    /**
     * events (events.md): only in an application's context; SCOPE lists that scope's events, else FULL every event,
     * else those of the application's scopes and the application events.
     */
    private static JsonNode events(RestCall call) {
        String scope = call.params().textOrEmpty("SCOPE").toLowerCase(Locale.ROOT);
        List<String> events = !scope.isEmpty() ? EventNames.ofScope(scope)
                : call.params().phpTruthy("FULL") ? EventNames.all() : EventNames.available(call.caller().scopes());
        ArrayNode names = JsonNodeFactory.instance.arrayNode();
        events.forEach(names::add);
        return names;
    }

    private static EventStore events(Caller caller) {
        return caller.portal().store(EventStore.class);
    }

    /** The checks in the real Event::eventBind's order (modules/rest/lib/api/event.php). */
    private JsonNode bind(Caller caller, Params p) {
        long authType = p.phpInt("auth_type");
        if (authType != 0 && authType != caller.userId()) {
            Access.requireAdmin(caller, "Access denied! Event binding with AUTH_TYPE requires administrator access rights");
        }
        String event = requiredEvent(p);
        boolean offline = offline(p);
        String handler = p.textOrEmpty("handler");
        if (offline) {
            Access.requireAdmin(caller, "Access denied! Offline events binding requires administrator access rights");
        } else if (handler.isEmpty()) {
            throw RestError.argument("HANDLER", "Argument 'HANDLER' is null or empty");
        } else if (!Urls.isHttp(handler) || self.reachesEmulator(handler)) {
            throw RestError.of("ERROR_WRONG_HANDLER_URL", "Wrong handler URL");
        }
        if (!EventNames.allowed(event, caller.scopes())) {
            throw RestError.of("ERROR_EVENT_NOT_FOUND", "Event not found");
        }
        if (offline && event.equals(EventNames.OFFLINE_EVENT)) { // its description says disableOffline
            throw RestError.of("ERROR_ARGUMENT", "Offline event cannot be registered for this event.");
        }
        if (authType == 0 && !offline && !Access.isAdmin(caller)) {
            authType = caller.userId(); // "Events are installed on behalf of the current user" for a non-administrator
        }
        EventStore events = events(caller);
        events.bind(event, offline ? "" : handler, caller.appKey(), authType, offline, p.textOrEmpty("auth_connector"),
                        minTimeout(p),
                        () -> ConfigBound.admit(caller.portal(), events.handlersById().values(), p.tree(), "event handlers"))
                .orElseThrow(() -> RestError.of("ERROR_HANDLER_ALREADY_EXIST", "Handler already exists!"));
        return BooleanNode.TRUE;
    }

    /** options.minTimeout, the seconds between OnOfflineEvent's notifications: 1 unless given (on-offline-event.md). */
    private static int minTimeout(Params p) {
        return p.phpArray("options").map(options -> Params.sent(options, "minTimeout"))
                .filter(value -> !value.isMissingNode() && !value.isNull())
                .map(value -> (int) Math.max(0, Math.min(Integer.MAX_VALUE, Params.phpInt(value)))).orElse(1);
    }

    /**
     * As the real Event::eventUnbind: an online handler is named (D128: the page's "without parameters, every handler"
     * only with unbindAllWithoutHandler).
     */
    private static JsonNode unbind(Caller caller, Params p) {
        String event = requiredEvent(p);
        boolean offline = offline(p);
        String handler = p.textOrEmpty("handler");
        boolean every = handler.isEmpty() && caller.portal().settings().unbindAllWithoutHandler();
        if (offline) {
            Access.requireAdmin(caller, "Access denied! Offline events unbinding requires administrator access rights");
        } else if (handler.isEmpty() && !every) {
            throw RestError.argument("HANDLER", "Argument 'HANDLER' is null or empty");
        }
        boolean byUser = p.has("auth_type");
        long authType = p.phpInt("auth_type");
        if (byUser && authType != 0 && authType != caller.userId()) {
            Access.requireAdmin(caller, "Access denied! Event unbinding with AUTH_TYPE requires administrator access rights");
        }
        String connector = p.textOrEmpty("auth_connector");
        boolean admin = Access.isAdmin(caller);
        int count = events(caller).unbind(h -> h.appKey().equals(caller.appKey()) && h.event().equals(event)
                && h.offline() == offline && (offline || every || h.handler().equals(handler))
                && (!byUser || h.authUserId() == authType)
                && (admin || h.authUserId() == caller.userId()) // a user removes only his own handlers
                && (!offline || h.authConnector().equals(connector)));
        return JsonNodeFactory.instance.objectNode().put("count", count);
    }

    private static String requiredEvent(Params p) {
        String event = p.textOrEmpty("event").toUpperCase(Locale.ROOT);
        if (event.isEmpty()) {
            throw RestError.argument("EVENT", "Argument 'EVENT' is null or empty");
        }
        return event;
    }

    /** EVENT_TYPE: online (the default) or offline; anything else is refused, as the real server refuses it. */
    private static boolean offline(Params p) {
        String type = p.textOrEmpty("event_type").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("online") && !type.equals("offline")) {
            throw RestError.argument("EVENT_TYPE", "Value must be one of {online|offline}");
        }
        return type.equals("offline");
    }

    private static JsonNode get(Caller caller, Params p) {
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        boolean admin = Access.isAdmin(caller);
        for (EventHandler h : events(caller).handlers(h -> h.appKey().equals(caller.appKey())
                && (admin || h.authUserId() == caller.userId()))) { // a user sees only his own handlers
            ObjectNode item = result.addObject();
            item.put("event", h.event());
            if (h.offline()) { // the real eventGet: {event, connector_id, offline}
                item.put("connector_id", h.authConnector());
            } else {
                item.put("handler", h.handler());
                item.put("auth_type", Long.toString(h.authUserId()));
            }
            item.put("offline", h.offline() ? 1 : 0);
        }
        return result;
    }

    private static JsonNode offlineGet(Caller caller, Params p) {
        Access.requireAdmin(caller, "Access denied!");
        EventStore store = events(caller);
        String processId = p.textOrEmpty("process_id");
        boolean clear = p.flag("clear", true);
        boolean errors = p.phpTruthy("error");
        long limit = p.has("limit") ? p.phpInt("limit") : DEFAULT_OFFLINE_LIMIT;
        if (limit <= 0) {
            throw RestError.of("ERROR_ARGUMENT", "Value must be positive integer");
        }
        Predicate<OfflineEvent> mine = ownedBy(caller, p);
        // without process_id the unreserved records; with it, only those that process reserved (event.offline.get:
        // "re-select the unprocessed records of the current process"), never new ones
        Predicate<OfflineEvent> selectable = mine.and(e -> e.error() == errors
                && (processId.isEmpty() ? e.processId().isEmpty() : e.processId().equals(processId)));
        String reserveFor = clear ? null : processId.isEmpty() ? UUID.randomUUID().toString().replace("-", "") : processId;
        ListQuery query = ListQuery.from(p);
        List<OfflineEvent> picked = store.take(selectable, selected -> {
            List<ObjectNode> rows = new ArrayList<>();
            selected.forEach(e -> rows.add(row(e)));
            List<String> ids = query.matching(rows).stream().limit(limit).map(r -> r.get("ID").asText()).toList();
            Map<String, OfflineEvent> byId = new HashMap<>();
            selected.forEach(e -> byId.put(Long.toString(e.id()), e));
            return ids.stream().map(byId::get).toList();
        }, reserveFor);
        // a given process_id comes back, even with clear; a new one only when it reserved something
        String process = !processId.isEmpty() ? processId : picked.isEmpty() ? null : reserveFor;
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        if (process == null) {
            result.putNull("process_id");
        } else {
            result.put("process_id", process);
        }
        ArrayNode events = result.putArray("events");
        picked.forEach(e -> {
            ObjectNode r = row(e);
            r.remove("PROCESS_ID");
            r.remove("ERROR");
            events.add(r);
        });
        return result;
    }

    private static JsonNode offlineClear(Caller caller, Params p) {
        Access.requireAdmin(caller, "Access denied!");
        String processId = p.requireText("process_id", RestError.argument("PROCESS_ID", "Argument 'PROCESS_ID' is null or empty"));
        Set<String> ids = Set.copyOf(p.values("id"));
        Set<String> messageIds = Set.copyOf(p.values("message_id"));
        events(caller).remove(ownedBy(caller, p).and(e -> e.processId().equals(processId)
                && (ids.isEmpty() ? messageIds.isEmpty() || messageIds.contains(e.messageId())
                : ids.contains(Long.toString(e.id())))));
        return BooleanNode.TRUE;
    }

    private static JsonNode offlineError(Caller caller, Params p) {
        Access.requireAdmin(caller, "Access denied!");
        String processId = p.requireText("process_id", RestError.argument("PROCESS_ID", "Argument 'PROCESS_ID' is null or empty"));
        if (!p.node("message_id").map(JsonNode::isContainerNode).orElse(false)) {
            throw RestError.of("ERROR_ARGUMENT", "Value must be array of MESSAGE_ID values");
        }
        Set<String> messageIds = Set.copyOf(p.values("message_id")); // an empty array marks nothing
        events(caller).markFailed(ownedBy(caller, p).and(e ->
                e.processId().equals(processId) && messageIds.contains(e.messageId())));
        return BooleanNode.TRUE;
    }

    private static ListResult offlineList(Caller caller, Params p) {
        Access.requireAdmin(caller, "Access denied!");
        List<ObjectNode> rows = new ArrayList<>();
        events(caller).offline(ownedBy(caller, p)).forEach(e -> rows.add(row(e)));
        return ListQuery.from(p).run(rows);
    }

    private static Predicate<OfflineEvent> ownedBy(Caller caller, Params p) {
        String connector = p.textOrEmpty("auth_connector");
        return e -> e.appKey().equals(caller.appKey()) && e.authConnector().equals(connector);
    }

    private static ObjectNode row(OfflineEvent e) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("ID", Long.toString(e.id()));
        row.put("TIMESTAMP_X", e.timestamp());
        row.put("EVENT_NAME", e.eventName());
        row.set("EVENT_DATA", e.data());
        // event.offline.get/list: {user_id: LOCAL_USER} of the record's auth (D150); the handler's USER_ID comes
        // from the database as a string, an event without a user has 0
        ObjectNode additional = row.putObject("EVENT_ADDITIONAL");
        if (e.userId() != null && e.userId() > 0) {
            additional.put("user_id", Long.toString(e.userId()));
        } else {
            additional.put("user_id", 0);
        }
        row.put("MESSAGE_ID", e.messageId());
        row.put("PROCESS_ID", e.processId());
        row.put("ERROR", e.error() ? "1" : "0");
        return row;
    }

}
