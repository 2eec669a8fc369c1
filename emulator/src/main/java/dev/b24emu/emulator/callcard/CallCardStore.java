package dev.b24emu.emulator.callcard;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The call cards of one portal, and the call lists users work through. */
public final class CallCardStore {
    /** How many closed cards are kept for inspection; older ones are dropped so memory stays flat. */
    static final int CLOSED_CARDS_KEPT = 1000;

    /** maps "CALL_ID/userId" to the card */
    private final Map<String, CallCard> cards = new ConcurrentHashMap<>();
    /** keys of closed cards, oldest first */
    private final java.util.ArrayDeque<String> closedOrder = new java.util.ArrayDeque<>();
    /** maps call list ID to the list */
    private final Map<Long, CallList> lists = new ConcurrentHashMap<>();
    /** maps "listId/userId" to the position of the user in the list */
    private final Map<String, Integer> positions = new ConcurrentHashMap<>();
    private long lastListId;

    public Optional<CallCard> card(String callId, long userId) {
        return Optional.ofNullable(cards.get(CallCard.key(callId, userId)));
    }

    public List<CallCard> cards(Predicate<CallCard> which) {
        return cards.values().stream().filter(which).toList();
    }

    public void put(CallCard card) {
        CallCard before = cards.put(card.key(), card);
        if (card.closed() && (before == null || !before.closed())) {
            synchronized (closedOrder) {
                closedOrder.addLast(card.key());
                while (closedOrder.size() > CLOSED_CARDS_KEPT) {
                    String oldest = closedOrder.removeFirst();
                    cards.computeIfPresent(oldest, (key, stale) -> stale.closed() ? null : stale);
                }
            }
        }
    }

    public synchronized long nextListId() {
        return ++lastListId;
    }

    public void putList(CallList list) {
        lists.put(list.id(), list);
    }

    public Optional<CallList> list(long id) {
        return Optional.ofNullable(lists.get(id));
    }

    public List<CallList> lists() {
        return lists.values().stream().sorted((a, b) -> Long.compare(b.id(), a.id())).toList();
    }

    public Optional<Integer> position(long listId, long userId) {
        return Optional.ofNullable(positions.get(listId + "/" + userId));
    }

    public void position(long listId, long userId, int index) {
        positions.put(listId + "/" + userId, index);
    }

    /** Restores call lists from a state file (cards are live UI state and start closed). */
    public synchronized void restoreLists(List<CallList> restored) {
        restored.forEach(this::putList);
        lastListId = restored.stream().mapToLong(CallList::id).max().orElse(0);
    }

    public synchronized void clear() {
        synchronized (closedOrder) {
            closedOrder.clear();
        }
        cards.clear();
        lists.clear();
        positions.clear();
        lastListId = 0;
    }
}
