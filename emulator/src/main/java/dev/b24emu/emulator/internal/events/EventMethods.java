package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.apps.AppAccess;
import dev.b24emu.emulator.internal.transport.Caller;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.MethodRegistry;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.transport.Urls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * event.bind / unbind / get, events, and the offline queue methods event.offline.get / clear / error / list.
 * Events belong to applications: a webhook gets WRONG_AUTH_TYPE, and an application sees only its own handlers.
 */
public final class EventMethods {
    private static final int DEFAULT_OFFLINE_LIMIT = 50;

    private EventMethods() {
    }

    public static void registerAll(MethodRegistry registry) {
        registry.add("event.bind", "", EventMethods::bind)
                .add("event.unbind", "", EventMethods::unbind)
                .add("event.get", "", EventMethods::get)
                .add("events", "", (caller, p) -> {
                    ArrayNode names = JsonNodeFactory.instance.arrayNode();
                    EventNames.ALL.forEach(names::add);
                    return names;
                })
                .add("event.offline.get", "", EventMethods::offlineGet)
                .add("event.offline.clear", "", EventMethods::offlineClear)
                .add("event.offline.error", "", EventMethods::offlineError)
                .add("event.offline.list", "", EventMethods::offlineList);
    }

    private static JsonNode bind(Caller caller, Params p) {
        AppAccess.requireApplication(caller);
        String event = p.textOrEmpty("event").toUpperCase(Locale.ROOT);
        if (!EventNames.isKnown(event)) {
            throw RestError.of("ERROR_EVENT_NOT_FOUND", "Event not found");
        }
        boolean offline = "offline".equalsIgnoreCase(p.textOrEmpty("event_type"));
        long authType = p.phpInt("auth_type");
        String handler = p.textOrEmpty("handler");
        if (offline) {
            AppAccess.requireAdmin(caller, "Access denied! Offline events binding requires administrator access rights");
        } else if (!Urls.isHttp(handler)) {
            throw RestError.of("ERROR_WRONG_HANDLER_URL", "Wrong handler URL");
        }
        if (authType != 0 && authType != caller.userId()) {
            AppAccess.requireAdmin(caller, "Access denied! Event binding with AUTH_TYPE requires administrator access rights");
        }
        caller.portal().events().bind(event, offline ? "" : handler, caller.appKey(), authType, offline,
                        p.textOrEmpty("auth_connector"))
                .orElseThrow(() -> RestError.of("ERROR_HANDLER_ALREADY_EXIST", "Handler already exists!"));
        return BooleanNode.TRUE;
    }

    private static JsonNode unbind(Caller caller, Params p) {
        AppAccess.requireApplication(caller);
        String event = p.textOrEmpty("event").toUpperCase(Locale.ROOT);
        boolean offline = "offline".equalsIgnoreCase(p.textOrEmpty("event_type"));
        if (offline) {
            AppAccess.requireAdmin(caller, "Access denied! Offline events unbinding requires administrator access rights");
        }
        String handler = p.textOrEmpty("handler");
        boolean byUser = p.has("auth_type");
        long authType = p.phpInt("auth_type");
        if (byUser && authType != 0 && authType != caller.userId()) {
            AppAccess.requireAdmin(caller, "Access denied! Event unbinding with AUTH_TYPE requires administrator access rights");
        }
        int count = caller.portal().events().unbind(h -> h.appKey().equals(caller.appKey()) && h.event().equals(event)
                && h.offline() == offline && (offline || handler.isEmpty() || h.handler().equals(handler))
                && (!byUser || h.authUserId() == authType));
        return JsonNodeFactory.instance.objectNode().put("count", count);
    }

    private static JsonNode get(Caller caller, Params p) {
        AppAccess.requireApplication(caller);
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (EventHandler h : caller.portal().events().handlers(h -> h.appKey().equals(caller.appKey()))) {
            ObjectNode item = result.addObject();
            item.put("event", h.event());
            item.put("handler", h.handler());
            item.put("auth_type", Long.toString(h.authUserId()));
            item.put("offline", h.offline() ? 1 : 0);
        }
        return result;
    }

    private static JsonNode offlineGet(Caller caller, Params p) {
        AppAccess.requireApplication(caller);
        AppAccess.requireAdmin(caller, "Access denied!");
        Portal portal = caller.portal();
        String processId = p.textOrEmpty("process_id");
        boolean clear = p.flag("clear", true);
        boolean errors = p.phpTruthy("error");
        long limit = p.has("limit") ? Math.max(1, p.phpInt("limit")) : DEFAULT_OFFLINE_LIMIT;
        Predicate<OfflineEvent> mine = ownedBy(caller, p);
        List<OfflineEvent> selected = portal.events().offline(mine.and(e -> e.error() == errors
                && (e.processId().isEmpty() || e.processId().equals(processId))));
        List<ObjectNode> rows = new ArrayList<>();
        selected.forEach(e -> rows.add(row(e)));
        List<String> ids = ListQuery.from(p).matching(rows).stream().limit(limit).map(r -> r.get("ID").asText()).toList();
        List<OfflineEvent> picked = ids.stream().flatMap(id -> selected.stream()
                .filter(e -> Long.toString(e.id()).equals(id))).toList();
        String process = null;
        if (clear) {
            portal.events().remove(picked);
        } else if (!picked.isEmpty()) {
            process = processId.isEmpty() ? UUID.randomUUID().toString().replace("-", "") : processId;
            portal.events().reserve(picked, process);
        }
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
        AppAccess.requireApplication(caller);
        AppAccess.requireAdmin(caller, "Access denied!");
        String processId = p.requireText("process_id", RestError.of("ERROR_CORE", "process_id is required"));
        Set<String> ids = Set.copyOf(p.values("id"));
        Set<String> messageIds = Set.copyOf(p.values("message_id"));
        List<OfflineEvent> selected = caller.portal().events().offline(ownedBy(caller, p).and(e -> e.processId().equals(processId)
                && (ids.isEmpty() ? messageIds.isEmpty() || messageIds.contains(e.messageId())
                : ids.contains(Long.toString(e.id())))));
        caller.portal().events().remove(selected);
        return BooleanNode.TRUE;
    }

    private static JsonNode offlineError(Caller caller, Params p) {
        AppAccess.requireApplication(caller);
        AppAccess.requireAdmin(caller, "Access denied!");
        String processId = p.requireText("process_id", RestError.of("ERROR_CORE", "process_id is required"));
        Set<String> messageIds = Set.copyOf(p.values("message_id"));
        caller.portal().events().markFailed(caller.portal().events().offline(ownedBy(caller, p).and(e ->
                e.processId().equals(processId) && (messageIds.isEmpty() || messageIds.contains(e.messageId())))));
        return BooleanNode.TRUE;
    }

    private static ListResult offlineList(Caller caller, Params p) {
        AppAccess.requireApplication(caller);
        AppAccess.requireAdmin(caller, "Access denied!");
        List<ObjectNode> rows = new ArrayList<>();
        caller.portal().events().offline(ownedBy(caller, p)).forEach(e -> rows.add(row(e)));
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
        row.put("EVENT_ADDITIONAL", false);
        row.put("MESSAGE_ID", e.messageId());
        row.put("PROCESS_ID", e.processId());
        row.put("ERROR", e.error() ? "1" : "0");
        return row;
    }

}
