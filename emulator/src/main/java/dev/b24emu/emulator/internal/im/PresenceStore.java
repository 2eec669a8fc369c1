package dev.b24emu.emulator.internal.im;

import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The messenger statuses of one portal's users (b_im_status), kept in state files. Only a user's own call writes one
 * (im.user.status.*), so the store is bounded as the users are.
 */
public final class PresenceStore implements Store<PresenceStore.Snapshot> {
    /** maps a user's ID to the status they set; a user not here has the default, online and not idle */
    private final Map<Long, Presence> statuses = new ConcurrentSkipListMap<>();

    /** What state files keep: every status a user set. */
    public record Snapshot(List<Presence> statuses) {
    }

    public Presence get(long userId) {
        return statuses.getOrDefault(userId, Presence.of(userId));
    }

    /** Sets the user's status; idle ends with it, as CIMStatus::Set clears IDLE whenever a STATUS is given. */
    public void setStatus(long userId, String status) {
        statuses.compute(userId, (id, now) -> (now == null ? Presence.of(id) : now).withStatus(status));
    }

    /** Marks the user idle since then, or not idle (null); the status stays. */
    public void setIdle(long userId, Instant since) {
        statuses.compute(userId, (id, now) -> (now == null ? Presence.of(id) : now).withIdle(since));
    }

    @Override
    public void clear() {
        statuses.clear();
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(List.copyOf(statuses.values()));
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/presence/statuses", snapshot.statuses(),
                p -> p.userId() > 0 && p.status() != null && Presence.STATUSES.contains(p.status())
                        && (p.idle() == null || dev.b24emu.emulator.internal.clock.EmulatorClock.showable(p.idle())),
                "a status needs a positive userId, one of " + Presence.STATUSES + " and an idle time from 1970 to 9999,"
                        + " if any", "userId", Presence::userId);
    }

    @Override
    public void restore(Snapshot snapshot) {
        snapshot.statuses().forEach(p -> statuses.put(p.userId(), p));
    }
}
