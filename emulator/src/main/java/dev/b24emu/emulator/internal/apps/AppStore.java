package dev.b24emu.emulator.internal.apps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The applications installed on one portal. */
public final class AppStore {
    /** maps client_id to the installed App */
    private final Map<String, App> byClientId = new ConcurrentHashMap<>();
    /** maps the application's portal ID (REST_APP_ID) to the App */
    private final Map<String, App> byAppKey = new ConcurrentHashMap<>();
    private final AtomicLong lastAppId = new AtomicLong();

    public String nextAppKey() {
        return Long.toString(lastAppId.incrementAndGet());
    }

    public synchronized void put(App app) {
        byClientId.put(app.clientId(), app);
        byAppKey.put(app.appKey(), app);
    }

    public Optional<App> byClientId(String clientId) {
        return Optional.ofNullable(byClientId.get(clientId));
    }

    public Optional<App> byAppKey(String appKey) {
        return appKey == null ? Optional.empty() : Optional.ofNullable(byAppKey.get(appKey));
    }

    public List<App> all() {
        List<App> apps = new ArrayList<>(byAppKey.values());
        apps.sort(Comparator.comparingLong(app -> Long.parseLong(app.appKey())));
        return apps;
    }

    public synchronized void restore(List<App> apps) {
        clear();
        apps.forEach(this::put);
        lastAppId.set(apps.stream().mapToLong(app -> Long.parseLong(app.appKey())).max().orElse(0));
    }

    public synchronized void clear() {
        byClientId.clear();
        byAppKey.clear();
        lastAppId.set(0);
    }
}
