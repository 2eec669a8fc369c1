package dev.b24emu.emulator.internal.portal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/** A state document (PUT …/state, --state-file) that cannot be restored: the message names the path of the bad value. */
public final class StateException extends RuntimeException {
    /**
     * Checks a list of a state file: present, each item whole ({@code whole}, else "{path}/{i}: {needs}") and its ID
     * unique ("{path}/{i}/{idField}: {id} appears twice").
     */
    public static <T> void checkItems(String path, List<T> items, Predicate<T> whole,
                                      String needs, String idField, ToLongFunction<T> id) {
        if (items == null) {
            throw new StateException(path + ": must be a list");
        }
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            if (item == null || !whole.test(item)) {
                throw new StateException(path + "/" + i + ": " + needs);
            }
            if (!ids.add(id.applyAsLong(item))) {
                throw new StateException(path + "/" + i + "/" + idField + ": " + id.applyAsLong(item) + " appears twice");
            }
        }
    }

    public StateException(String message) {
        super(message, null, false, false);
    }
}
