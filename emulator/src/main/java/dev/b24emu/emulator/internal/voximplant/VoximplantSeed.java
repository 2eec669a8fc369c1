package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.SeedException;
import dev.b24emu.emulator.internal.portal.SeedSection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "voximplant" field of a seed: the portal's telephony settings, rented numbers, SIP connections (owned by no
 * application, as the UI creates them), the default outgoing line, employees' phone settings and rights.
 * <pre>
 * "voximplant": {"settings": {...}, "numbers": [{"number": "74951234567", "name": "Moscow"}],
 *   "sip": [{"type": "cloud", "title": "SIP line", "server": "sip.example.com", "login": "l", "password": "p"}],
 *   "outgoingLine": "74951234567", "users": [{"id": 2, "phoneEnabled": true}],
 *   "rights": [{"userId": 3, "callStatisticView": "OWN"}]}
 * </pre>
 */
public record VoximplantSeed(VoximplantSettings settings, List<RentedNumber> numbers, List<SipConnections.Fields> sip,
                             String outgoingLine, Map<Long, UserPhone> phones, Map<Long, Rights> rights) {
    public static final String FIELD = "voximplant";
    private static final List<String> FIELDS = List.of("settings", "numbers", "sip", "outgoingLine", "users", "rights");

    /** Puts the seeded lines and settings into a cleared store. */
    void applyTo(VoximplantStore store, Portal portal) {
        store.settings(settings);
        numbers.forEach(n -> store.addNumber(n.number(), n.name()));
        SipConnections connections = new SipConnections(portal);
        sip.forEach(f -> connections.create("", f.type(), f.title(), f.server(), f.login(), f.password()));
        store.outgoingLine(outgoingLine);
        phones.forEach(store::phone);
        rights.forEach(store::rights);
    }

    public static SeedSection section() {
        return new SeedSection() {
            @Override
            public String field() {
                return FIELD;
            }

            @Override
            public Object read(JsonParser value) throws IOException {
                JsonNode tree = value.readValueAsTree();
                try {
                    return parse(tree);
                } catch (IllegalArgumentException e) {
                    throw new SeedException("Seed field 'voximplant': " + e.getMessage());
                }
            }
        };
    }

    static VoximplantSeed parse(JsonNode tree) {
        JsonFields.check(tree, "voximplant", FIELDS);
        VoximplantSettings settings = tree.has("settings") ? VoximplantSettings.defaults().patch(tree.get("settings"))
                : VoximplantSettings.defaults();
        List<RentedNumber> numbers = new ArrayList<>();
        for (JsonNode item : list(tree, "numbers")) {
            String digits = PhoneNumbers.matchKey(item.path("number").asText(""));
            if (!PhoneNumbers.hasDigits(digits)) {
                throw new IllegalArgumentException("numbers/" + numbers.size() + "/number: a number with digits is required");
            }
            numbers.add(new RentedNumber(0, digits, item.hasNonNull("name") ? item.get("name").asText() : null));
        }
        List<SipConnections.Fields> sip = new ArrayList<>();
        for (JsonNode item : list(tree, "sip")) {
            String type = item.path("type").asText(SipConnection.CLOUD).toLowerCase(Locale.ROOT);
            if (!type.equals(SipConnection.CLOUD) && !type.equals(SipConnection.OFFICE)) {
                throw new IllegalArgumentException("sip/" + sip.size() + "/type: cloud or office");
            }
            if (item.path("server").asText("").isBlank() || item.path("login").asText("").isBlank()) {
                throw new IllegalArgumentException("sip/" + sip.size() + ": server and login are required");
            }
            sip.add(new SipConnections.Fields(type, item.path("title").asText(""), item.get("server").asText().trim(),
                    item.get("login").asText().trim(), item.path("password").asText("")));
        }
        String outgoing = tree.hasNonNull("outgoingLine") ? tree.get("outgoingLine").asText() : null;
        Map<Long, UserPhone> phones = new HashMap<>();
        for (JsonNode item : list(tree, "users")) {
            long id = item.path("id").asLong(0);
            if (id <= 0) {
                throw new IllegalArgumentException("users/" + phones.size() + "/id: a user ID is required");
            }
            phones.put(id, new UserPhone(item.hasNonNull("defaultLine") ? item.get("defaultLine").asText() : null,
                    item.path("phoneEnabled").asBoolean(false),
                    item.hasNonNull("sipPassword") ? item.get("sipPassword").asText() : null));
        }
        Map<Long, Rights> rights = new HashMap<>();
        for (JsonNode item : list(tree, "rights")) {
            long id = item.path("userId").asLong(0);
            if (id <= 0) {
                throw new IllegalArgumentException("rights/" + rights.size() + "/userId: a user ID is required");
            }
            ObjectNode levels = item.deepCopy();
            levels.remove("userId");
            rights.put(id, Rights.all().patch(levels));
        }
        return new VoximplantSeed(settings, numbers, sip, outgoing, phones, rights);
    }

    private static List<JsonNode> list(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + " must be an array");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(item -> {
            if (!item.isObject()) {
                throw new IllegalArgumentException(field + " holds objects");
            }
            items.add(item);
        });
        return items;
    }
}
