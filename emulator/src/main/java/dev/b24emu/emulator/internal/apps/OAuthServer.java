package dev.b24emu.emulator.internal.apps;

import dev.b24emu.emulator.internal.portal.MadeAtRunTime;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.RandomHex;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The authorization server of every portal: issues access and refresh tokens, resolves an access token to its
 * grant, and renews a pair from a refresh token (once: a used refresh token is spent). Expiry is read on the
 * portal's clock, so moving a portal's time expires its tokens.
 * <p>
 * A token is looked up without knowing its portal, so the grants live in maps shared by all portals; what each
 * portal issued is also noted per portal ({@link Issued}), oldest first, which bounds it (D121: an application
 * renewing its pair in a loop kept every access token for its hour and more, about 170 bytes a renewal) and lets a
 * portal's reset, uninstall or revoke visit that portal's tokens only.
 */
public final class OAuthServer {
    public static final Duration ACCESS_LIFETIME = Duration.ofHours(1);
    public static final Duration REFRESH_LIFETIME = Duration.ofDays(180);

    /** What a token stands for: an application acting as a user on a portal, until a moment of that portal's clock. */
    public record Grant(String portalId, String clientId, long userId, Instant expiresAt) {
    }

    /** A freshly issued pair. */
    public record Tokens(String accessToken, String refreshToken, Instant expiresAt, long expiresIn) {
    }

    /** maps an access token to its grant */
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    /** maps an unused refresh token to its grant */
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    /**
     * maps portal/app/user to the newest pair whose access token alone was handed to event handlers (its refresh token
     * never leaves the emulator, so no receiver can spend it: D207), reused for a minute of the portal's time so a
     * burst of events does not mint a pair each
     */
    private final Map<String, Tokens> delivered = new ConcurrentHashMap<>();
    /** how long a delivered pair is handed out again: its lifetime then still reads as about an hour */
    private static final Duration DELIVERY_REUSE = Duration.ofMinutes(1);
    /** maps the access tokens of uninstalled applications to their grants: calls with them get APPLICATION_NOT_FOUND */
    private final Map<String, Grant> orphaned = new ConcurrentHashMap<>();
    /** maps revoked access tokens to their grants: calls with them get invalid_token, journaled on their portal */
    private final Map<String, Grant> revoked = new ConcurrentHashMap<>();
    /** maps an unexchanged authorization code to its grant (30 seconds on the portal's clock) */
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    /** maps an exchanged or expired code to its grant, so a second exchange is told apart from a made-up code */
    private final Map<String, Grant> spentCodes = new ConcurrentHashMap<>();

    /** maps a portal's ID to what it issued or restored */
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    /**
     * One portal's access tokens, refresh tokens and codes, oldest first, each kind at most --max-tokens: past it
     * the oldest of the kind is forgotten, and a call with it is answered as with a token never issued. An access
     * token stays counted while it is live, orphaned or revoked (each is remembered and answered), until forgotten.
     * Guarded by itself.
     */
    private static final class Issued {
        final MadeAtRunTime<String> access;
        final MadeAtRunTime<String> refresh;
        final MadeAtRunTime<String> codes;
        /**
         * the pairs minted for deliveries (a widget opening, an event), bounded apart: thousands of card openings
         * would otherwise push the pair the application was issued out of its bound, and its renewal then failed
         */
        final MadeAtRunTime<String> deliveredAccess;
        final MadeAtRunTime<String> deliveredRefresh;

        Issued(int max) {
            access = new MadeAtRunTime<>(max);
            refresh = new MadeAtRunTime<>(max);
            codes = new MadeAtRunTime<>(max);
            deliveredAccess = new MadeAtRunTime<>(max);
            deliveredRefresh = new MadeAtRunTime<>(max);
        }

        List<MadeAtRunTime<String>> accessKinds() {
            return List.of(access, deliveredAccess);
        }

