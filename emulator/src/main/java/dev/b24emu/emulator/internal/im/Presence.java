package dev.b24emu.emulator.internal.im;

import java.time.Instant;
import java.util.List;

/**
 * A user's messenger status as b_im_status keeps it (CIMStatus, specs/DECISIONS.md D189): the status the user set and,
 * while they are away from the keyboard, since when (IDLE, null when not idle).
 *
 * @param userId the user
 * @param status one of {@link #STATUSES}
 * @param idle   since when the user is idle, or null
 */
public record Presence(long userId, String status, Instant idle) {
    /** CIMStatus::$AVAILABLE_STATUSES: what im.user.status.set accepts, exactly as written */
    public static final List<String> STATUSES = List.of("online", "dnd", "away", "break");
    /** what a user who never set one has: im.user.get's status ($fields['status'] ?: 'online') */
    public static final String DEFAULT = "online";

    public static Presence of(long userId) {
        return new Presence(userId, DEFAULT, null);
    }

    /** CIMStatus::Set with a STATUS clears IDLE. */
    Presence withStatus(String newStatus) {
        return new Presence(userId, newStatus, null);
    }

    Presence withIdle(Instant since) {
        return new Presence(userId, status, since);
    }
}
