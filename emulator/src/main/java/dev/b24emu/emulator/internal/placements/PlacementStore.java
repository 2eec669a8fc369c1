package dev.b24emu.emulator.internal.placements;

import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** The widgets of one portal: placement handlers and the REST handlers of CallCard::* events (placement.bindEvent). */
public final class PlacementStore implements Store<PlacementStore.Snapshot> {
    /** A REST subscription to a CallCard::* event (the older documented placement.bindEvent). */
    public record EventSubscription(long id, String appKey, String event, String handler) {
    }

    /** maps binding ID to the placement handler */
    private final ConcurrentSkipListMap<Long, Placement> placements = new ConcurrentSkipListMap<>();
    /** maps subscription ID to a CallCard::* REST handler */
    private final ConcurrentSkipListMap<Long, EventSubscription> subscriptions = new ConcurrentSkipListMap<>();
    private final AtomicLong lastId = new AtomicLong();
    /**
     * when the background workers' slow loads are next counted afresh (the portal's one
     * rest/max_overtime_reset_count_time, D193), or null before the first
     */
    private Instant overtimeResetAt;

    public synchronized Optional<Placement> bind(Placement placement) {
        boolean duplicate = placements.values().stream().anyMatch(p -> p.appKey().equals(placement.appKey())
                && p.placement().equals(placement.placement()) && p.handler().equals(placement.handler())
                && p.userId() == placement.userId());
        if (duplicate) {
            return Optional.empty();
        }
        Placement bound = new Placement(lastId.incrementAndGet(), placement.appKey(), placement.placement(),
                placement.handler(), placement.title(), placement.description(), placement.groupName(),
                placement.langAll(), placement.options(), placement.userId());
        placements.put(bound.id(), bound);
        return Optional.of(bound);
    }

    /** Puts a changed handler in place of the one bound with its ID; empty when there is none any more. */
    synchronized Optional<Placement> replace(Placement changed) {
        return Optional.ofNullable(placements.computeIfPresent(changed.id(), (id, old) -> changed));
    }

    synchronized Optional<Instant> overtimeResetAt() {
        return Optional.ofNullable(overtimeResetAt);
    }

    synchronized void overtimeResetAt(Instant next) {
        overtimeResetAt = next;
    }

    public synchronized int unbind(Predicate<Placement> which) {
        List<Long> ids = placements.values().stream().filter(which).map(Placement::id).toList();
        ids.forEach(placements::remove);
        return ids.size();
    }

    /** Removes an application's placement handlers and CallCard::* subscriptions (it was deleted). */
    public synchronized void removeApp(String appKey) {
        placements.values().removeIf(p -> p.appKey().equals(appKey));
        subscriptions.values().removeIf(s -> s.appKey().equals(appKey));
    }

    public List<Placement> placements(Predicate<Placement> which) {
        if (placements.isEmpty()) { // asked on every shown call card: most portals of a load bind nothing
            return List.of();
        }
        return placements.values().stream().filter(which).toList();
    }

    public synchronized boolean subscribe(String appKey, String event, String handler) {
        if (subscriptions.values().stream().anyMatch(s -> s.appKey().equals(appKey) && s.event().equals(event)
                && s.handler().equals(handler))) {
            return false;
        }
        long id = lastId.incrementAndGet();
        subscriptions.put(id, new EventSubscription(id, appKey, event, handler));
        return true;
    }

    public synchronized int unsubscribe(Predicate<EventSubscription> which) {
        List<Long> ids = subscriptions.values().stream().filter(which).map(EventSubscription::id).toList();
        ids.forEach(subscriptions::remove);
        return ids.size();
    }

    public List<EventSubscription> subscriptions(Predicate<EventSubscription> which) {
        if (subscriptions.isEmpty()) {
            return List.of(); // asked on every call event; nearly always nothing is bound, and a stream is not free
        }
        return subscriptions.values().stream().filter(which).toList();
    }

    /** Everything bound, for state files. */
    public record Snapshot(List<Placement> placements, List<EventSubscription> subscriptions, long lastId,
                           Instant overtimeResetAt) {
    }

    @Override
    public void check(Snapshot snapshot) {
        if (snapshot.placements() == null || snapshot.subscriptions() == null) {
            throw new dev.b24emu.emulator.internal.portal.StateException("/placements: placements and subscriptions are required");
        }
        // whole rows with their own IDs, as binds write them: a row without its code, handler or application made
        // every later bind, register with SHOW and worker listing a 500, and an ID at or past lastId or given twice
        // let the next bind overwrite a handler
        long last = snapshot.lastId();
        StateException.checkItems("/placements/placements", snapshot.placements(),
                p -> p.id() > 0 && p.id() <= last && p.appKey() != null && p.placement() != null
                        && p.placement().equals(p.placement().trim().toUpperCase(java.util.Locale.ROOT))
                        && !p.placement().isEmpty() && p.handler() != null && p.userId() >= 0,
                "a placement needs an id from 1 to lastId, an appKey, its code in capitals, a handler and a userId of 0 or"
                        + " more", "id", Placement::id);
        StateException.checkItems("/placements/subscriptions", snapshot.subscriptions(),
                s -> s.id() > 0 && s.id() <= last && s.appKey() != null && s.event() != null && s.handler() != null,
                "a subscription needs an id from 1 to lastId, an appKey, an event and a handler", "id",
                EventSubscription::id);
        if (snapshot.overtimeResetAt() != null && !dev.b24emu.emulator.internal.clock.EmulatorClock.showable(
                snapshot.overtimeResetAt())) {
            throw new StateException("/placements/overtimeResetAt: a time the portal's clock can show (1970 to 9999)");
        }
        // a background worker's slow-load count and error handler, as its bind and the count write them (D193)
        for (int i = 0; i < snapshot.placements().size(); i++) {
            Placement p = snapshot.placements().get(i);
            if (p != null && BackgroundWorkers.CODE.equals(p.placement()) && !BackgroundWorkers.validOptions(p.options())) {
                throw new dev.b24emu.emulator.internal.portal.StateException("/placements/placements/" + i
                        + "/options: a background worker needs an errorHandlerUrl text and a maxTimeCount of 0 to 10, if any");
            }
        }
    }

    @Override
    public synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(placements.values()), List.copyOf(subscriptions.values()), lastId.get(),
                overtimeResetAt);
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        clear();
        snapshot.placements().forEach(p -> placements.put(p.id(), p));
        snapshot.subscriptions().forEach(s -> subscriptions.put(s.id(), s));
        lastId.set(snapshot.lastId());
        overtimeResetAt = snapshot.overtimeResetAt();
    }

    @Override
    public synchronized void clear() {
        placements.clear();
        subscriptions.clear();
        lastId.set(0);
        overtimeResetAt = null;
    }
}
