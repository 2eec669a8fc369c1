package dev.b24emu.emulator.internal.portal;

import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.transport.Endpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * All portals of one emulator, and the webhook tokens that lead to them. Portals are told apart by their tokens,
 * never by a path prefix, so every real client's URL handling works unchanged. Each portal gets one store of every
 * {@link StoreType} the areas declare, and reads its seed in the {@link SeedFormat} the areas make up.
 */
public final class PortalRegistry {
    public static final String DEFAULT_ID = "default";
    /** The default portal's webhook token on a loopback address unless another is given: known to everyone. */
    public static final String DEMO_TOKEN = "demo-token";
    /** portals made at run time kept unless told otherwise (--max-portals) */
    public static final int DEFAULT_MAX_PORTALS = 1000;
    /** Scopes a webhook gets unless its portal was created with others. */
    public static final Set<String> ALL_SCOPES = Set.of("telephony", "crm", "user", "placement", "call", "timeman",
            "department", "im", "disk", "task", "lists", "calendar", "catalog");
    private static final Pattern PORTAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** a DNS name of two or more labels, no IP literal (a portal's domain goes into certificates and URLs) */
    private static final Pattern DOMAIN = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.portals");

    /** maps portal ID to Portal */
    private final Map<String, Portal> portals = new ConcurrentHashMap<>();
    /** maps an incoming webhook token to its Portal */
    private final Map<String, Portal> byWebhookToken = new ConcurrentHashMap<>();
    /**
     * maps a portal's domain (its own, or {@code <id>.bitrix24.test}) to the Portal: every REST call that reaches the
     * emulator at a host name (a container's service name) asks for it, and a scan of 1,000 portals made each such
     * call two and a half times slower
     */
    private final Map<String, Portal> byDomain = new ConcurrentHashMap<>();
    /** the emulator-wide clock every portal's clock is built on */
    private final EmulatorClock clock;
    private final Portal.Bounds bounds;
    /** how many portals made at run time it keeps (--max-portals, D119); past it the least recently used one goes */
    private final int maxMadeAtRunTime;
    /** the IDs of the portals made at run time (control API, embedding API), guarded by this registry's monitor */
    private final Set<String> madeAtRunTime = new LinkedHashSet<>();
    /**
     * counts the lookups that named a portal other than the last one named: each portal notes its last (LRU). From 1,
     * so that a new portal's 0 differs from it and its first use is noted
     */
    private final AtomicLong uses = new AtomicLong(1);
    /** whether the bound's one warning was logged */
    private boolean warned;
    /**
     * maps the webhook tokens of the portals deleted last (at most {@link #GONE_KEPT}) to how each went, for the
     * refusal of their next calls: a suite whose portal was evicted or reset away got 401 "Wrong authorization data",
     * alike for a mistyped token (audit 50e); guarded by this registry's monitor
     */
    private final Map<String, String> gone = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > GONE_KEPT;
        }
    };
    private static final int GONE_KEPT = 1000;
    /** the stores every portal gets and the seed format, once the areas have declared them */
    private volatile List<StoreType<?>> storeTypes;
    private volatile SeedFormat seeds;
    /** the user a portal's webhook acts as when none is named: the seed's first user (the users area knows it) */
    private volatile ToLongFunction<Portal> defaultWebhookUser = portal -> 1;
    /** what else a reset of every portal empties: the emulator-wide state no portal owns (the no-portal journal) */
    private final List<Runnable> onResetAll = new CopyOnWriteArrayList<>();

    public PortalRegistry(EmulatorClock clock, Portal.Bounds bounds, int maxMadeAtRunTime) {
        this.clock = clock;
        this.bounds = bounds;
        this.maxMadeAtRunTime = Math.max(1, maxMadeAtRunTime);
    }

    /**
     * What every portal is made of: the stores of the areas, and the seed format their sections make up. Called once,
     * after the areas are assembled (they hold this registry) and before the first portal is created.
     */
    public synchronized void define(List<StoreType<?>> stores, SeedFormat format, ToLongFunction<Portal> webhookUser) {
        this.defaultWebhookUser = webhookUser;
        if (storeTypes != null) {
            throw new IllegalStateException("The portals' stores are already defined");
        }
        this.storeTypes = List.copyOf(stores);
        this.seeds = format;
    }

    /**
     * What a new portal is made of; null fields take defaults (random ID and token, the seed's first user, all scopes,
     * no domain of its own).
     */
    public record PortalSpec(String id, Long webhookUserId, String webhookToken, Set<String> scopes, PortalSeed seed,
                             String domain) {
        public PortalSpec(String id, Long webhookUserId, String webhookToken, Set<String> scopes, PortalSeed seed) {
            this(id, webhookUserId, webhookToken, scopes, seed, null);
        }
    }

    /** Creates a portal; a bad or taken ID or token is an IllegalArgumentException naming it. */
    public synchronized Portal create(PortalSpec spec) {
        if (storeTypes == null) {
            throw new IllegalStateException("define() the portals' stores before creating a portal");
        }
        String id = spec.id() == null ? "p-" + RandomHex.of(6) : spec.id();
        if (!PORTAL_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Portal id must be 1-64 letters, digits, '_' or '-', starting with a letter or digit");
        }
        if (portals.containsKey(id)) {
            throw new IllegalArgumentException("Portal already exists: " + id);
        }
        String token = spec.webhookToken() == null ? RandomHex.of(8) : spec.webhookToken();
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("Webhook token must be 1-64 letters, digits, '_' or '-'");
        }
        if (byWebhookToken.containsKey(token)) {
            throw new IllegalArgumentException("Webhook token is already used by another portal");
        }
        String domain = spec.domain() == null ? null : spec.domain().toLowerCase(Locale.ROOT);
        if (domain != null && !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("Portal domain must be a host name such as acme.bitrix24.ru");
        }
        if (domain != null && (Endpoints.OAUTH_HOSTS.contains(domain) || byDomain(domain).isPresent())) {
            throw new IllegalArgumentException("Portal domain is already used: " + domain);
        }
        PortalSeed seed = spec.seed() == null ? seeds.empty() : spec.seed();
        Set<String> scopes = spec.scopes() == null ? ALL_SCOPES : spec.scopes();
        Portal portal = new Portal(id, new Webhook(spec.webhookUserId() == null ? 1 : spec.webhookUserId(), token, scopes),
                new EmulatorClock(clock), seed, bounds, storeTypes);
        if (spec.webhookUserId() == null) {
            portal.webhook(new Webhook(defaultWebhookUser.applyAsLong(portal), token, scopes));
        }
        portal.namedDomain(domain);
        portals.put(id, portal);
        byWebhookToken.put(token, portal);
        byDomain.putIfAbsent(portal.domain(), portal); // a derived name another portal took as its own stays theirs
        return portal;
    }

    /**
     * Creates a portal while the emulator runs (control API, embedding API). A suite that makes a portal per test and
     * never deletes one would otherwise fill the memory (an empty portal is about 8 KB, and the launcher's heap was
     * full after 24,000 of them); past the bound the portal made at run time that was used least recently is deleted,
     * as DELETE would (D119). The portals made at start (the default one, a state file's) never count.
     */
    public synchronized Portal createAtRunTime(PortalSpec spec) {
        if (spec.domain() == null && spec.id() != null) {
            // ids told apart by case or '_' alone would share <id>.bitrix24.test, where the consent page and the
            // proxy find a portal by its name (audit 50e); a state file's pair, older than this rule, still loads
            String derived = Portal.derivedDomain(spec.id());
            Portal holder = byDomain.get(derived);
            if (holder != null && !holder.id().equals(spec.id())) {
                throw new IllegalArgumentException("Portal id " + spec.id() + " would share the domain " + derived
                        + " with portal " + holder.id() + ": ids must differ in more than case and '_' / '-'");
            }
        }
        Portal portal = create(spec);
        portal.used(uses);
        madeAtRunTime.add(portal.id());
        if (madeAtRunTime.size() > maxMadeAtRunTime) {
            String leastRecent = deleteLeastRecentlyUsed(1).get(0);
            if (!warned) {
                warned = true;
                LOG.warn("{} portals made while the emulator runs (--max-portals): each new one now deletes the one"
                        + " used least recently ({} first)", maxMadeAtRunTime, leastRecent);
            }
        }
        return portal;
    }

    /**
     * Deletes up to {@code count} portals made at run time, those a request named least recently first, as DELETE
     * would; the one used most recently is kept (D119, D123).
     *
     * @return the IDs deleted, least recently used first
     */
    public synchronized List<String> deleteLeastRecentlyUsed(int count) {
        List<String> byUse = madeAtRunTime.stream().map(portals::get)
                .sorted(Comparator.comparingLong(Portal::lastUse)).map(Portal::id).toList();
        List<String> deleted = byUse.subList(0, Math.max(0, Math.min(count, byUse.size() - 1)));
        deleted.forEach(id -> delete(id, "deleted to make room (the least recently used of the portals made while the"
                + " emulator runs: --max-portals, or the heap guard)"));
        return deleted;
    }

    /** How many portals made at run time there are (the default portal and a state file's are not). */
    public synchronized int madeAtRunTime() {
        return madeAtRunTime.size();
    }

    public SeedFormat seeds() {
        return seeds;
    }

    /** The portal of an ID; like every lookup below, it counts as a use of the portal (D119's least recently used). */
    public Optional<Portal> get(String id) {
        return Optional.ofNullable(used(portals.get(id)));
    }

    private Portal used(Portal portal) {
        if (portal != null) {
            portal.used(uses);
        }
        return portal;
    }

    public Portal require(String id) {
        return get(id).orElseThrow(() -> new PortalNotFound(id));
    }

    /**
     * Gives a portal the webhook token a state file saved for it (the default portal of a restart with no token
     * configured: a random one was made before the file was read, and the integration's URL stopped working).
     */
    public synchronized void adoptWebhookToken(Portal portal, String token) {
        if (token == null || token.equals(portal.webhook().token()) || !TOKEN.matcher(token).matches()) {
            return;
        }
        Portal holder = byWebhookToken.get(token);
        if (holder != null && holder != portal) {
            throw new IllegalArgumentException("Webhook token is already used by portal " + holder.id());
        }
        byWebhookToken.remove(portal.webhook().token());
        Webhook now = portal.webhook();
        portal.webhook(new Webhook(now.userId(), token, now.scopes()));
        byWebhookToken.put(token, portal);
    }

    public Optional<Portal> byWebhookToken(String token) {
        return Optional.ofNullable(token == null ? null : used(byWebhookToken.get(token)));
    }

    /** The portal the proxy answers for under a host name (its own domain, or {@code <id>.bitrix24.test}). */
    public Optional<Portal> byDomain(String host) {
        return Optional.ofNullable(used(byDomain.get(host.toLowerCase(Locale.ROOT))));
    }

    /** Whether the proxy answers for a host name: the authorization server, or a portal's domain. */
    public boolean answersFor(String host) {
        return Endpoints.OAUTH_HOSTS.stream().anyMatch(host::equalsIgnoreCase) || byDomain(host).isPresent();
    }

    public Collection<Portal> all() {
        return portals.values().stream().sorted(Comparator.comparing(Portal::id)).toList();
    }

    /** Runs the action on every {@link #resetAll}, after the portals are reset. */
    public void onResetAll(Runnable action) {
        onResetAll.add(action);
    }

    /** Every portal back to its seed; portals created after start are removed. */
    public synchronized void resetAll() {
        for (Portal portal : List.copyOf(portals.values())) {
            if (portal.id().equals(DEFAULT_ID)) {
                portal.resetToSeed();
            } else {
                delete(portal.id(), "deleted by POST /_emulator/reset");
            }
        }
        clock.reset();
        onResetAll.forEach(Runnable::run);
    }

    /** Removes a portal; its stores are emptied, so nothing of it (tokens included) outlives it. */
    public synchronized void delete(String id) {
        delete(id, "deleted (DELETE /_emulator/portals/" + id + ")");
    }

    /** As above, noting how it went for the refusals of its webhook's next calls. */
    private void delete(String id, String how) {
        Portal portal = require(id);
        gone.put(portal.webhook().token(), "portal '" + id + "', " + how + " at " + clock.instant());
        portals.remove(id);
        madeAtRunTime.remove(id);
        byWebhookToken.remove(portal.webhook().token());
        byDomain.remove(portal.domain(), portal);
        portal.delete();
    }

    /** How the portal whose webhook token this was went, if it is one of the last deleted. */
    public synchronized Optional<String> goneWith(String webhookToken) {
        return Optional.ofNullable(gone.get(webhookToken));
    }

    public EmulatorClock clock() {
        return clock;
    }

}
