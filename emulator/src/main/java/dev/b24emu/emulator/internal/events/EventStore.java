package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** The events of one portal: bound handlers, outgoing webhooks and the offline queue. */
public final class EventStore implements Store<EventStore.Snapshot> {
    /** maps handler ID to the bound handler */
    private final ConcurrentSkipListMap<Long, EventHandler> handlers = new ConcurrentSkipListMap<>();
    /** maps an OnOfflineEvent handler's ID to when it was last told of new records (not in state files; guarded by this) */
    private final Map<Long, java.time.Instant> lastNotices = new java.util.HashMap<>();
    /** maps queue record ID to the offline event, oldest first */
    private final ConcurrentSkipListMap<Long, OfflineEvent> offline = new ConcurrentSkipListMap<>();
    private final AtomicLong lastHandlerId = new AtomicLong();
    private final AtomicLong lastOfflineId = new AtomicLong();
    private final AtomicLong lastMessageId = new AtomicLong();
    /** maps webhook ID to the outgoing webhook */
    private final ConcurrentSkipListMap<Long, OutgoingWebhook> webhooks = new ConcurrentSkipListMap<>();
    private final AtomicLong lastWebhookId = new AtomicLong();
    private final int offlineCapacity;
    /**
     * maps each queued offline event's ID to what its data weighs (two bytes a character of its JSON text), and the
     * sum and its bound (D122; guarded by this): an event carries the call's texts, and the queue's count alone let
     * events with a 6 MB phone number each fill the heap
     */
    private final Map<Long, Long> offlineWeights = new java.util.HashMap<>();
    private long offlineBytes;
    private final long maxOfflineBytes;
    /**
     * maps a handler's ID and an object's key to the ID of that object's queued record an enqueue may replace
     * (unreserved, not failed; guarded by this): enqueue looked for it by scanning the queue, up to 10,000 records for
     * every event, which held an offline handler's load test to a sixth of its rate
     */
    private final Map<Replaceable, Long> replaceable = new java.util.HashMap<>();

    private record Replaceable(long handlerId, String objectKey) {
        static Replaceable of(OfflineEvent event) {
            return new Replaceable(event.handlerId(), event.objectKey());
        }
    }

    public EventStore(int offlineCapacity, long maxOfflineBytes) {
        this.offlineCapacity = Math.max(1, offlineCapacity);
        this.maxOfflineBytes = maxOfflineBytes;
    }

    /**
     * Binds a handler unless the same one is bound (empty then). {@code admit} refuses a new one past the portal's
     * bound (D120): run after the duplicate check, so a repeated bind is told it exists, and under this store's lock,
     * so two binds at once cannot both pass it.
     */
    public synchronized Optional<EventHandler> bind(String event, String handler, String appKey, long authUserId,
                                                    boolean isOffline, String authConnector, int minTimeout,
                                                    Runnable admit) {
        for (EventHandler existing : handlers.values()) {
            // as the real EventTable::checkUniq, the connector too: an offline queue per connector breaks sync loops
            if (existing.event().equals(event) && existing.handler().equals(handler) && existing.appKey().equals(appKey)
                    && existing.authUserId() == authUserId && existing.offline() == isOffline
                    && existing.authConnector().equals(authConnector)) {
                return Optional.empty();
            }
        }
        admit.run();
        EventHandler bound = new EventHandler(lastHandlerId.incrementAndGet(), event, handler, appKey, authUserId,
                isOffline, authConnector, minTimeout);
        handlers.put(bound.id(), bound);
        return Optional.of(bound);
    }

    /**
     * Whether an OnOfflineEvent handler is told now: not before its minTimeout has passed since it was last told, on
     * the portal's clock (on-offline-event.md); telling it is noted.
     */
    public synchronized boolean offlineNoticeDue(EventHandler handler, java.time.Instant now) {
        java.time.Instant last = lastNotices.get(handler.id());
        if (handler.minTimeout() > 0 && last != null && now.isBefore(last.plusSeconds(handler.minTimeout()))) {
            return false;
        }
        lastNotices.put(handler.id(), now);
        return true;
    }

