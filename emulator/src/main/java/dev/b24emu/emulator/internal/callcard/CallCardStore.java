package dev.b24emu.emulator.internal.callcard;

import dev.b24emu.emulator.internal.portal.MadeAtRunTime;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The call cards of one portal, and the call lists users work through. State files keep the lists only. */
public final class CallCardStore implements Store<CallCardStore.Snapshot> {
    /** How many closed cards are kept for inspection; older ones are dropped so memory stays flat. */
    static final int CLOSED_CARDS_KEPT = 1000;

    /**
     * maps CALL_ID to the call's cards: its one {@link CallCard} (nearly every call has one), or an immutable
     * Map&lt;Long, CallCard&gt; by user ID when it was shown to several (read through {@link #cardOf} and {@link #all}).
     * A map per call, even an immutable one, was one more object per open call for young collections to copy until
     * the call was promoted, and one more scattered read when the bound of open calls drops it.
     */
    private final Map<String, Object> cards = new ConcurrentHashMap<>();
    /**
     * closed cards (CALL_ID, user ID), oldest first: keys, not the cards, so that a card the weight of call text
     * dropped (below) does not stay here with its phone number
     */
    private final java.util.ArrayDeque<CardKey> closedOrder = new java.util.ArrayDeque<>();
    /**
     * the cards of ended calls, oldest first, with what their phone numbers weigh at two bytes a character (guarded
     * by itself): such a card outlives its call's place in the telephony store, open for 65 s or closed among the
     * last {@link #CLOSED_CARDS_KEPT}, and held the call's number when the weight of call text (D122) had dropped the
     * call: 30 calls with a 6 MB number each kept 180 MB. A card dropped another way (closed past the last
     * {@link #CLOSED_CARDS_KEPT}, or its call dropped) leaves it at once: its entry outlived it before, and at 12,000
     * finished calls a second the entries alone (150 bytes each, weighed at 24) filled the launcher's heap.
     */
    private final java.util.LinkedHashMap<CardKey, Long> ended = new java.util.LinkedHashMap<>();
    private long endedBytes;
    private final long maxEndedBytes;
    /**
     * at most this many cards of ended calls, the portal's bound of finished calls (D117): the cards a finish leaves
     * shown to other users (D86) stay until hidden, and a load showing each call to three users kept 1.2 million of
     * them (230 MB) in 90 s
     */
    private final int maxEnded;

    /** the open cards with a pending close, few at any time: the once-a-second tick reads only these */
    private final Set<CardKey> closing = ConcurrentHashMap.newKeySet();
    /** maps call list ID to the list */
    private final Map<Long, CallList> lists = new ConcurrentHashMap<>();
    /** maps "listId/userId" to where the user's card stands in the list */
    private final Map<String, CallLists.Cursor> positions = new ConcurrentHashMap<>();
    private long lastListId;
    /** the IDs of the lists made while the portal runs, bounded like its other CRM objects (D118; guarded by this) */
    private final MadeAtRunTime<Long> madeLists;
    /** true while a state file is read: its lists are the user's own and never dropped (guarded by this) */
    private boolean restoring;

    public CallCardStore(int maxLists, long maxEndedBytes, int maxEnded) {
        this.madeLists = new MadeAtRunTime<>(maxLists);
        this.maxEndedBytes = maxEndedBytes;
        this.maxEnded = maxEnded;
    }

    private record CardKey(String callId, long userId) {
    }

    public Optional<CallCard> card(String callId, long userId) {
        return Optional.ofNullable(cardOf(cards.get(callId), userId));
    }

    /** The cards of one call (one per user it was shown to). */
    public List<CallCard> cardsOf(String callId) {
        return List.copyOf(all(cards.get(callId)));
    }

    /** Open cards whose pending close is due at {@code now}, without scanning every open call's card. */
    public List<CallCard> closingBy(java.time.Instant now) {
        List<CallCard> due = new java.util.ArrayList<>();
        for (CardKey key : closing) {
            card(key.callId(), key.userId())
                    .filter(c -> !c.closed() && c.closeAt() != null && !now.isBefore(c.closeAt())).ifPresent(due::add);
        }
        return due;
    }

