package dev.b24emu.emulator.internal.apps;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings applications keep on one portal with app.option.set and user.option.set: the rest module's option
 * "options_&lt;client_id&gt;" and each user's "app_options" for it. Kept by client_id, as the server keeps them, so an
 * application installed again finds its settings. State files keep them.
 */
public final class AppOptionStore implements Store<AppOptionStore.Snapshot> {
    /** maps client_id to the application's options (guarded by this) */
    private final Map<String, ObjectNode> appOptions = new TreeMap<>();
    /** maps client_id to user ID to that user's options for the application (guarded by this) */
    private final Map<String, Map<Long, ObjectNode>> userOptions = new TreeMap<>();

    /** What state files keep: each application's options, and its users'. */
    public record Snapshot(Map<String, ObjectNode> apps, Map<String, Map<Long, ObjectNode>> users) {
    }

    /** The application's options (a copy; empty when it has none). */
    public synchronized ObjectNode app(String clientId) {
        return copy(appOptions.get(clientId));
    }

    /** A user's options for the application (a copy; empty when none). */
    public synchronized ObjectNode user(String clientId, long userId) {
        return copy(userOptions.getOrDefault(clientId, Map.of()).get(userId));
    }

    /** Writes the given options over the application's: a new key is added, an existing one replaced. */
    public synchronized void setApp(String clientId, ObjectNode options) {
        appOptions.put(clientId, merged(appOptions.get(clientId), options));
    }

    /** Writes the given options over the user's, as {@link #setApp} does. */
    public synchronized void setUser(String clientId, long userId, ObjectNode options) {
        Map<Long, ObjectNode> users = userOptions.computeIfAbsent(clientId, id -> new TreeMap<>());
        users.put(userId, merged(users.get(userId), options));
    }

    private static ObjectNode merged(ObjectNode held, ObjectNode options) {
        ObjectNode merged = copy(held);
        options.fields().forEachRemaining(option -> merged.set(option.getKey(), option.getValue().deepCopy()));
        return merged;
    }

    private static ObjectNode copy(ObjectNode options) {
        return options == null ? JsonNodeFactory.instance.objectNode() : options.deepCopy();
    }

    @Override
    public synchronized Snapshot snapshot() {
        Map<String, Map<Long, ObjectNode>> users = new LinkedHashMap<>();
        userOptions.forEach((clientId, byUser) -> users.put(clientId, new TreeMap<>(byUser)));
        return new Snapshot(new LinkedHashMap<>(appOptions), users);
    }

    @Override
    public void check(Snapshot snapshot) {
        if (snapshot.apps() != null && snapshot.apps().values().stream().anyMatch(o -> o == null)) {
            throw new StateException("/appOptions/apps: each application's options must be an object");
        }
        if (snapshot.users() != null && snapshot.users().values().stream()
                .anyMatch(byUser -> byUser == null || byUser.values().stream().anyMatch(o -> o == null))) {
            throw new StateException("/appOptions/users: each user's options must be an object");
        }
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        Optional.ofNullable(snapshot.apps()).ifPresent(apps -> apps.forEach(this::setApp));
        Optional.ofNullable(snapshot.users()).ifPresent(users -> users.forEach((clientId, byUser) ->
                byUser.forEach((userId, options) -> setUser(clientId, userId, options))));
    }

    @Override
    public synchronized void clear() {
        appOptions.clear();
        userOptions.clear();
    }

    /**
     * Every option an application and its users hold, one text per option, less those a write for {@code owner} (a
     * user ID, or null for the application's own) replaces: what the bound on configuration weighs (a loop of
     * user.option.set for ever new users or keys would otherwise fill the heap), so that changing a setting at the
     * bound is not refused.
     */
    public synchronized List<String> held(String clientId, Long owner, Set<String> replaced) {
        List<String> held = new ArrayList<>();
        Map<Long, ObjectNode> users = userOptions.getOrDefault(clientId, Map.of());
        users.forEach((userId, options) -> weigh(options, userId.equals(owner) ? replaced : Set.of(), held));
        weigh(appOptions.get(clientId), owner == null ? replaced : Set.of(), held);
        return held;
    }

    private static void weigh(ObjectNode options, Set<String> replaced, List<String> held) {
        if (options != null) {
            options.fields().forEachRemaining(option -> {
                if (!replaced.contains(option.getKey())) {
                    held.add(option.getKey() + option.getValue());
                }
            });
        }
    }
}
