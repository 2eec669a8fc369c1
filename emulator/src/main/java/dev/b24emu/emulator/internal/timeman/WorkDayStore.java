package dev.b24emu.emulator.internal.timeman;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The users' work days of one portal, kept in state files. Seeded from the users' TIMEMAN_STATUS (the "users" seed
 * field, read by the users area first): a user seeded OPENED has a day opened when the portal was seeded. One day per
 * user, so the store is bounded as the users are.
 */
public final class WorkDayStore implements Store<WorkDayStore.Snapshot> {
    /** maps a user's ID to their latest work day */
    private final Map<Long, WorkDay> days = new ConcurrentSkipListMap<>();

    /** What state files keep: every user's latest day. */
    public record Snapshot(List<WorkDay> days) {
    }

    public Optional<WorkDay> get(long userId) {
        return Optional.ofNullable(days.get(userId));
    }

    /** Puts the user's latest day, or removes it (null). */
    void put(long userId, WorkDay day) {
        if (day == null) {
            days.remove(userId);
        } else {
            days.put(userId, day);
        }
    }

    @Override
    public void clear() {
        days.clear();
    }

    @Override
    public void seed(Portal portal, PortalSeed seed) {
        for (User user : portal.store(UserStore.class).all()) {
            put(user.id(), WorkDays.following(null, user, portal));
        }
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(List.copyOf(days.values()));
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/workdays/days", snapshot.days(),
                d -> d.userId() > 0 && d.start() != null && d.phase() != null
                        && (d.phase() == WorkDay.Phase.OPENED) == (d.stop() == null) && Math.abs(d.offset()) <= 18 * 3600,
                "a work day needs a positive userId, a start, a phase, a stop unless OPENED and an offset within 18 hours",
                "userId", WorkDay::userId);
    }

    @Override
    public void restore(Snapshot snapshot) {
        snapshot.days().forEach(day -> days.put(day.userId(), day));
    }
}
