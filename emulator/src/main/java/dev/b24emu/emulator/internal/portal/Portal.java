package dev.b24emu.emulator.internal.portal;

import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.transport.Endpoints;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One isolated Bitrix24 portal: its own webhook, clock offset, settings, and one store per area. The portal owns its
 * stores without knowing them: it makes them from their {@link StoreType}s, clears and re-seeds them on reset, and
 * state files export and restore them by name. Nothing is shared with another portal.
 */
public final class Portal {
    /** the suffix of the host name every portal is reachable at through the proxy, unless created with a domain */
    public static final String DERIVED_DOMAIN = ".bitrix24.test";
    private final String id;
    private final String memberId;
    private volatile Webhook webhook;
    /** the Bitrix24 domain it was created with (acme.bitrix24.ru), announced in every token and delivery; or null */
    private volatile String domain;
    private final EmulatorClock clock;
    private final PortalSeed seed;
    private final Bounds bounds;
    private volatile PortalSettings settings;
    /** how each store is made, in the order of the areas (the order they are seeded in) */
    private final List<StoreType<?>> storeTypes;
    /** the stores in use; a reset or a restore fills a new set and puts it here whole */
    private volatile StoreSet stores;
    /**
     * the set a reset or a restore is filling, or null: the thread filling it holds {@link #writeLock} and reads it
     * through {@link #store} (a seed reads the users it just seeded), every other thread the set in use
     */
    private volatile StoreSet filling;
    /**
     * serialises the read-check-write sequences (register, finish) that must see one consistent state. A monitor,
     * not a ReentrantLock: the sections are a few microseconds of memory work, and a monitor spins that long before
     * it parks, where the lock parks at once. Under register load from two event loops on one portal, the event loops
     * made a ninth of the futex calls (sleeps and wakes, each a system call) they made with the lock
     */
    private final Object writeLock = new Object();
    private volatile boolean deleted;
    /**
     * the registry's use count when a request last named this portal ({@link PortalRegistry}): which portal made at
     * run time was used least recently, without a clock reading per request
     */
    private volatile long lastUse;
    /**
     * how many changes the control API has made to it (a call started, a card closed, the clock moved): the
     * dashboard's live stream watches this beside the journals, which only REST requests and deliveries grow
     */
    private final java.util.concurrent.atomic.AtomicLong controlChanges = new java.util.concurrent.atomic.AtomicLong();

    /** How much history a portal keeps, so memory stays flat however long the emulator runs. */
    public record Bounds(int journalEntries, int finishedCalls, int openCalls, int callMegabytes, int crmObjects,
                         int crmMegabytes, int configObjects, int tokens) {
        public static Bounds defaults() {
            return new Bounds(1000, 10_000, 20_000, 64, 20_000, 64, 1000, 10_000);
        }

        /** What the texts of a portal's kept calls may weigh, in bytes (D122). */
        public long callTextBytes() {
            return callMegabytes * 1024L * 1024L;
        }
    }

    public Portal(String id, Webhook webhook, EmulatorClock clock, PortalSeed seed, Bounds bounds,
                  List<StoreType<?>> storeTypes) {
        this.id = id;
        this.memberId = memberIdOf(id, webhook.token());
        this.webhook = webhook;
        this.clock = clock;
        this.seed = seed;
        this.bounds = bounds;
        this.settings = seed.settings();
        this.storeTypes = List.copyOf(storeTypes);
        resetToSeed();
    }

    /** One store of each area: by class for the areas, by name for state files. */
    private record StoreSet(Map<Class<?>, Store<?>> byType, Map<String, Store<?>> byName) {
    }

    private StoreSet newStores() {
        Map<Class<?>, Store<?>> byType = new LinkedHashMap<>();
        Map<String, Store<?>> byName = new LinkedHashMap<>();
        for (StoreType<?> type : storeTypes) {
            Store<?> store = type.factory().apply(this);
            byType.put(type.type(), store);
            byName.put(type.name(), store);
        }
        return new StoreSet(byType, Collections.unmodifiableMap(byName));
    }

    /** The set this thread sees: the one it is filling, if it is the thread filling one. */
    private StoreSet current() {
        StoreSet next = filling;
        return next != null && Thread.holdsLock(writeLock) ? next : stores;
    }

    /** The store of one area. */
    public <T> T store(Class<T> type) {
        Store<?> store = current().byType().get(type);
        if (store == null) {
            throw new IllegalArgumentException("No store " + type.getSimpleName() + " on portal " + id);
        }
        return type.cast(store);
    }

    /** Every store with its name, in area order. */
    public Map<String, Store<?>> stores() {
        return current().byName();
    }