        List<MadeAtRunTime<String>> refreshKinds() {
            return List.of(refresh, deliveredRefresh);
        }
    }

    /** "The lifetime of the authorization code code is 30 seconds" (settings/oauth/index.md). */
    public static final Duration CODE_LIFETIME = Duration.ofSeconds(30);

    /** A pair the application holds: issued at installation (its callback, ONAPPINSTALL) or by a code exchange. */
    public Tokens issue(Portal portal, App app, long userId) {
        return mint(portal, app, userId, false);
    }

    private Tokens mint(Portal portal, App app, long userId, boolean forDelivery) {
        Instant now = portal.now();
        Tokens tokens = new Tokens(RandomHex.of(16), RandomHex.of(16), now.plus(ACCESS_LIFETIME), ACCESS_LIFETIME.toSeconds());
        Issued mine = issuedBy(portal);
        synchronized (mine) {
            if (gone(portal, mine)) {
                return tokens; // a delivery's pair for a portal deleted meanwhile: known nowhere, so never accepted
            }
            accessTokens.put(tokens.accessToken(), new Grant(portal.id(), app.clientId(), userId, tokens.expiresAt()));
            refreshTokens.put(tokens.refreshToken(), new Grant(portal.id(), app.clientId(), userId,
                    now.plus(REFRESH_LIFETIME)));
            (forDelivery ? mine.deliveredAccess : mine.access).add(tokens.accessToken(), this::forgetAccess);
            (forDelivery ? mine.deliveredRefresh : mine.refresh).add(tokens.refreshToken(), refreshTokens::remove);
        }
        return tokens;
    }

    /**
     * Whether the portal was deleted, or its tokens forgotten, since {@code mine} was taken: a token issued then (an
     * event delivered while its portal was deleted) outlived the portal, and a portal made again with its ID accepted
     * it. Checked under {@code mine}'s lock, which {@link #forget} takes too.
     */
    private boolean gone(Portal portal, Issued mine) {
        return portal.deleted() || issued.get(portal.id()) != mine;
    }

    private Issued issuedBy(Portal portal) {
        return issuedBy(portal.id(), portal.bounds().tokens());
    }

    private Issued issuedBy(String portalId, int maxTokens) {
        return issued.computeIfAbsent(portalId, id -> new Issued(maxTokens));
    }

    /** An access token past the bound, or of a forgotten portal: live, orphaned or revoked, it is no longer known. */
    private void forgetAccess(String token) {
        accessTokens.remove(token);
        orphaned.remove(token);
        revoked.remove(token);
    }

    /**
     * A token pair for an outbound call (an event, a widget's opening): a pair of its own, as the portal asks the
     * authorization server for one per delivery (rest's Sender::getAuth, app.layout's Provider::get). It handed out
     * the pair the application held, and a widget renewing with its REFRESH_ID spent the backend's refresh token
     * (audit 61b). A delivery that hands out the refresh token (a widget's REFRESH_ID, an event D94 gives one) gets a
     * new pair every time; one that hands out the access token alone shares a pair for a minute, with the seconds it
     * has left as its expires_in. ONAPPINSTALL's pair, which the application keeps, is {@link #issue}'s (audit 61d).
     */
    public Tokens forDelivery(Portal portal, App app, long userId, boolean withRefreshToken) {
        if (withRefreshToken) {
            return mint(portal, app, userId, true);
        }
        String key = deliveryKey(portal, app, userId);
        Tokens last = delivered.get(key);
        Instant now = portal.now();
        if (last != null && last.expiresAt().isAfter(now.plus(ACCESS_LIFETIME).minus(DELIVERY_REUSE))
                && !last.expiresAt().isAfter(now.plus(ACCESS_LIFETIME)) // a clock moved back: not longer than an hour
                && accessTokens.containsKey(last.accessToken())) {
            long left = Duration.between(now, last.expiresAt()).toMillis();
            return new Tokens(last.accessToken(), last.refreshToken(), last.expiresAt(), (left + 999) / 1000);
        }
        Tokens fresh = mint(portal, app, userId, true);
        delivered.put(key, fresh);
        return fresh;
    }

