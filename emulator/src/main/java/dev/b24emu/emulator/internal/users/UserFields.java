package dev.b24emu.emulator.internal.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.transport.Params;

import java.util.Locale;

/** Users in and out of JSON, with the field names of user.get (seed files and the control API use them too). */
public final class UserFields {
    private UserFields() {
    }

    public static User parse(JsonNode fields, long idWhenAbsent) {
        if (fields == null || !fields.isObject()) {
            throw new IllegalArgumentException("A user must be a JSON object");
        }
        long id = fields.has("ID") ? Params.phpInt(fields.get("ID")) : idWhenAbsent;
        if (id <= 0) {
            throw new IllegalArgumentException("User ID must be a positive integer");
        }
        JsonNode active = fields.get("ACTIVE");
        return new User(id, text(fields, "NAME"), text(fields, "LAST_NAME"), text(fields, "EMAIL"),
                active == null || Params.phpTruthy(active) && !"N".equalsIgnoreCase(active.asText()),
                text(fields, "UF_PHONE_INNER"), text(fields, "WORK_PHONE"), text(fields, "PERSONAL_PHONE"),
                text(fields, "PERSONAL_MOBILE"), timeman(fields.get("TIMEMAN_STATUS")),
                fields.has("IS_ADMIN") && Params.phpTruthy(fields.get("IS_ADMIN")));
    }

    /** A user as user.get and user.current return it. */
    public static ObjectNode toJson(User user) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("ID", Long.toString(user.id()));
        json.put("ACTIVE", user.active());
        json.put("NAME", user.name());
        json.put("LAST_NAME", user.lastName());
        json.put("EMAIL", user.email());
        json.put("PERSONAL_PHONE", user.personalPhone());
        json.put("PERSONAL_MOBILE", user.personalMobile());
        json.put("WORK_PHONE", user.workPhone());
        json.put("UF_PHONE_INNER", user.innerPhone());
        json.put("USER_TYPE", "employee");
        json.putArray("UF_DEPARTMENT").add(1);
        return json;
    }

    private static String text(JsonNode fields, String name) {
        return Params.scalarText(fields.get(name)).orElse("");
    }

    private static User.TimemanStatus timeman(JsonNode value) {
        if (value == null || value.isNull()) {
            return User.TimemanStatus.UNAVAILABLE;
        }
        try {
            return User.TimemanStatus.valueOf(value.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "TIMEMAN_STATUS must be one of OPENED, CLOSED, PAUSED, EXPIRED, UNAVAILABLE, NOT_INSTALLED");
        }
    }
}
