package dev.b24emu.emulator.internal.im;

import dev.b24emu.emulator.internal.portal.Store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The call chats of one portal and the messenger's messages: those calls left in them and those clients sent
 * (im.message.add), oldest first, for the control API and the dashboard (the emulator has no messenger). Live state, not kept in state files; the messages and the chats are
 * bounded as the request journal is (the newest, and the most recently used, kept).
 */
public final class CallChatStore implements Store<Void> {
    private final int max;
    /**
     * maps a user's ID and the chat's ENTITY_ID ("5|79990000001") to the chat's ID, the least recently used going past
     * the bound (a number called again after that gets a new chat) (guarded by this)
     */
    private final Map<String, Long> chats;
    /** the messages, oldest first (guarded by this) */
    private final ArrayDeque<CallChatMessage> messages = new ArrayDeque<>();
    /** the last chat and message IDs given (guarded by this) */
    private long lastChatId;
    private long lastMessageId;

    public CallChatStore(int max) {
        this.max = Math.max(1, max);
        this.chats = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > CallChatStore.this.max;
            }
        };
    }

    /** The ID of the user's call chat for the number, made on first use as GetDialogInfo makes it. */
    public synchronized long chatOf(long userId, String entityId) {
        return chats.computeIfAbsent(userId + "|" + entityId, key -> ++lastChatId);
    }

    /** The user whose call chat has that ID, if the chat is kept. */
    public synchronized Optional<Long> ownerOfChat(long chatId) {
        return chats.entrySet().stream().filter(e -> e.getValue() == chatId).findFirst()
                .map(e -> Long.parseLong(e.getKey().substring(0, e.getKey().indexOf('|'))));
    }

    public synchronized Optional<CallChatMessage> message(long id) {
        return messages.stream().filter(m -> m.id() == id).findFirst();
    }

    /** Puts a changed message in place of the one with its ID, if it is still kept. */
    synchronized void replace(CallChatMessage changed) {
        List<CallChatMessage> all = new ArrayList<>(messages);
        all.replaceAll(m -> m.id() == changed.id() ? changed : m);
        messages.clear();
        messages.addAll(all);
    }

    synchronized boolean remove(long id) {
        return messages.removeIf(m -> m.id() == id);
    }

    public synchronized long nextMessageId() {
        return ++lastMessageId;
    }

    public synchronized void add(CallChatMessage message) {
        messages.addLast(message);
        if (messages.size() > max) {
            messages.removeFirst();
        }
    }

    public synchronized List<CallChatMessage> all() {
        return new ArrayList<>(messages);
    }

    @Override
    public synchronized void clear() {
        chats.clear();
        messages.clear();
        lastChatId = 0;
        lastMessageId = 0;
    }
}
