package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.List;

/**
 * A user's telephony access rights, the four the voximplant.* pages name: "Call Statistics — View"
 * (statistic.get), "Management of Numbers — modification" (line.*, sip.*), "User Settings — Modify" (user.*) and
 * "Outgoing Call — Execute" (callback.start, infocall.*). Every user has ALL unless the control API lowers a right
 * (specs/DECISIONS.md D62), so tests reach each documented refusal without tripping on rights they did not set.
 */
public record Rights(Level callStatisticView, Level lineModify, Level userSettingsModify, Level outgoingCall) {
    private static final List<String> FIELDS = List.of("callStatisticView", "lineModify", "userSettingsModify",
            "outgoingCall");

    /** NONE refuses; OWN limits statistics to the user's own calls and user settings to the user; ALL allows. */
    public enum Level { NONE, OWN, ALL }

    public static Rights all() {
        return new Rights(Level.ALL, Level.ALL, Level.ALL, Level.ALL);
    }

    public Rights patch(JsonNode patch) {
        JsonFields.check(patch, "rights", FIELDS);
        return new Rights(level(patch, "callStatisticView", callStatisticView), level(patch, "lineModify", lineModify),
                level(patch, "userSettingsModify", userSettingsModify), level(patch, "outgoingCall", outgoingCall));
    }

    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("callStatisticView", callStatisticView.name())
                .put("lineModify", lineModify.name()).put("userSettingsModify", userSettingsModify.name())
                .put("outgoingCall", outgoingCall.name());
    }

    private static Level level(JsonNode patch, String name, Level current) {
        JsonNode value = patch.get(name);
        if (value == null) {
            return current;
        }
        try {
            return Level.valueOf(value.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be NONE, OWN or ALL");
        }
    }
}
