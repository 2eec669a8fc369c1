package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserFields;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a portal holds when it starts or is reset: users and CRM objects in the field names of user.get and
 * crm.*.add, the exclusion list and the settings. Companies are added before contacts, and contacts before
 * leads and deals, so COMPANY_ID and CONTACT_ID in a seed can refer to objects listed earlier (IDs start at 1).
 *
 * @param crm the CRM objects in the order they are added (companies, contacts, leads, deals)
 */
public record PortalSeed(List<User> users, List<CrmObject> crm, List<String> crmExclusions, PortalSettings settings) {

    public static final String DEMO_RESOURCE = "/demo-portal.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** the seed's CRM arrays; their objects are added in this order (CrmEntityType's is another) */
    private static final Map<String, CrmEntityType> CRM_ARRAYS = new java.util.LinkedHashMap<>();

    static {
        CRM_ARRAYS.put("companies", CrmEntityType.COMPANY);
        CRM_ARRAYS.put("contacts", CrmEntityType.CONTACT);
        CRM_ARRAYS.put("leads", CrmEntityType.LEAD);
        CRM_ARRAYS.put("deals", CrmEntityType.DEAL);
    }

    /**
     * One CRM object of a seed, kept as its JSON bytes until a (re)seed adds it: the CRM store copies what it adds,
     * so keeping trees would hold a large seed twice (a 100,000-contact seed did not fit in a 256 MiB heap).
     */
    public record CrmObject(CrmEntityType type, byte[] json) {
    }

    public static PortalSeed empty() {
        return new PortalSeed(List.of(defaultAdmin()), List.of(), List.of(), PortalSettings.defaults());
    }

    public static PortalSeed demo() {
        try (InputStream in = PortalSeed.class.getResourceAsStream(DEMO_RESOURCE)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The demo portal seed is missing from the jar", e);
        }
    }

    /** Reads a seed (a --seed file) object by object, never holding its CRM arrays as one tree. */
    public static PortalSeed read(InputStream in) throws IOException {
        Map<CrmEntityType, List<CrmObject>> crm = new java.util.EnumMap<>(CrmEntityType.class);
        ObjectNode rest = JSON.createObjectNode();
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw RestError.of("ERROR_ARGUMENT", "A seed must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                CrmEntityType type = CRM_ARRAYS.get(name);
                if (type != null && value == JsonToken.START_ARRAY) {
                    List<CrmObject> objects = crm.computeIfAbsent(type, t -> new ArrayList<>());
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        objects.add(crmObject(name, type, parser.readValueAsTree()));
                    }
                } else {
                    rest.set(name, parser.readValueAsTree());
                }
            }
        }
        PortalSeed parsed = parse(rest);
        List<CrmObject> ordered = new ArrayList<>(parsed.crm());
        CRM_ARRAYS.values().forEach(type -> ordered.addAll(crm.getOrDefault(type, List.of())));
        return new PortalSeed(parsed.users(), ordered, parsed.crmExclusions(), parsed.settings());
    }

    /** Reads a seed; a malformed one is an ERROR_ARGUMENT naming the problem. */
    public static PortalSeed parse(JsonNode seed) {
        if (seed == null || !seed.isObject()) {
            throw RestError.of("ERROR_ARGUMENT", "A seed must be a JSON object");
        }
        List<User> users = new ArrayList<>();
        long nextId = 1;
        for (JsonNode user : list(seed, "users")) {
            User parsed = UserFields.parse(user, nextId);
            users.add(parsed);
            nextId = Math.max(nextId, parsed.id() + 1);
        }
        if (users.isEmpty()) {
            users.add(defaultAdmin());
        }
        List<String> exclusions = new ArrayList<>();
        list(seed, "crmExclusions").forEach(phone -> exclusions.add(phone.asText()));
        PortalSettings settings = seed.has("settings") ? PortalSettings.defaults().patch(seed.get("settings"))
                : PortalSettings.defaults();
        List<CrmObject> crm = new ArrayList<>();
        CRM_ARRAYS.forEach((name, type) -> list(seed, name).forEach(item -> crm.add(crmObject(name, type, item))));
        return new PortalSeed(users, crm, exclusions, settings);
    }

    private static CrmObject crmObject(String array, CrmEntityType type, JsonNode item) {
        if (!item.isObject()) {
            throw RestError.of("ERROR_ARGUMENT", "Every item of seed field '" + array + "' must be an object");
        }
        try {
            return new CrmObject(type, JSON.writeValueAsBytes(item));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void applyTo(Portal portal) {
        users.forEach(portal.users()::put);
        String now = portal.isoNow();
        long creator = users.get(0).id();
        for (CrmObject object : crm) {
            try {
                portal.crm().add(object.type(), (ObjectNode) JSON.readTree(object.json()), creator, now);
            } catch (IOException e) {
                throw new UncheckedIOException("A seed object was written by this class and always reads back", e);
            }
        }
        crmExclusions.forEach(portal.crm()::exclude);
    }

    private static User defaultAdmin() {
        return new User(1, "Admin", "", "admin@example.com", true, "100", "", "", "",
                User.TimemanStatus.UNAVAILABLE, true);
    }

    private static List<JsonNode> list(JsonNode seed, String name) {
        JsonNode node = seed.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw RestError.of("ERROR_ARGUMENT", "Seed field '" + name + "' must be an array");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }
}
