package dev.b24emu.emulator.internal.im.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.b24emu.emulator.internal.im.Presence;
import dev.b24emu.emulator.internal.im.PresenceStore;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.RestError;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The caller's messenger status (CIMRestService::userStatusGet, userStatusSet, userStatusIdleStart, userStatusIdleEnd;
 * specs/DECISIONS.md D189): what a click-to-call or call-routing app reads before it offers an operator a call, and
 * sets when its operator goes on a break. Each acts on the caller alone; none reads a user's ID.
 */
final class UserStatusMethods {
    private static final RestError NOT_AVAILABLE = RestError.of("STATUS_ERROR", "Status is not available");
    /** idle.start's AGO without one, in minutes */
    private static final long DEFAULT_AGO = 10;

    private UserStatusMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("im.user.status.get", UserStatusMethods::get)
                .add("im.user.status.set", UserStatusMethods::set)
                .add("im.user.status.idle.start", UserStatusMethods::idleStart)
                .add("im.user.status.idle.end", UserStatusMethods::idleEnd);
    }

    private static PresenceStore statuses(RestCall call) {
        return call.portal().store(PresenceStore.class);
    }

    /** The status the caller set, online when they set none. */
    private static JsonNode get(RestCall call) {
        return TextNode.valueOf(statuses(call).get(call.userId()).status());
    }

    /**
     * STATUS exactly as one of online, dnd, away, break: the server lower-cases only what is not a string (its check is
     * inverted), so "DND", a number, true or none are all STATUS_ERROR. Setting a status ends idle.
     */
    private static JsonNode set(RestCall call) {
        Optional<JsonNode> status = call.params().node("STATUS");
        if (status.isEmpty() || !status.get().isTextual() || !Presence.STATUSES.contains(status.get().asText())) {
            throw NOT_AVAILABLE;
        }
        statuses(call).setStatus(call.userId(), status.get().asText());
        return BooleanNode.TRUE;
    }

    /**
     * Idle since AGO minutes ago (intval; 10 without one, 1 at least); the status stays. An AGO reaching before 1970 is
     * the epoch: the server's arithmetic turns to a float there rather than fail, and no date before it is kept.
     */
    private static JsonNode idleStart(RestCall call) {
        long ago = call.params().node("AGO").isPresent() ? Math.max(1, call.params().phpInt("AGO")) : DEFAULT_AGO;
        Instant now = call.portal().now();
        long sinceEpoch = Duration.between(Instant.EPOCH, now).toMinutes();
        statuses(call).setIdle(call.userId(), ago >= sinceEpoch ? Instant.EPOCH : now.minus(Duration.ofMinutes(ago)));
        return BooleanNode.TRUE;
    }

    private static JsonNode idleEnd(RestCall call) {
        statuses(call).setIdle(call.userId(), null);
        return BooleanNode.TRUE;
    }
}