    public synchronized int unbind(Predicate<EventHandler> which) {
        List<Long> ids = handlers.values().stream().filter(which).map(EventHandler::id).toList();
        ids.forEach(handlers::remove);
        ids.forEach(lastNotices::remove);
        return ids.size();
    }

    public List<EventHandler> handlers(Predicate<EventHandler> which) {
        return matching(handlers.values(), which);
    }

    /** A loop, not a stream: every registered and finished call asks, and most portals of a load test bind nothing. */
    private static <T> List<T> matching(Iterable<T> items, Predicate<T> which) {
        List<T> found = null;
        for (T item : items) {
            if (which.test(item)) {
                (found == null ? found = new ArrayList<>() : found).add(item);
            }
        }
        return found == null ? List.of() : List.copyOf(found);
    }

    /** Adds an outgoing webhook; each of its events gets a handler ID from the same sequence as bound handlers. */
    public synchronized OutgoingWebhook addWebhook(String title, String handlerUrl, List<String> events,
                                                   String applicationToken) {
        List<OutgoingWebhook.Subscription> subscriptions = events.stream()
                .map(event -> new OutgoingWebhook.Subscription(event, lastHandlerId.incrementAndGet())).toList();
        OutgoingWebhook webhook = new OutgoingWebhook(lastWebhookId.incrementAndGet(), title, handlerUrl,
                applicationToken, subscriptions);
        webhooks.put(webhook.id(), webhook);
        return webhook;
    }

    public boolean removeWebhook(long id) {
        return webhooks.remove(id) != null;
    }

    public List<OutgoingWebhook> webhooks() {
        return List.copyOf(webhooks.values());
    }

    /** The outgoing webhooks that receive an event. */
    public List<OutgoingWebhook> webhooks(String event) {
        return matching(webhooks.values(), w -> w.handlerId(event).isPresent());
    }

    /** Queues the latest state of an object for an offline handler: an unreserved record of the same object is replaced. */
    public synchronized OfflineEvent enqueue(EventHandler handler, String objectKey, String eventName, ObjectNode data,
                                             String timestamp, long userId) {
        Long older = replaceable.get(new Replaceable(handler.id(), objectKey));
        if (older != null) {
            drop(older);
        }
        OfflineEvent queued = new OfflineEvent(lastOfflineId.incrementAndGet(), handler.id(), handler.appKey(),
                handler.authConnector(), objectKey, eventName, data, timestamp,
                Long.toString(lastMessageId.incrementAndGet()), "", false, userId);
        keep(queued);
        while (offline.size() > offlineCapacity || (offlineBytes > maxOfflineBytes && offline.size() > 1)) {
            drop(offline.firstKey());
        }
        return queued;
    }

    private void keep(OfflineEvent event) {
        offline.put(event.id(), event);
        noteReplaceable(event);
        long weight = 2L * (event.data() == null ? 0 : event.data().toString().length());
        Long before = offlineWeights.put(event.id(), weight);
        offlineBytes += weight - (before == null ? 0 : before);
    }

    /** Indexes an event an enqueue may replace, and forgets one reserved or failed since. */
    private void noteReplaceable(OfflineEvent event) {
        Replaceable key = Replaceable.of(event);
        if ((event.processId() == null || event.processId().isEmpty()) && !event.error()) {
            replaceable.put(key, event.id());
        } else {
            replaceable.remove(key, event.id());
        }
    }

    private void drop(long id) {
        OfflineEvent dropped = offline.remove(id);
        if (dropped != null) {
            replaceable.remove(Replaceable.of(dropped), id);
        }
        Long weight = offlineWeights.remove(id);
        offlineBytes -= weight == null ? 0 : weight;
    }

    public List<OfflineEvent> offline(Predicate<OfflineEvent> which) {
        return offline.values().stream().filter(which).toList();
    }

    /**
     * Picks records and takes them in one step, removed or, with a process, reserved for it: two event.offline.get
     * calls that read the queue and then took what they read handed the same records to two workers (16 of 50
     * rounds of four), and a later reservation took over an earlier one's records.
     *
     * @param which      the records the caller may take
     * @param pick       which of them it takes, in order (its filter, order and limit)
     * @param reserveFor the process to reserve them for, or null to remove them
     */
    public synchronized List<OfflineEvent> take(Predicate<OfflineEvent> which,
                                                UnaryOperator<List<OfflineEvent>> pick, String reserveFor) {
        List<OfflineEvent> picked = pick.apply(offline(which));
        picked.forEach(e -> {
            if (reserveFor == null) {
                drop(e.id());
            } else {
                update(e, current -> current.reserve(reserveFor));
            }
        });
        return picked;
    }

