package dev.b24emu.emulator.internal.portal;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The keys of the objects a store made while its portal runs, oldest first, and the bound on how many it keeps
 * (D118): a load that makes an object per call cannot fill the memory. Seeded and restored objects are never noted,
 * so they are never dropped. Not synchronized: its store uses it under the store's own lock.
 */
public final class MadeAtRunTime<K> {
    private final int max;
    private final ArrayDeque<K> made = new ArrayDeque<>();

    public MadeAtRunTime(int max) {
        this.max = Math.max(1, max);
    }

    /** Notes a new object; past the bound hands the oldest one noted to {@code drop}. @return whether one was dropped */
    public boolean add(K key, Consumer<K> drop) {
        made.addLast(key);
        if (made.size() <= max) {
            return false;
        }
        drop.accept(made.removeFirst());
        return true;
    }

    /** Stops counting an object a client removed itself. */
    public void forget(K key) {
        made.removeFirstOccurrence(key);
    }

    public void clear() {
        made.clear();
    }
}
