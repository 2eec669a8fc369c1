package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.server.EmulatorServer;
import dev.b24emu.emulator.support.Servers;
import dev.b24emu.specs.Contracts;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The state format (GET/PUT /_emulator/portals/{id}/state, --state-file) is published as a JSON Schema,
 * specs/…/b24-specs/state/portal-state.json, generated from the stores' snapshot records so it cannot drift: this
 * test builds it from the running server's stores, fails when the published file differs (and writes the new one to
 * target/portal-state.json to copy over), and checks a busy portal's export against it.
 */
class StateSchemaTest {
    private static final String PUBLISHED = "state/portal-state.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void thePublishedSchemaIsTheStoresSnapshotsAndABusyPortalsExportMatchesIt() throws Exception {
        try (EmulatorServer server = EmulatorServer.start(Servers.config().build())) {
            Portal portal = server.portals().require(PortalRegistry.DEFAULT_ID);
            ObjectNode generated = generate(portal);
            Path target = Path.of("target", "portal-state.json");
            Files.writeString(target, JSON.writeValueAsString(generated) + "\n");
            JsonNode published = JSON.readTree(Contracts.class.getClassLoader()
                    .getResource(Contracts.RESOURCE_ROOT + PUBLISHED));
            assertEquals(generated, published, "specs/src/main/resources/b24-specs/" + PUBLISHED
                    + " differs from the stores' snapshots: copy " + target.toAbsolutePath() + " over it");

            String webhook = server.webhookUrl(portal);
            String callId = given().contentType("application/json")
                    .body("{\"USER_ID\":2,\"PHONE_NUMBER\":\"+79990000777\",\"TYPE\":2,\"CRM_CREATE\":1}")
                    .post(webhook + "telephony.externalcall.register").then().statusCode(200).extract().path("result.CALL_ID");
            given().contentType("application/json").body("{\"CALL_ID\":\"" + callId + "\",\"USER_ID\":2,\"DURATION\":30}")
                    .post(webhook + "telephony.externalcall.finish").then().statusCode(200);
            given().contentType("application/json")
                    .body("{\"USER_ID\":2,\"PHONE_NUMBER\":\"+79990000778\",\"TYPE\":1}")
                    .post(webhook + "telephony.externalcall.register").then().statusCode(200);
            given().contentType("application/json").body("{\"STATUS\":\"dnd\"}")
                    .post(webhook + "im.user.status.set").then().statusCode(200);
            given().contentType("application/json").body("{\"AGO\":5}")
                    .post(webhook + "im.user.status.idle.start").then().statusCode(200);
            server.installApp(portal, JSON.readTree("{\"clientId\":\"local.state\",\"clientSecret\":\"s\",\"scopes\":[\"telephony\"]}"));
            ObjectNode exported = PortalState.export(portal);
            assertEquals("dnd", exported.path("presence").path("statuses").path(0).path("status").asText());
            assertEquals(java.util.List.of(), Contracts.shared().validate(PUBLISHED, exported),
                    "a busy portal's export against the published state schema");
            ObjectNode broken = exported.deepCopy();
            broken.put("clockOffsetSeconds", "soon");
            broken.put("unknownSection", 1);
            String answer = given().contentType("application/json").body(broken.toString())
                    .put(server.baseUrl() + "/_emulator/portals/default/state").then().statusCode(400).extract().asString();
            assertEquals(true, answer.contains("/clockOffsetSeconds") || answer.contains("unknownSection"),
                    "the refusal names the bad value's path: " + answer);
            assertEquals(exported, PortalState.export(portal), "the refused state left the portal as it was");
        }
    }

    /**
     * Jackson writes a record's getters too (an isProperty() became "property"): each record a snapshot holds must be
     * written as its components alone, or the state it exports is one its own import refuses.
     */
    @Test
    void everySnapshotRecordIsWrittenAsItsComponentsAlone() {
        try (EmulatorServer server = EmulatorServer.start(Servers.config().build())) {
            java.util.Set<Class<?>> records = new java.util.LinkedHashSet<>();
            server.portals().require(PortalRegistry.DEFAULT_ID).stores().values().forEach(store -> {
                if (store.snapshotType() != null) {
                    collectRecords(store.snapshotType(), records);
                }
            });
            assertEquals(true, records.size() > 20, "records found: " + records);
            for (Class<?> record : records) {
                java.util.Set<String> written = new java.util.TreeSet<>();
                JSON.getSerializationConfig().introspect(JSON.constructType(record)).findProperties()
                        .forEach(property -> written.add(property.getName()));
                java.util.Set<String> components = new java.util.TreeSet<>();
                for (RecordComponent component : record.getRecordComponents()) {
                    components.add(component.getName());
                }
                assertEquals(components, written, record.getName() + " is written with other names than its components");
            }
        }
    }

    private static void collectRecords(Type type, java.util.Set<Class<?>> records) {
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                collectRecords(argument, records);
            }
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                collectRecords(bound, records);
            }
        } else if (type instanceof Class<?> cls && cls.isRecord() && records.add(cls)) {
            for (RecordComponent component : cls.getRecordComponents()) {
                collectRecords(component.getGenericType(), records);
            }
        }
    }

    static ObjectNode generate(Portal portal) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", Contracts.ID_BASE + PUBLISHED);
        schema.put("title", "A portal's state");
        schema.put("description", "GET/PUT /_emulator/portals/{id}/state and each entry of a --state-file's \"portals\":"
                + " the portal's own fields and one section per store (generated from the stores' snapshot records by"
                + " StateSchemaTest; a PUT is checked whole before anything is replaced).");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("format").putArray("enum").add(PortalState.FORMAT).add(PortalState.FORMAT_1);
        properties.putObject("id").put("type", "string");
        properties.putObject("domain").put("type", "string");
        ObjectNode webhook = properties.putObject("webhook");
        webhook.put("type", "object");
        ObjectNode hook = webhook.putObject("properties");
        hook.putObject("userId").put("type", "integer");
        hook.putObject("token").put("type", "string");
        hook.putObject("scopes").put("type", "array").putObject("items").put("type", "string");
        properties.putObject("settings").put("type", "object")
                .put("description", "PATCH /_emulator/portals/{id}/settings fields (control openapi.json Settings)");
        properties.putObject("clockOffsetSeconds").put("type", "integer");
        Map<String, ObjectNode> definitions = new TreeMap<>();
        portal.stores().forEach((name, store) -> {
            if (store.snapshotType() != null) {
                properties.set(name, schemaOf(store.snapshotType(), definitions));
            }
        });
        schema.putArray("required").add("format").add("id");
        schema.put("additionalProperties", false);
        ObjectNode defs = schema.putObject("$defs");
        definitions.forEach(defs::set);
        return schema;
    }

    /** The JSON Schema of what PortalState's mapper writes for a Java type (records by component, java.time as ISO text). */
    private static ObjectNode schemaOf(Type type, Map<String, ObjectNode> definitions) {
        ObjectNode schema = JSON.createObjectNode();
        if (type instanceof WildcardType wildcard) {
            return schemaOf(wildcard.getUpperBounds()[0], definitions);
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                schema.put("type", "array");
                schema.set("items", schemaOf(arguments[0], definitions));
            } else if (Map.class.isAssignableFrom(raw)) {
                schema.put("type", "object");
                schema.set("additionalProperties", schemaOf(arguments[1], definitions));
            } else if (raw == Optional.class) {
                return nullable(schemaOf(arguments[0], definitions));
            }
            return schema;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class || c == char.class || c == Character.class || c == ZoneId.class) {
            schema.put("type", "string");
        } else if (c.isEnum()) {
            schema.put("type", "string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
        } else if (c == int.class || c == long.class || c == short.class || c == Integer.class || c == Long.class
                || c == Short.class || c == BigInteger.class) {
            schema.put("type", "integer");
        } else if (c == double.class || c == float.class || c == Double.class || c == Float.class || c == BigDecimal.class) {
            schema.put("type", "number");
        } else if (c == boolean.class || c == Boolean.class) {
            schema.put("type", "boolean");
        } else if (c == Instant.class || c == ZonedDateTime.class || c == LocalDate.class) {
            schema.put("type", "string");
            schema.put("format", c == LocalDate.class ? "date" : "date-time");
        } else if (c == Duration.class) {
            schema.putArray("type").add("number").add("string");
        } else if (c.isRecord()) {
            String name = c.getName().substring(c.getName().lastIndexOf('.') + 1).replace('$', '.');
            if (!definitions.containsKey(name)) {
                ObjectNode record = JSON.createObjectNode();
                definitions.put(name, record); // before the components: a record may contain itself
                record.put("type", "object");
                ObjectNode properties = record.putObject("properties");
                ArrayNode required = JSON.createArrayNode();
                for (RecordComponent component : c.getRecordComponents()) {
                    ObjectNode property = schemaOf(component.getGenericType(), definitions);
                    properties.set(component.getName(), component.getType().isPrimitive() ? property : nullable(property));
                    if (component.getType().isPrimitive()) {
                        required.add(component.getName());
                    }
                }
                if (!required.isEmpty()) {
                    record.set("required", required);
                }
                record.put("additionalProperties", false);
            }
            schema.put("$ref", "#/$defs/" + name);
        } else if (c.isArray()) {
            schema.put("type", "array");
            schema.set("items", schemaOf(c.getComponentType(), definitions));
        }
        // anything else (JsonNode, ObjectNode, Object): any JSON value
        return schema;
    }

    private static ObjectNode nullable(ObjectNode schema) {
        ObjectNode either = JSON.createObjectNode();
        either.putArray("anyOf").add(schema).addObject().put("type", "null");
        return schema.isEmpty() ? schema : either;
    }
}
