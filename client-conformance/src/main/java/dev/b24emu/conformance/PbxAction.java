package dev.b24emu.conformance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a scenario asks the phone system to do, with its values; the driver turns it into the integration's own
 * stimulus. Actions: {@code incoming} (phone rings on line, for user if known; without one the integration decides
 * who takes it; for a ring group, users), {@code answer} (user picks up), {@code transfer} (the call goes from one user to another),
 * {@code hangup} (the call ends; duration = seconds of conversation), {@code outgoing} (user dials phone from a desk
 * phone through line); in webhook mode first {@code install}, with {@code applicationToken} when the kit made an
 * outgoing webhook for the integration (the token its deliveries carry). Every action also carries
 * {@code emulatorUrl}, and in webhook mode {@code webhookUrl} (an OAuth integration's portal has no webhook: it calls
 * with the tokens of its installation).
 */
public record PbxAction(String action, Map<String, Object> values) {
    public PbxAction {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The action and its values as one flat map: the driver's JSON body. */
    public Map<String, Object> asMap() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("action", action);
        all.putAll(values);
        return all;
    }
}