    /** Forgets a call's cards, open or closed (a call dropped unfinished at the portal's bound, D117). */
    public void removeCall(String callId) {
        Object gone = cards.remove(callId);
        if (gone != null) {
            for (CallCard card : all(gone)) {
                CardKey key = new CardKey(callId, card.userId());
                closing.remove(key);
                if (card.callEnded()) {
                    forgetEnded(key);
                }
            }
        }
    }

    public List<CallCard> cards(Predicate<CallCard> which) {
        return cards.values().stream().flatMap(ofCall -> all(ofCall).stream()).filter(which).toList();
    }

    public void put(CallCard card) {
        CallCard[] replaced = new CallCard[1];
        cards.compute(card.callId(), (id, ofCall) -> {
            replaced[0] = cardOf(ofCall, card.userId());
            return with(ofCall, card.userId(), card);
        });
        CallCard before = replaced[0];
        if (card.closeAt() != null && !card.closed()) {
            closing.add(new CardKey(card.callId(), card.userId()));
        } else if (before != null && before.closeAt() != null) {
            closing.remove(new CardKey(card.callId(), card.userId()));
        }
        if (card.callEnded() && (before == null || !before.callEnded())) {
            noteEnded(card);
        }
        if (card.closed() && (before == null || !before.closed())) {
            CardKey dropped = null;
            synchronized (closedOrder) {
                closedOrder.addLast(new CardKey(card.callId(), card.userId()));
                if (closedOrder.size() > CLOSED_CARDS_KEPT) {
                    CardKey oldest = closedOrder.removeFirst();
                    boolean[] gone = {false};
                    cards.computeIfPresent(oldest.callId(), (id, ofCall) -> {
                        CallCard stale = cardOf(ofCall, oldest.userId());
                        gone[0] = stale != null && stale.closed();
                        return gone[0] ? with(ofCall, oldest.userId(), null) : ofCall;
                    });
                    dropped = gone[0] ? oldest : null;
                }
            }
            if (dropped != null) {
                forgetEnded(dropped);
            }
        }
    }

    /** A card of an ended call gone another way than by the weight of call text: its weight goes with it. */
    private void forgetEnded(CardKey key) {
        synchronized (ended) {
            Long weight = ended.remove(key);
            if (weight != null) {
                endedBytes -= weight;
            }
        }
    }

    /**
     * Weighs a card whose call just ended; past the weight of call text, or past the count of them kept, the cards of
     * the calls that ended first go, open or closed, as a closed card past {@link #CLOSED_CARDS_KEPT} goes (the newest
     * stays even alone past it).
     */
    private void noteEnded(CallCard card) {
        long weight = 2L * (card.phone() == null ? 0 : card.phone().length());
        synchronized (ended) {
            Long before = ended.put(new CardKey(card.callId(), card.userId()), weight);
            endedBytes += weight - (before == null ? 0 : before);
            var oldestFirst = ended.entrySet().iterator();
            while ((endedBytes > maxEndedBytes || ended.size() > maxEnded) && ended.size() > 1) {
                var oldest = oldestFirst.next();
                oldestFirst.remove();
                endedBytes -= oldest.getValue();
                CardKey key = oldest.getKey();
                cards.computeIfPresent(key.callId(), (id, ofCall) -> {
                    CallCard gone = cardOf(ofCall, key.userId());
                    return gone != null && gone.callEnded() ? with(ofCall, key.userId(), null) : ofCall;
                });
                closing.remove(key);
            }
        }
    }

    /** How many cards of ended calls are weighed (for tests: each is an entry the heap holds). */
    int endedWeighed() {
        synchronized (ended) {
            return ended.size();
        }
    }

    /** One user's card among a call's cards (null for none). */
    private static CallCard cardOf(Object ofCall, long userId) {
        if (ofCall instanceof CallCard one) {
            return one.userId() == userId ? one : null;
        }
        return ofCall == null ? null : byUser(ofCall).get(userId);
    }