    /** Runs an action that reads and then changes state, so concurrent identical requests see each other. */
    public <T> T exclusive(Supplier<T> action) {
        synchronized (writeLock) {
            return action.get();
        }
    }

    /** Back to the seeded state: fresh stores, seeded; settings and clock offset as seeded. */
    public void resetToSeed() {
        refill(() -> {
            clock.reset();
            settings = seed.settings();
            stores().values().forEach(store -> store.seed(this, seed));
        });
    }

    /**
     * Replaces every store with a fresh one that {@code fill} fills (a seed, a state file), put in use in one step
     * once filled. A request reading without the lock (a list, register's user check) sees the portal before or after,
     * never half-empty, as it did while the stores were emptied and refilled in place (a reset loop beside a loop of
     * registers: 47 of 892 refused user 1). Requests that took a store before keep reading the old one whole; a change
     * they make there is lost with it, as if made just before. What the old stores hold outside themselves goes first
     * ({@link Store#retire}), so the filled stores' tokens are the only ones. If {@code fill} fails, the stores in use
     * stay.
     */
    void refill(Runnable fill) {
        exclusive(() -> {
            StoreSet next = newStores();
            if (stores != null) {
                stores.byType().values().forEach(Store::retire);
            }
            filling = next;
            try {
                fill.run();
                stores = next;
            } finally {
                filling = null;
            }
            return null;
        });
    }

    /** Whether the portal was deleted: a call that was running then is answered as one reaching no portal. */
    public boolean deleted() {
        return deleted;
    }

    /** Deletes the portal: marked, then every store emptied, so nothing of it (tokens included) outlives it. */
    void delete() {
        deleted = true;
        exclusive(() -> {
            clearAll();
            return null;
        });
    }

    /** Empties every store in place (a delete: requests still running find nothing of it). */
    private void clearAll() {
        stores.byType().values().forEach(Store::clear);
    }

    public Instant now() {
        return clock.instant();
    }

    public String isoNow() {
        return IsoTime.format(now(), settings.timeZone());
    }

    public String iso(Instant instant) {
        return IsoTime.format(instant, settings.timeZone());
    }

    /** Notes a use at the registry's use count; written only when another portal was used since, as under load one is. */
    void used(AtomicLong uses) {
        if (lastUse != uses.get()) {
            lastUse = uses.incrementAndGet();
        }
    }

    /** Counts a change the control API made (any request but a GET that succeeded). */
    public void controlChanged() {
        controlChanges.incrementAndGet();
    }

    public long controlChanges() {
        return controlChanges.get();
    }

    long lastUse() {
        return lastUse;
    }

    public String id() { return id; }
    public String memberId() { return memberId; }
    public Webhook webhook() { return webhook; }

    /** The domain it was created with, or null: then it answers under {@link #domain()} only when reached there. */
    public String namedDomain() { return domain; }

    void namedDomain(String domain) { this.domain = domain; }

    /**
     * The host name the emulator's proxy answers for as this portal: the domain it was created with, or
     * {@code <id>.bitrix24.test} (RFC 2606 reserves .test, so it can never be a real portal's).
     */
    public String domain() {
        return domain != null ? domain : derivedDomain(id);
    }

    /** The {@code <id>.bitrix24.test} name of a portal created without a domain. */
    static String derivedDomain(String id) {
        return id.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + DERIVED_DOMAIN;
    }

    /**
     * The addresses this portal announces to an integration (DOMAIN, client_endpoint, server_endpoint) where a request
     * reached it at {@code seen}: a portal created with a domain announces that domain everywhere, as a real portal
     * does; one reached at its {@code .bitrix24.test} name (through the proxy) announces that, and so does one whose
     * token was asked of the authorization server's name (oauth.bitrix.info, through the proxy), as the real server
     * names the portal there, not itself (a refresh there announced client_endpoint https://oauth.bitrix.info/rest/,
     * audit 50c); otherwise the address the request used.
     */
    public Endpoints endpoints(Endpoints seen) {
        if (domain != null || seen.host().equals(domain()) || Endpoints.OAUTH_HOSTS.contains(seen.host())) {
            return Endpoints.atDomain(domain());
        }
        return seen;
    }

    /** The webhook, once its default user is known from the seeded stores (set by the registry before use). */
    void webhook(Webhook changed) { this.webhook = changed; }
    public EmulatorClock clock() { return clock; }
    public PortalSettings settings() { return settings; }
    public void settings(PortalSettings changed) { this.settings = changed; }
    public Bounds bounds() { return bounds; }
    public PortalSeed seed() { return seed; }

    /** A stable 32-hex member_id, as real portals have, derived from the portal's identity. */
    private static String memberIdOf(String id, String token) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5")
                    .digest((id + "/" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JRE", e);
        }
    }
}