    public Optional<Grant> access(String token) {
        return Optional.ofNullable(accessTokens.get(token));
    }

    /** The grant of an access token whose application was uninstalled since it was issued. */
    public Optional<Grant> orphaned(String token) {
        return Optional.ofNullable(orphaned.get(token));
    }

    /** The grant of an access token revoked since it was issued. */
    public Optional<Grant> revoked(String token) {
        return Optional.ofNullable(revoked.get(token));
    }

    /** An authorization code for the user's consent (step 1 of settings/oauth/index.md). */
    public String issueCode(Portal portal, App app, long userId) {
        String code = RandomHex.of(16);
        Issued mine = issuedBy(portal);
        synchronized (mine) {
            if (!gone(portal, mine)) {
                codes.put(code, new Grant(portal.id(), app.clientId(), userId, portal.now().plus(CODE_LIFETIME)));
                mine.codes.add(code, codes::remove);
            }
        }
        return code;
    }

    /** What exchanging a code found: its grant, or why there is none. */
    public enum CodeState { GOOD, SPENT, UNKNOWN }

    public record Exchange(CodeState state, Grant grant) {
    }

    /** Spends a code: good once within 30 seconds; a spent or expired code is told apart from one never issued. */
    public Exchange spendCode(String code, Portal portalOrNull) {
        Grant grant = code == null ? null : codes.remove(code);
        if (grant == null) {
            Grant spent = code == null ? null : spentCodes.get(code);
            return new Exchange(spent == null ? CodeState.UNKNOWN : CodeState.SPENT, spent);
        }
        noted(grant.portalId(), mine -> mine.codes.forget(code));
        spentCodes.put(code, grant);
        if (spentCodes.size() > 4096) {
            spentCodes.clear(); // a bound on memory; a forgotten spent code then reads as unknown, still refused
        }
        Portal portal = portalOrNull;
        boolean expired = portal != null && portal.now().isAfter(grant.expiresAt());
        return new Exchange(expired ? CodeState.SPENT : CodeState.GOOD, grant);
    }

    /** The grant a code stands for, without spending it (to find its portal and application). */
    public Optional<Grant> peekCode(String code) {
        Grant grant = code == null ? null : codes.get(code);
        return Optional.ofNullable(grant != null ? grant : code == null ? null : spentCodes.get(code));
    }

    /**
     * Uninstalling an application: its refresh tokens and codes die, its access tokens are kept aside so a call with
     * one is answered APPLICATION_NOT_FOUND, as the portal answers for an application it no longer has.
     */
    public void uninstalled(String portalId, String clientId) {
        noted(portalId, mine -> {
            moveAccess(mine, clientId, orphaned);
            mine.refreshKinds().forEach(kind -> forgetOfApp(kind, refreshTokens, clientId));
            forgetOfApp(mine.codes, codes, clientId);
        });
        delivered.keySet().removeIf(k -> k.startsWith(portalId + "/" + clientId + "/"));
    }

    /** A (re)installation forgets the orphaned tokens of the same client_id: they belong to the earlier installation. */
    void reinstalled(String portalId, String clientId) {
        noted(portalId, mine -> mine.accessKinds().forEach(kind -> forgetOfApp(kind, orphaned, clientId)));
    }

    /** Revokes every token of an application on a portal (the refresh token no longer renews: invalid_grant). */
    public int revoke(String portalId, String clientId) {
        int[] renewals = new int[1];
        noted(portalId, mine -> {
            mine.refreshKinds().forEach(kind -> renewals[0] += forgetOfApp(kind, refreshTokens, clientId));
            moveAccess(mine, clientId, revoked);
        });
        delivered.keySet().removeIf(k -> k.startsWith(portalId + "/" + clientId + "/"));
        return renewals[0];
    }

