package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.transport.MalformedJson;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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

    /** A portal's state as a tree, for tests: the control API and the state file stream it ({@link #write}). */
    public static ObjectNode export(Portal portal) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        write(portal, bytes);
        try {
            return (ObjectNode) JSON.readTree(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a portal's state as one JSON document to {@code out}, which stays open. */
    public static void write(Portal portal, OutputStream out) {
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            write(portal, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a portal's state as the generator's next value, streamed: built as a tree first (a node for each value),
     * a 100,000-contact portal's state did not fit the launcher's heap, and its export was answered 500 after the
     * event loops had stalled for 10 s. The stores' snapshots are taken together under the portal's lock, so the
     * state is one moment's, and written after it is released: written under it, a 100,000-contact export (48 MB,
     * 0.65 s) held every change to the portal, and the event loops waiting for it, for as long.
     */
    public static void write(Portal portal, JsonGenerator out) {
        Taken taken = portal.exclusive(() -> Taken.of(portal));
        try {
            out.writeStartObject();
            out.writeStringField("format", FORMAT);
            out.writeStringField("id", taken.id());
            if (taken.domain() != null) {
                out.writeStringField("domain", taken.domain());
            }
            out.writeObjectFieldStart("webhook");
            out.writeNumberField("userId", taken.webhook().userId());
            out.writeStringField("token", taken.webhook().token());
            out.writeFieldName("scopes");
            JSON.writeValue(out, taken.webhook().scopes().stream().sorted().toList());
            out.writeEndObject();
            out.writeFieldName("settings");
            JSON.writeValue(out, taken.settings());
            out.writeNumberField("clockOffsetSeconds", taken.clockOffsetSeconds());
            for (Map.Entry<String, Object> section : taken.sections().entrySet()) {
                out.writeFieldName(section.getKey());
                JSON.writeValue(out, section.getValue());
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a state holds, taken under the portal's lock: the stores' snapshots are copies of immutable records
     * ({@link Store#snapshot}), so later changes leave them as taken.
     */
    private record Taken(String id, String domain, Webhook webhook, JsonNode settings, long clockOffsetSeconds,
                         Map<String, Object> sections) {
        static Taken of(Portal portal) {
            Map<String, Object> sections = new LinkedHashMap<>();
            portal.stores().forEach((name, store) -> {
                if (store.snapshotType() != null) {
                    sections.put(name, store.snapshot());
                }
            });
            return new Taken(portal.id(), portal.namedDomain(), portal.webhook(), portal.settings().toJson(),
                    portal.clock().offset().toSeconds(), sections);
        }
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
        for (Iterator<String> names = state.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!OWN_FIELDS.contains(name) && !portal.stores().containsKey(name)) {
                throw unknownSection(portal.stores(), name);
            }
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        portal.stores().forEach((name, store) -> {
            if (store.snapshotType() != null && state.has(name)) {
                sections.put(name, read(name, state.get(name), store.snapshotType()));
            }
        });
        restore(portal, new Sections(state, sections));
    }

    private static StateException unknownSection(Map<String, Store<?>> stores, String name) {
        return new StateException("/" + name + ": unknown section; a state has " + OWN_FIELDS + " and " + stores.keySet());
    }

    /**
     * A portal's state as read: its own fields (format, id, webhook, settings ...) as a tree, and each store's section
     * as the store's snapshot.
     */
    public record Sections(JsonNode own, Map<String, Object> snapshots) {
    }

    /**
     * Reads a portal's state from a parser at its object's start, each store's section straight into its snapshot:
     * a tree of a 100,000-contact portal's state (a node for each value) did not fit the launcher's heap, so the
     * emulator could not start from the state file it had saved. A CRM item is frozen as it is read. The published
     * schema is not applied (it checks a tree); each section's types and its store's checks are.
     *
     * @param stores any portal's stores, for the sections' types (every portal has the same)
     */
    public static Sections read(JsonParser parser, Map<String, Store<?>> stores) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new StateException("/: a state must be a JSON object with \"format\": \"" + FORMAT + "\"");
        }
        ObjectNode own = JSON.createObjectNode();
        Map<String, Object> snapshots = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (OWN_FIELDS.contains(name)) {
                own.set(name, JSON.readTree(parser));
                if (name.equals("format") && !FORMAT.equals(own.get(name).asText())) {
                    throw new StateException("/format: must be \"" + FORMAT + "\" (a state read section by section is"
                            + " not upgraded)");
                }
            } else if (stores.containsKey(name) && stores.get(name).snapshotType() != null) {
                snapshots.put(name, read(name, parser, stores.get(name).snapshotType()));
            } else {
                throw unknownSection(stores, name);
            }
        }
        if (!FORMAT.equals(own.path("format").asText())) {
            throw new StateException("/format: must be \"" + FORMAT + "\"");
        }
        return new Sections(own, snapshots);
    }

    /** Replaces the portal's state with what was read; a bad section is a StateException and touches nothing. */
    public static void restore(Portal portal, Sections state) {
        PortalSettings settings;
        try {
            settings = portal.settings().patch(state.own().path("settings"));
        } catch (IllegalArgumentException e) {
            throw new StateException("/settings: " + e.getMessage());
        }
        long offset = clockOffset(state.own());
        state.snapshots().forEach((name, snapshot) -> storeNamed(portal, name).check(snapshot));
        portal.refill(() -> {
            portal.settings(settings);
            // the fresh stores: the refill's thread sees them
            state.snapshots().forEach((name, snapshot) -> storeNamed(portal, name).restore(snapshot));
            portal.clock().reset();
            portal.clock().advance(Duration.ofSeconds(offset));
        });
    }

    @SuppressWarnings("unchecked")
    private static Store<Object> storeNamed(Portal portal, String name) {
        return (Store<Object>) portal.stores().get(name);
    }

    private static Object read(String section, JsonNode node, Class<?> type) {
        return read(section, () -> JSON.treeToValue(node, type));
    }

    private static Object read(String section, JsonParser parser, Class<?> type) {
        return read(section, () -> JSON.readValue(parser, type));
    }

    private interface Reading {
        Object read() throws IOException;
    }

    private static Object read(String section, Reading reading) {
        try {
            Object value = reading.read();
            if (value == null) {
                throw new StateException("/" + section + ": must be an object");
            }
            return value;
        } catch (MismatchedInputException e) {
            throw new StateException("/" + section + path(e) + ": " + MalformedJson.reason(e));
        } catch (JsonProcessingException e) {
            throw new StateException("/" + section + ": " + MalformedJson.reason(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
