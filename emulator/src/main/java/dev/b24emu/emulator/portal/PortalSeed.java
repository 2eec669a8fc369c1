package dev.b24emu.emulator.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.crm.CrmEntityType;
import dev.b24emu.emulator.transport.RestError;
import dev.b24emu.emulator.users.User;
import dev.b24emu.emulator.users.UserFields;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a portal holds when it starts or is reset: users and CRM objects in the field names of user.get and
 * crm.*.add, the exclusion list and the settings. Companies are added before contacts, and contacts before
 * leads and deals, so COMPANY_ID and CONTACT_ID in a seed can refer to objects listed earlier (IDs start at 1).
 */
public record PortalSeed(List<User> users, List<ObjectNode> companies, List<ObjectNode> contacts,
                         List<ObjectNode> leads, List<ObjectNode> deals, List<String> crmExclusions,
                         PortalSettings settings) {

    public static final String DEMO_RESOURCE = "/demo-portal.json";

    public static PortalSeed empty() {
        return new PortalSeed(List.of(defaultAdmin()), List.of(), List.of(), List.of(), List.of(), List.of(),
                PortalSettings.defaults());
    }

    public static PortalSeed demo(ObjectMapper json) {
        try (InputStream in = PortalSeed.class.getResourceAsStream(DEMO_RESOURCE)) {
            return parse(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("The demo portal seed is missing from the jar", e);
        }
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
        return new PortalSeed(users, objects(seed, "companies"), objects(seed, "contacts"), objects(seed, "leads"),
                objects(seed, "deals"), exclusions, settings);
    }

    void applyTo(Portal portal) {
        users.forEach(portal.users()::put);
        String now = portal.isoNow();
        long creator = users.get(0).id();
        add(portal, CrmEntityType.COMPANY, companies, creator, now);
        add(portal, CrmEntityType.CONTACT, contacts, creator, now);
        add(portal, CrmEntityType.LEAD, leads, creator, now);
        add(portal, CrmEntityType.DEAL, deals, creator, now);
        crmExclusions.forEach(portal.crm()::exclude);
    }

    private static void add(Portal portal, CrmEntityType type, List<ObjectNode> items, long creator, String now) {
        items.forEach(fields -> portal.crm().add(type, fields, creator, now));
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

    private static List<ObjectNode> objects(JsonNode seed, String name) {
        List<ObjectNode> result = new ArrayList<>();
        for (JsonNode item : list(seed, name)) {
            if (!item.isObject()) {
                throw RestError.of("ERROR_ARGUMENT",
                        "Every item of seed field '" + name.toLowerCase(Locale.ROOT) + "' must be an object");
            }
            result.add((ObjectNode) item);
        }
        return result;
    }
}