    /** Moves an application's live access tokens to {@code to} (orphaned or revoked); they stay counted. */
    private void moveAccess(Issued mine, String clientId, Map<String, Grant> to) {
        for (MadeAtRunTime<String> kind : mine.accessKinds()) {
            for (String token : kind.keys()) {
                Grant grant = accessTokens.get(token);
                if (grant != null && grant.clientId().equals(clientId) && accessTokens.remove(token, grant)) {
                    to.put(token, grant);
                }
            }
        }
    }

    /** Removes an application's entries of one kind from {@code grants} and from the portal's count. @return how many */
    private static int forgetOfApp(MadeAtRunTime<String> kind, Map<String, Grant> grants, String clientId) {
        int removed = 0;
        for (String token : kind.keys()) {
            Grant grant = grants.get(token);
            if (grant != null && grant.clientId().equals(clientId) && grants.remove(token, grant)) {
                kind.forget(token);
                removed++;
            }
        }
        return removed;
    }

    /** Runs {@code change} on what the portal issued, under its lock; nothing when it issued nothing. */
    private void noted(String portalId, Consumer<Issued> change) {
        Issued mine = issued.get(portalId);
        if (mine != null) {
            synchronized (mine) {
                change.accept(mine);
            }
        }
    }

    /**
     * Renews a pair with its refresh token, which is spent: empty when it is unknown, used or expired on its portal's
     * clock. A delivered pair's renewal is counted with the delivered ones, the application's with its own (a widget
     * renewing in a loop pushed the application's pair out: audit 61e).
     */
    public Optional<Tokens> renew(String token, Portal portal, App app) {
        Grant grant = refreshTokens.get(token);
        if (grant == null || !grant.portalId().equals(portal.id()) || portal.now().isAfter(grant.expiresAt())) {
            return Optional.empty();
        }
        if (!refreshTokens.remove(token, grant)) {
            return Optional.empty();
        }
        boolean[] delivered = new boolean[1];
        noted(portal.id(), mine -> {
            delivered[0] = mine.deliveredRefresh.contains(token);
            mine.refreshKinds().forEach(kind -> kind.forget(token));
        });
        return Optional.of(mint(portal, app, grant.userId(), delivered[0]));
    }

    public Optional<Grant> peekRefresh(String token) {
        return Optional.ofNullable(refreshTokens.get(token));
    }

    /**
     * A portal's live grants, for state files: maps access tokens and refresh tokens to their grants, the
     * application's and those minted for deliveries apart (D207: restored together, deliveries pushed the
     * application's pair out of its bound; a file saved before has none of the latter).
     */
    public record PortalTokens(Map<String, Grant> access, Map<String, Grant> refresh,
                               Map<String, Grant> deliveredAccess, Map<String, Grant> deliveredRefresh) {
        /** A state file's tokens: each a 32-hex token with a whole grant. */
        void check(String path) {
            for (var side : Map.of("access", orNone(access), "refresh", orNone(refresh),
                    "deliveredAccess", orNone(deliveredAccess), "deliveredRefresh", orNone(deliveredRefresh)).entrySet()) {
                side.getValue().forEach((token, grant) -> {
                    if (token == null || !token.matches("[0-9a-f]{32}") || grant == null || grant.clientId() == null
                            || grant.expiresAt() == null) {
                        throw new dev.b24emu.emulator.internal.portal.StateException(path + "/" + side.getKey()
                                + ": a token must be 32 hex digits with a grant (clientId, userId, expiresAt)");
                    }
                });
            }
        }
    }

    private static Map<String, Grant> orNone(Map<String, Grant> grants) {
        return grants == null ? Map.of() : grants;
    }

