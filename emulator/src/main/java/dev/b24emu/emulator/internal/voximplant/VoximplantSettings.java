package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.List;

/**
 * What a portal's built-in telephony is like where the pages leave it to the account (specs/DECISIONS.md D63, D64):
 * the SIP connector's state, the monthly limit of infocalls, how callees behave (by default and per number), whether
 * applications wait for the administrator's confirmation of voximplant.user.get, whether deactivatePhone works, and
 * the account's currency. Changed with {@code PATCH /_emulator/portals/{id}/voximplant/settings} or the seed.
 *
 * @param infocallMonthlyLimit infocalls a month, or null for no limit
 * @param callees              maps a number's digits (PhoneNumbers.matchKey) to how that callee behaves
 * @param userGetConfirmation  AUTO (confirmed), PENDING (METHOD_CONFIRM_WAITING) or DENIED (METHOD_CONFIRM_DENIED)
 */
public record VoximplantSettings(int freeMinutes, boolean connectorPaid, String connectorPaidUntil,
                                 Integer infocallMonthlyLimit, Callee callee, Map<String, Callee> callees,
                                 Confirmation userGetConfirmation, boolean deactivatePhoneWorks, String currency) {
    private static final List<String> FIELDS = List.of("sipConnector", "infocallMonthlyLimit", "callee", "callees",
            "userGetConfirmation", "deactivatePhoneWorks", "currency");

    public enum Confirmation { AUTO, PENDING, DENIED }

    public VoximplantSettings {
        callees = Map.copyOf(callees);
    }

    /** The connector of the docs example (60 free minutes, not paid), no infocall limit, callees that answer. */
    public static VoximplantSettings defaults() {
        return new VoximplantSettings(60, false, null, null, Callee.defaults(), Map.of(), Confirmation.AUTO, false, "EUR");
    }

    /** How the callee at a number behaves: its own behaviour, or the portal's default. */
    public Callee calleeFor(String number) {
        return callees.getOrDefault(PhoneNumbers.matchKey(number), callee);
    }

    /**
     * These settings with a JSON patch applied; "callees" entries are patched one by one (null removes one). A bad
     * value is an IllegalArgumentException naming it, and nothing changes.
     */
    public VoximplantSettings patch(JsonNode patch) {
        JsonFields.check(patch, "telephony settings", FIELDS);
        int minutes = freeMinutes;
        boolean paid = connectorPaid;
        String paidUntil = connectorPaidUntil;
        JsonNode connector = patch.get("sipConnector");
        if (connector != null) {
            if (!connector.isObject()) {
                throw new IllegalArgumentException("sipConnector must be {freeMinutes, paid, paidDateEnd}");
            }
            if (connector.has("freeMinutes")) {
                JsonNode value = connector.get("freeMinutes");
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
                    throw new IllegalArgumentException("sipConnector.freeMinutes must be an integer >= 0");
                }
                minutes = value.intValue();
            }
            if (connector.has("paid")) {
                if (!connector.get("paid").isBoolean()) {
                    throw new IllegalArgumentException("sipConnector.paid must be true or false");
                }
                paid = connector.get("paid").booleanValue();
            }
            if (connector.has("paidDateEnd")) {
                paidUntil = date(connector.get("paidDateEnd"));
            }
        }
        Integer limit = infocallMonthlyLimit;
        if (patch.has("infocallMonthlyLimit")) {
            JsonNode value = patch.get("infocallMonthlyLimit");
            if (!value.isNull() && (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0)) {
                throw new IllegalArgumentException("infocallMonthlyLimit must be an integer >= 0 or null");
            }
            limit = value.isNull() ? null : value.intValue();
        }
        Callee defaultCallee = patch.has("callee") ? callee.patch(patch.get("callee")) : callee;
        Map<String, Callee> perNumber = new LinkedHashMap<>(callees);
        JsonNode numbers = patch.get("callees");
        if (numbers != null) {
            if (!numbers.isObject()) {
                throw new IllegalArgumentException("callees must map numbers to callee behaviours");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = numbers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = PhoneNumbers.matchKey(entry.getKey());
                if (!PhoneNumbers.hasDigits(key)) {
                    throw new IllegalArgumentException("callees: '" + entry.getKey() + "' has no digits");
                }
                if (entry.getValue().isNull()) {
                    perNumber.remove(key);
                } else {
                    perNumber.put(key, perNumber.getOrDefault(key, Callee.defaults()).patch(entry.getValue()));
                }
            }
        }
        Confirmation confirmation = userGetConfirmation;
        if (patch.has("userGetConfirmation")) {
            try {
                confirmation = Confirmation.valueOf(patch.get("userGetConfirmation").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("userGetConfirmation must be auto, pending or denied");
            }
        }
        boolean deactivates = deactivatePhoneWorks;
        if (patch.has("deactivatePhoneWorks")) {
            if (!patch.get("deactivatePhoneWorks").isBoolean()) {
                throw new IllegalArgumentException("deactivatePhoneWorks must be true or false");
            }
            deactivates = patch.get("deactivatePhoneWorks").booleanValue();
        }
        String newCurrency = currency;
        if (patch.has("currency")) {
            if (!patch.get("currency").isTextual()) {
                throw new IllegalArgumentException("currency must be a string (EUR, USD, RUR, ...)");
            }
            newCurrency = patch.get("currency").asText();
        }
        return new VoximplantSettings(minutes, paid, paidUntil, limit, defaultCallee, perNumber, confirmation,
                deactivates, newCurrency);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.putObject("sipConnector").put("freeMinutes", freeMinutes).put("paid", connectorPaid)
                .put("paidDateEnd", connectorPaidUntil);
        if (infocallMonthlyLimit == null) {
            json.putNull("infocallMonthlyLimit");
        } else {
            json.put("infocallMonthlyLimit", infocallMonthlyLimit);
        }
        json.set("callee", callee.toJson());
        ObjectNode numbers = json.putObject("callees");
        callees.forEach((number, behaviour) -> numbers.set(number, behaviour.toJson()));
        json.put("userGetConfirmation", userGetConfirmation.name().toLowerCase(Locale.ROOT));
        json.put("deactivatePhoneWorks", deactivatePhoneWorks);
        json.put("currency", currency);
        return json;
    }

    private static String date(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(value.asText()).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("sipConnector.paidDateEnd must be a date YYYY-MM-DD or null");
        }
    }
}
