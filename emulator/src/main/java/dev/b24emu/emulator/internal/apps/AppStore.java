package dev.b24emu.emulator.internal.apps;

import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The applications installed on one portal, with their tokens: the tokens live in the emulator-wide
 * {@link OAuthServer} (a token alone must lead to its portal), and this store forgets, exports and restores the
 * portal's share of them with the applications.
 */
public final class AppStore implements Store<AppStore.Snapshot> {
    private final String portalId;
    /** the portal's bound on tokens of each kind (--max-tokens), which a state file's tokens obey too */
    private final int maxTokens;
    private final OAuthServer oauth;
    /** maps client_id to the installed App */
    private final Map<String, App> byClientId = new ConcurrentHashMap<>();
    /** maps the application's portal ID (REST_APP_ID) to the App */
    private final Map<String, App> byAppKey = new ConcurrentHashMap<>();
    private final AtomicLong lastAppId = new AtomicLong();

    public AppStore(String portalId, int maxTokens, OAuthServer oauth) {
        this.portalId = portalId;
        this.maxTokens = maxTokens;
        this.oauth = oauth;
    }

    /** What state files keep: the applications and their live tokens. */
    public record Snapshot(List<App> apps, OAuthServer.PortalTokens tokens) {
    }

    public String nextAppKey() {
        return Long.toString(lastAppId.incrementAndGet());
    }

    public synchronized void put(App app) {
        byClientId.put(app.clientId(), app);
        byAppKey.put(app.appKey(), app);
    }

    public synchronized void remove(App app) {
        byClientId.remove(app.clientId());
        byAppKey.remove(app.appKey());
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

    @Override
    public Snapshot snapshot() {
        return new Snapshot(all(), oauth.tokensOf(portalId));
    }

    @Override
    public void check(Snapshot snapshot) {
        if (snapshot.apps() == null) {
            throw new StateException("/apps/apps: must be a list");
        }
        for (int i = 0; i < snapshot.apps().size(); i++) {
            App app = snapshot.apps().get(i);
            if (app == null || app.appKey() == null || !app.appKey().matches("[0-9]{1,18}") || app.clientId() == null
                    || app.scopes() == null) {
                throw new StateException("/apps/apps/" + i + ": an application needs a numeric appKey, a clientId and scopes");
            }
        }
        if (snapshot.tokens() != null) {
            snapshot.tokens().check("/apps/tokens");
            checkOwn("/apps/tokens/access/", snapshot.tokens().access());
            checkOwn("/apps/tokens/refresh/", snapshot.tokens().refresh());
        }
    }

    /** A token names one portal: a file whose tokens another portal holds is that portal's, not this one's. */
    private void checkOwn(String path, Map<String, OAuthServer.Grant> tokens) {
        if (tokens == null) {
            return;
        }
        tokens.keySet().forEach(token -> oauth.heldElsewhere(portalId, token).ifPresent(other -> {
            throw new StateException(path + token + ": portal " + other + " holds this token, and a token belongs to"
                    + " one portal: load the file's tokens into one portal only, or leave apps.tokens out");
        }));
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        snapshot.apps().forEach(this::put);
        lastAppId.set(snapshot.apps().stream().mapToLong(app -> Long.parseLong(app.appKey())).max().orElse(0));
        if (snapshot.tokens() != null) {
            oauth.restore(portalId, maxTokens, snapshot.tokens());
        }
    }

    /** Removes the applications and every token they were issued on this portal. */
    @Override
    public synchronized void clear() {
        byClientId.clear();
        byAppKey.clear();
        lastAppId.set(0);
        retire();
    }

    /** Forgets every token issued on this portal: a fresh store takes its place. */
    @Override
    public void retire() {
        oauth.forget(portalId);
    }
}
