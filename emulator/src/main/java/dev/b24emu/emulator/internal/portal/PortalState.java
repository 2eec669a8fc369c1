package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.b24emu.emulator.internal.clock.EmulatorClock;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A portal's whole state as JSON (GET/PUT /_emulator/portals/{id}/state, --state-file): its settings and clock
 * offset, and each store's snapshot under the store's name. A restore reads and checks every section before it
 * touches anything, so a bad document is a {@link StateException} naming the path of the bad value and the portal
 * keeps what it had.
 */
public final class PortalState {
    public static final String FORMAT = "b24-emulator-state/2";
    /** The published schema of the format, generated from the stores' snapshots (StateSchemaTest keeps it true). */
    static final String STATE_SCHEMA = "state/portal-state.json";
    /** The first format: stores' sections as before apps kept their tokens and call cards their lists. */
    static final String FORMAT_1 = "b24-emulator-state/1";
    private static final Set<String> OWN_FIELDS = Set.of("format", "id", "domain", "webhook", "settings", "clockOffsetSeconds");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    private PortalState() {
    }

    public static ObjectNode export(Portal portal) {
        return portal.exclusive(() -> {
            ObjectNode state = JSON.createObjectNode();
            state.put("format", FORMAT);
            state.put("id", portal.id());
            if (portal.namedDomain() != null) {
                state.put("domain", portal.namedDomain());
            }
            ObjectNode webhook = state.putObject("webhook");
            webhook.put("userId", portal.webhook().userId());
            webhook.put("token", portal.webhook().token());
            webhook.set("scopes", JSON.valueToTree(portal.webhook().scopes().stream().sorted().toList()));
            state.set("settings", portal.settings().toJson());
            state.put("clockOffsetSeconds", portal.clock().offset().toSeconds());
            portal.stores().forEach((name, store) -> {
                if (store.snapshotType() != null) {
                    state.set(name, JSON.valueToTree(store.snapshot()));
                }
            });
            return state;
        });
    }

    /** Replaces the portal's state; a malformed state is a StateException and leaves the portal as it was. */
    public static void restore(Portal portal, JsonNode document) {
        JsonNode state = upgrade(document);
        if (FORMAT.equals(state.path("format").asText())) {
            // the published state schema (specs/…/state/portal-state.json) first: the first bad value's path, nothing touched
            dev.b24emu.specs.Contracts.shared().validate(STATE_SCHEMA, state).stream().findFirst().ifPresent(v -> {
                throw new StateException((v.location().isEmpty() ? "/" : v.location()) + ": " + v.message());
            });
        }
        PortalSettings settings;
        try {
            settings = portal.settings().patch(state.path("settings"));
        } catch (IllegalArgumentException e) {
            throw new StateException("/settings: " + e.getMessage());
        }
        long offset = clockOffset(state);
        Map<Store<Object>, Object> snapshots = new LinkedHashMap<>();
        for (Map.Entry<String, Store<?>> named : portal.stores().entrySet()) {
            @SuppressWarnings("unchecked")
            Store<Object> store = (Store<Object>) named.getValue();
            if (store.snapshotType() == null || !state.has(named.getKey())) {
                continue;
            }
            Object snapshot = read(named.getKey(), state.get(named.getKey()), store.snapshotType());
            store.check(snapshot);
            snapshots.put(store, snapshot);
        }
        for (Iterator<String> names = state.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!OWN_FIELDS.contains(name) && !portal.stores().containsKey(name)) {
                throw new StateException("/" + name + ": unknown section; a state has " + OWN_FIELDS + " and "
                        + portal.stores().keySet());
            }
        }
        portal.exclusive(() -> {
            portal.clearAll();
            portal.settings(settings);
            snapshots.forEach(Store::restore);
            portal.clock().reset();
            portal.clock().advance(Duration.ofSeconds(offset));
            return null;
        });
    }

    private static Object read(String section, JsonNode node, Class<?> type) {
        try {
            Object value = JSON.treeToValue(node, type);
            if (value == null) {
                throw new StateException("/" + section + ": must be an object");
            }
            return value;
        } catch (MismatchedInputException e) {
            throw new StateException("/" + section + path(e) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new StateException("/" + section + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StateException("/" + section + ": " + e.getMessage());
        }
    }

    /** The JSON pointer of where Jackson stopped, e.g. /users/0/id. */
    private static String path(MismatchedInputException e) {
        StringBuilder pointer = new StringBuilder();
        for (var reference : e.getPath()) {
            pointer.append('/').append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
        }
        return pointer.toString();
    }

    private static long clockOffset(JsonNode state) {
        JsonNode offset = state.get("clockOffsetSeconds");
        if (offset == null) {
            return 0;
        }
        long limit = Duration.between(EmulatorClock.EARLIEST, EmulatorClock.LATEST).toSeconds();
        if (!offset.isIntegralNumber() || !offset.canConvertToLong() || Math.abs(offset.longValue()) > limit) {
            throw new StateException("/clockOffsetSeconds: must be an integer within +-" + limit);
        }
        return offset.longValue();
    }

    /** A state of the first format, read as the current one: tokens beside apps, call lists as the call-card store. */
    private static JsonNode upgrade(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new StateException("/: a state must be a JSON object with \"format\": \"" + FORMAT + "\"");
        }
        String format = document.path("format").asText();
        if (format.equals(FORMAT)) {
            return document;
        }
        if (!format.equals(FORMAT_1)) {
            throw new StateException("/format: must be \"" + FORMAT + "\"");
        }
        ObjectNode upgraded = ((ObjectNode) document).deepCopy();
        upgraded.put("format", FORMAT);
        JsonNode apps = upgraded.remove("apps");
        JsonNode tokens = upgraded.remove("tokens");
        if (apps != null || tokens != null) {
            ObjectNode section = upgraded.putObject("apps");
            section.set("apps", apps == null ? JSON.createArrayNode() : apps);
            if (tokens != null) {
                section.set("tokens", tokens);
            }
        }
        JsonNode lists = upgraded.remove("callLists");
        if (lists != null) {
            upgraded.putObject("callcard").set("lists", lists);
        }
        return upgraded;
    }
}