    private static java.util.Collection<CallCard> all(Object ofCall) {
        if (ofCall instanceof CallCard one) {
            return List.of(one);
        }
        return ofCall == null ? List.of() : byUser(ofCall).values();
    }

    @SuppressWarnings("unchecked") // the only other value the map holds
    private static Map<Long, CallCard> byUser(Object ofCall) {
        return (Map<Long, CallCard>) ofCall;
    }

    /**
     * A call's cards with one user's replaced (or removed, for null; null when none is left): one card alone, more in
     * a concurrent map changed in place under the store's lock (readers take none). Copied on every write, a show to
     * 30,000 users took 16 s and 100,000 held the portal for minutes.
     */
    private static Object with(Object ofCall, long userId, CallCard card) {
        if (ofCall == null || ofCall instanceof CallCard one && one.userId() == userId) {
            return card;
        }
        if (ofCall instanceof CallCard one) {
            if (card == null) {
                return one; // another user's card: nothing of this user's to remove
            }
            Map<Long, CallCard> both = new java.util.concurrent.ConcurrentHashMap<>();
            both.put(one.userId(), one);
            both.put(userId, card);
            return both;
        }
        Map<Long, CallCard> cards = byUser(ofCall);
        if (card == null) {
            cards.remove(userId);
        } else {
            cards.put(userId, card);
        }
        return switch (cards.size()) {
            case 0 -> null;
            case 1 -> cards.values().iterator().next();
            default -> cards;
        };
    }

    public synchronized long nextListId() {
        return ++lastListId;
    }

    /** Keeps a new or changed list; past the bound a new one drops the oldest made at run time with its positions. */
    public synchronized void putList(CallList list) {
        if (lists.put(list.id(), list) != null || restoring) {
            return;
        }
        madeLists.add(list.id(), oldest -> {
            lists.remove(oldest);
            positions.keySet().removeIf(key -> key.startsWith(oldest + "/"));
        });
    }

    public Optional<CallList> list(long id) {
        return Optional.ofNullable(lists.get(id));
    }

    public List<CallList> lists() {
        return lists.values().stream().sorted((a, b) -> Long.compare(b.id(), a.id())).toList();
    }

    public Optional<CallLists.Cursor> position(long listId, long userId) {
        return Optional.ofNullable(positions.get(listId + "/" + userId));
    }

    public void position(long listId, long userId, CallLists.Cursor cursor) {
        positions.put(listId + "/" + userId, cursor);
    }

    /** Puts every user's card back before the list's first client. */
    void clearPosition(long listId, long userId) {
        positions.remove(listId + "/" + userId);
    }

    /** Moves every card standing in the list as {@code settle} says (after its clients changed). */
    void settlePositions(long listId, java.util.function.UnaryOperator<CallLists.Cursor> settle) {
        positions.replaceAll((key, cursor) -> key.startsWith(listId + "/") ? settle.apply(cursor) : cursor);
    }

    /** What state files keep: the call lists (cards are live UI state and start closed). */
    public record Snapshot(List<CallList> lists) {
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(lists());
    }

    @Override
    public void check(Snapshot snapshot) {
        if (snapshot.lists() == null) {
            throw new StateException("/callcard/lists: must be a list");
        }
        for (int i = 0; i < snapshot.lists().size(); i++) {
            CallList list = snapshot.lists().get(i);
            if (list == null || list.id() <= 0 || list.entityType() == null) {
                throw new StateException("/callcard/lists/" + i + ": a call list needs a positive id and an entityType");
            }
        }
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        restoring = true;
        try {
            snapshot.lists().forEach(this::putList);
        } finally {
            restoring = false;
        }
        lastListId = snapshot.lists().stream().mapToLong(CallList::id).max().orElse(0);
    }

    @Override
    public synchronized void clear() {
        synchronized (closedOrder) {
            closedOrder.clear();
        }
        synchronized (ended) {
            ended.clear();
            endedBytes = 0;
        }
        cards.clear();
        closing.clear();
        lists.clear();
        positions.clear();
        madeLists.clear();
        lastListId = 0;
    }
}