    /** Removes the records a process is done with. */
    public synchronized void remove(Predicate<OfflineEvent> which) {
        offline(which).forEach(e -> drop(e.id()));
    }

    public synchronized void markFailed(Predicate<OfflineEvent> which) {
        offline(which).forEach(e -> update(e, OfflineEvent::failed));
    }

    private void update(OfflineEvent event, java.util.function.UnaryOperator<OfflineEvent> change) {
        OfflineEvent changed = offline.computeIfPresent(event.id(), (id, current) -> change.apply(current));
        if (changed != null) {
            noteReplaceable(changed);
        }
    }

    /**
     * Bound handlers, outgoing webhooks and the offline queue, for state files (a file written before outgoing
     * webhooks has none).
     */
    public record Snapshot(List<EventHandler> handlers, List<OfflineEvent> offline, long lastHandlerId,
                           long lastOfflineId, long lastMessageId, List<OutgoingWebhook> outgoingWebhooks,
                           long lastWebhookId) {
    }

    @Override
    public void seed(Portal portal, PortalSeed seed) {
        @SuppressWarnings("unchecked")
        List<OutgoingWebhooks.Spec> specs = seed.section(OutgoingWebhooks.SEED_FIELD, List.class).orElse(List.of());
        OutgoingWebhooks.seed(portal, specs);
    }

    @Override
    public void check(Snapshot snapshot) {
        if (snapshot.handlers() == null || snapshot.offline() == null) {
            throw new StateException("/events: handlers and offline are required");
        }
        for (int i = 0; i < snapshot.handlers().size(); i++) {
            EventHandler handler = snapshot.handlers().get(i);
            if (handler == null || handler.event() == null || handler.handler() == null || handler.appKey() == null) {
                throw new StateException("/events/handlers/" + i + ": a handler needs event, handler and appKey");
            }
        }
        List<OutgoingWebhook> hooks = snapshot.outgoingWebhooks() == null ? List.of() : snapshot.outgoingWebhooks();
        for (int i = 0; i < hooks.size(); i++) {
            OutgoingWebhook hook = hooks.get(i);
            if (hook == null || hook.id() <= 0 || hook.handlerUrl() == null || hook.applicationToken() == null
                    || hook.subscriptions() == null || hook.subscriptions().stream().anyMatch(s -> s == null || s.event() == null)) {
                throw new StateException("/events/outgoingWebhooks/" + i
                        + ": an outgoing webhook needs an id, a handlerUrl, an applicationToken and its subscriptions");
            }
        }
    }

    @Override
    public synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(handlers.values()), List.copyOf(offline.values()), lastHandlerId.get(),
                lastOfflineId.get(), lastMessageId.get(), webhooks(), lastWebhookId.get());
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        clear();
        snapshot.handlers().forEach(h -> handlers.put(h.id(), h));
        snapshot.offline().forEach(this::keep);
        lastHandlerId.set(snapshot.lastHandlerId());
        lastOfflineId.set(snapshot.lastOfflineId());
        lastMessageId.set(snapshot.lastMessageId());
        if (snapshot.outgoingWebhooks() != null) {
            snapshot.outgoingWebhooks().forEach(w -> webhooks.put(w.id(), w));
        }
        lastWebhookId.set(Math.max(snapshot.lastWebhookId(), webhooks.isEmpty() ? 0 : webhooks.lastKey()));
    }

    @Override
    public synchronized void clear() {
        handlers.clear();
        lastNotices.clear();
        offline.clear();
        offlineWeights.clear();
        replaceable.clear();
        offlineBytes = 0;
        lastHandlerId.set(0);
        lastOfflineId.set(0);
        lastMessageId.set(0);
        webhooks.clear();
        lastWebhookId.set(0);
    }

    /** Handlers by ID, for the journal and tests. */
    public Map<Long, EventHandler> handlersById() {
        return Map.copyOf(handlers);
    }
}
