package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.apps.OAuthServer;
import dev.b24emu.emulator.internal.callcard.CallList;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.events.EventStore;
import dev.b24emu.emulator.internal.placements.PlacementStore;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.User;

import java.time.Duration;
import java.util.List;

/**
 * A portal's whole state as JSON (GET/PUT /_emulator/portals/{id}/state, --state-file): settings, clock offset,
 * users, CRM, calls and statistics, lines, records, applications and their tokens, event handlers and the offline
 * queue, placements and call lists. Open call cards are live UI state and are not kept.
 */
public final class PortalState {
    public static final String FORMAT = "b24-emulator-state/1";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PortalState() {
    }

    public static ObjectNode export(Portal portal, OAuthServer oauth) {
        return portal.exclusive(() -> {
            ObjectNode state = JSON.createObjectNode();
            state.put("format", FORMAT);
            state.put("id", portal.id());
            ObjectNode webhook = state.putObject("webhook");
            webhook.put("userId", portal.webhook().userId());
            webhook.put("token", portal.webhook().token());
            webhook.set("scopes", JSON.valueToTree(portal.webhook().scopes()));
            state.set("settings", portal.settings().toJson());
            state.put("clockOffsetSeconds", portal.clock().offset().toSeconds());
            state.set("users", JSON.valueToTree(portal.users().all()));
            state.set("crm", JSON.valueToTree(portal.crm().snapshot()));
            state.set("telephony", JSON.valueToTree(portal.telephony().snapshot()));
            state.set("apps", JSON.valueToTree(portal.apps().all()));
            state.set("tokens", JSON.valueToTree(oauth.tokensOf(portal.id())));
            state.set("events", JSON.valueToTree(portal.events().snapshot()));
            state.set("placements", JSON.valueToTree(portal.placements().snapshot()));
            state.set("callLists", JSON.valueToTree(portal.cards().lists()));
            return state;
        });
    }

    /** Replaces the portal's state; a malformed state is a 400 and leaves the portal as it was. */
    public static void restore(Portal portal, OAuthServer oauth, JsonNode state) {
        if (state == null || !FORMAT.equals(state.path("format").asText())) {
            throw RestError.of("ERROR_ARGUMENT", "A state must be a JSON object with \"format\": \"" + FORMAT + "\"");
        }
        Parsed parsed;
        try {
            parsed = new Parsed(
                    portal.settings().patch(state.path("settings")),
                    JSON.convertValue(state.path("users"), new TypeReference<List<User>>() { }),
                    JSON.treeToValue(state.path("crm"), CrmStore.Snapshot.class),
                    JSON.treeToValue(state.path("telephony"), TelephonyStore.Snapshot.class),
                    JSON.convertValue(state.path("apps"), new TypeReference<List<App>>() { }),
                    JSON.treeToValue(state.path("tokens"), OAuthServer.PortalTokens.class),
                    JSON.treeToValue(state.path("events"), EventStore.Snapshot.class),
                    JSON.treeToValue(state.path("placements"), PlacementStore.Snapshot.class),
                    JSON.convertValue(state.path("callLists"), new TypeReference<List<CallList>>() { }),
                    state.path("clockOffsetSeconds").asLong(0));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw RestError.of("ERROR_ARGUMENT", "Unreadable state: " + e.getMessage());
        }
        long maxOffset = java.time.Duration.between(dev.b24emu.emulator.internal.clock.EmulatorClock.EARLIEST,
                dev.b24emu.emulator.internal.clock.EmulatorClock.LATEST).toSeconds();
        if (!state.path("clockOffsetSeconds").isMissingNode() && (!state.get("clockOffsetSeconds").canConvertToLong()
                || Math.abs(parsed.clockOffsetSeconds()) > maxOffset)) {
            throw RestError.of("ERROR_ARGUMENT", "clockOffsetSeconds must be an integer within +-" + maxOffset);
        }
        portal.exclusive(() -> {
            portal.resetToSeed();
            portal.settings(parsed.settings());
            portal.users().clear();
            parsed.users().forEach(portal.users()::put);
            portal.crm().restore(parsed.crm());
            portal.telephony().restore(parsed.telephony());
            portal.apps().restore(parsed.apps());
            oauth.restore(portal.id(), parsed.tokens());
            portal.events().restore(parsed.events());
            portal.placements().restore(parsed.placements());
            portal.cards().restoreLists(parsed.callLists());
            portal.clock().reset();
            portal.clock().advance(Duration.ofSeconds(parsed.clockOffsetSeconds()));
            return null;
        });
    }

    private record Parsed(PortalSettings settings, List<User> users, CrmStore.Snapshot crm,
                          TelephonyStore.Snapshot telephony, List<App> apps, OAuthServer.PortalTokens tokens,
                          EventStore.Snapshot events, PlacementStore.Snapshot placements, List<CallList> callLists,
                          long clockOffsetSeconds) {
    }
}