    public PortalTokens tokensOf(String portalId) {
        Map<String, Grant> access = new java.util.HashMap<>();
        Map<String, Grant> refresh = new java.util.HashMap<>();
        Map<String, Grant> deliveredAccess = new java.util.HashMap<>();
        Map<String, Grant> deliveredRefresh = new java.util.HashMap<>();
        noted(portalId, mine -> {
            copy(mine.access, accessTokens, access);
            copy(mine.refresh, refreshTokens, refresh);
            copy(mine.deliveredAccess, accessTokens, deliveredAccess);
            copy(mine.deliveredRefresh, refreshTokens, deliveredRefresh);
        });
        return new PortalTokens(access, refresh, deliveredAccess, deliveredRefresh);
    }

    private static void copy(MadeAtRunTime<String> kind, Map<String, Grant> grants, Map<String, Grant> into) {
        for (String token : kind.keys()) {
            Grant grant = grants.get(token);
            if (grant != null) {
                into.put(token, grant);
            }
        }
    }

    /** A state file's tokens replace the portal's; they are counted like issued ones (oldest expiring first). */
    public void restore(String portalId, int maxTokens, PortalTokens tokens) {
        forget(portalId);
        if (tokens.access() == null || tokens.refresh() == null) {
            return;
        }
        Issued mine = issuedBy(portalId, maxTokens);
        synchronized (mine) {
            restore(portalId, tokens.access(), accessTokens, mine.access, this::forgetAccess);
            restore(portalId, tokens.refresh(), refreshTokens, mine.refresh, refreshTokens::remove);
            restore(portalId, orNone(tokens.deliveredAccess()), accessTokens, mine.deliveredAccess, this::forgetAccess);
            restore(portalId, orNone(tokens.deliveredRefresh()), refreshTokens, mine.deliveredRefresh,
                    refreshTokens::remove);
        }
    }

    /**
     * Claims each saved token for the portal, unless another portal holds it: a token names its portal (an
     * application calls /rest/ with the token alone), so the same file loaded into a second portal took the first
     * one's tokens over, and its application then read and wrote the second portal. {@link #heldElsewhere} refuses
     * such a file before; this keeps two loads at once from taking one token both.
     */
    private static void restore(String portalId, Map<String, Grant> saved, Map<String, Grant> grants,
                                MadeAtRunTime<String> kind, Consumer<String> forget) {
        saved.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.comparing(Grant::expiresAt)))
                .forEach(entry -> {
                    Grant grant = entry.getValue();
                    Grant mine = new Grant(portalId, grant.clientId(), grant.userId(), grant.expiresAt());
                    Grant held = grants.compute(entry.getKey(),
                            (token, old) -> old == null || old.portalId().equals(portalId) ? mine : old);
                    if (held == mine) {
                        kind.add(entry.getKey(), forget);
                    }
                });
    }

    /** The portal other than {@code portalId} that holds a token (live, orphaned or revoked, or a refresh token). */
    public Optional<String> heldElsewhere(String portalId, String token) {
        for (Map<String, Grant> grants : List.of(accessTokens, refreshTokens, orphaned, revoked)) {
            Grant grant = grants.get(token);
            if (grant != null && !grant.portalId().equals(portalId)) {
                return Optional.of(grant.portalId());
            }
        }
        return Optional.empty();
    }

    /** Forgets every token and code of a portal (reset, delete). */
    public void forget(String portalId) {
        Issued mine = issued.remove(portalId);
        if (mine != null) {
            synchronized (mine) {
                mine.accessKinds().forEach(kind -> kind.keys().forEach(this::forgetAccess));
                mine.refreshKinds().forEach(kind -> kind.keys().forEach(refreshTokens::remove));
                mine.codes.keys().forEach(codes::remove);
            }
        }
        delivered.keySet().removeIf(k -> k.startsWith(portalId + "/"));
    }

    private static String deliveryKey(Portal portal, App app, long userId) {
        return portal.id() + "/" + app.clientId() + "/" + userId;
    }
}
