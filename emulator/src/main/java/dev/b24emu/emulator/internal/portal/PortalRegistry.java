package dev.b24emu.emulator.internal.portal;

import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.apps.OAuthServer;
import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.transport.Authenticator;
import dev.b24emu.emulator.internal.transport.Caller;
import dev.b24emu.emulator.internal.transport.RestError;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * All portals of one emulator, and the credentials that lead to them. Portals are told apart by their
 * tokens, never by a path prefix, so every real client's URL handling works unchanged.
 */
public final class PortalRegistry implements Authenticator {
    public static final String DEFAULT_ID = "default";
    /** Scopes a webhook gets unless its portal was created with others. */
    public static final Set<String> ALL_SCOPES = Set.of("telephony", "crm", "user", "placement", "call", "timeman");
    private static final Pattern PORTAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** maps portal ID to Portal */
    private final Map<String, Portal> portals = new ConcurrentHashMap<>();
    /** maps an incoming webhook token to its Portal */
    private final Map<String, Portal> byWebhookToken = new ConcurrentHashMap<>();
    /** the emulator-wide clock every portal's clock is built on */
    private final EmulatorClock clock;
    /** the tokens of every installed application */
    private final OAuthServer oauth = new OAuthServer();
    private final Portal.Limits limits;

    public PortalRegistry(EmulatorClock clock, Portal.Limits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    public OAuthServer oauth() {
        return oauth;
    }

    /** One portal back to its seed, its applications' tokens revoked. */
    public void reset(Portal portal) {
        portal.resetToSeed();
        oauth.forget(portal.id());
    }

    /** What a new portal is made of; null fields take defaults (random ID and token, user 1, all scopes). */
    public record PortalSpec(String id, Long webhookUserId, String webhookToken, Set<String> scopes, PortalSeed seed) {
    }

    public synchronized Portal create(PortalSpec spec) {
        String id = spec.id() == null ? "p-" + randomHex(6) : spec.id();
        if (!PORTAL_ID.matcher(id).matches()) {
            throw RestError.of("ERROR_ARGUMENT", "Portal id must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (portals.containsKey(id)) {
            throw RestError.of("ERROR_ARGUMENT", "Portal already exists: " + id);
        }
        String token = spec.webhookToken() == null ? randomHex(8) : spec.webhookToken();
        if (!token.matches("[A-Za-z0-9_-]{1,64}")) {
            throw RestError.of("ERROR_ARGUMENT", "Webhook token must be 1-64 letters, digits, '_' or '-'");
        }
        if (byWebhookToken.containsKey(token)) {
            throw RestError.of("ERROR_ARGUMENT", "Webhook token is already used by another portal");
        }
        PortalSeed seed = spec.seed() == null ? PortalSeed.empty() : spec.seed();
        long userId = spec.webhookUserId() == null ? seed.users().get(0).id() : spec.webhookUserId();
        Set<String> scopes = spec.scopes() == null ? ALL_SCOPES : spec.scopes();
        Portal portal = new Portal(id, new Webhook(userId, token, scopes), new EmulatorClock(clock), seed, limits);
        portals.put(id, portal);
        byWebhookToken.put(token, portal);
        return portal;
    }

    public Optional<Portal> get(String id) {
        return Optional.ofNullable(portals.get(id));
    }

    public Portal require(String id) {
        return get(id).orElseThrow(() -> new RestError(404, "PORTAL_NOT_FOUND", "No portal with id " + id));
    }

    public Collection<Portal> all() {
        return portals.values().stream().sorted(Comparator.comparing(Portal::id)).toList();
    }

    /** Every portal back to its seed; portals created after start are removed. */
    public synchronized void resetAll() {
        for (Portal portal : List.copyOf(portals.values())) {
            if (portal.id().equals(DEFAULT_ID)) {
                reset(portal);
            } else {
                delete(portal.id());
            }
        }
        clock.reset();
    }

    public synchronized void delete(String id) {
        Portal portal = require(id);
        portals.remove(id);
        byWebhookToken.remove(portal.webhook().token());
        oauth.forget(id);
    }

    public EmulatorClock clock() {
        return clock;
    }

    @Override
    public Caller webhook(String userId, String token) {
        Portal portal = byWebhookToken.get(token);
        if (portal == null || !Long.toString(portal.webhook().userId()).equals(userId)) {
            throw RestError.noAuthFound();
        }
        return new Caller(portal, portal.webhook().userId(), Caller.AuthType.WEBHOOK, "", null,
                Caller.fingerprint(token), portal.webhook().scopes());
    }

    @Override
    public Caller oauth(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw RestError.noAuthFound();
        }
        OAuthServer.Grant grant = oauth.access(accessToken).orElseThrow(RestError::invalidToken);
        Portal portal = get(grant.portalId()).orElseThrow(RestError::invalidToken);
        App app = portal.apps().byClientId(grant.clientId()).orElseThrow(RestError::invalidToken);
        Caller caller = new Caller(portal, grant.userId(), Caller.AuthType.OAUTH, app.appKey(), app.clientId(),
                Caller.fingerprint(accessToken), app.scopes());
        if (portal.now().isAfter(grant.expiresAt())) {
            // journaled on its portal: a client's reaction to expiry (refresh, retry) is what conformance checks read
            throw RestError.expiredToken().rejecting(caller);
        }
        return caller;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }
}
