package dev.b24emu.emulator.internal.im;

import dev.b24emu.emulator.internal.portal.Store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The notifications sent on one portal, oldest first, for the control API to show what an integration told its
 * users. Live state, not kept in state files; bounded as the request journal is (the newest entries kept).
 */
public final class NotificationStore implements Store<Void> {
    private final int max;
    /** maps a notification's ID to it, in the order sent (guarded by this) */
    private final LinkedHashMap<Long, Notification> notifications = new LinkedHashMap<>();
    /** the last ID given (guarded by this): IDs are not reused when the oldest notifications go */
    private long lastId;

    public NotificationStore(int max) {
        this.max = Math.max(1, max);
    }

    public synchronized long nextId() {
        return ++lastId;
    }

    /** Adds a notification; past the bound the oldest goes. */
    public synchronized void add(Notification notification) {
        notifications.put(notification.id(), notification);
        if (notifications.size() > max) {
            Iterator<Long> oldest = notifications.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    public synchronized Optional<Notification> get(long id) {
        return Optional.ofNullable(notifications.get(id));
    }

    /** Removes the notifications that match; whether any did. */
    public synchronized boolean removeIf(Predicate<Notification> which) {
        return notifications.values().removeIf(which);
    }

    public synchronized List<Notification> all() {
        return new ArrayList<>(notifications.values());
    }

    @Override
    public synchronized void clear() {
        notifications.clear();
        lastId = 0;
    }
}
