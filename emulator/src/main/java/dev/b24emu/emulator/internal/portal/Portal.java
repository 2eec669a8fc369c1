package dev.b24emu.emulator.internal.portal;

import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.callcard.CallCardStore;
import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.events.EventStore;
import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.placements.PlacementStore;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;
import dev.b24emu.emulator.internal.users.UserStore;

import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One isolated Bitrix24 portal: its own webhook, clock offset, settings and the stores of every API area.
 * Nothing here is shared with another portal, so parallel test jobs on different portals never meet.
 */
public final class Portal {
    private final String id;
    private final String memberId;
    private final Webhook webhook;
    private final EmulatorClock clock;
    private final PortalSeed seed;
    private volatile PortalSettings settings;

    /** the portal's employees */
    private final UserStore users = new UserStore();
    /** leads, deals, contacts, companies, activities and the exclusion list */
    private final CrmStore crm = new CrmStore();
    /** open calls, call statistics and external lines */
    private final TelephonyStore telephony;
    /** the last REST calls this portal served */
    private final RequestJournal journal;
    /** installed applications */
    private final AppStore apps = new AppStore();
    /** bound event handlers, the offline queue and delivery attempts */
    private final EventStore events;
    /** placement handlers and CallCard::* REST subscriptions */
    private final PlacementStore placements = new PlacementStore();
    /** open call cards and call lists */
    private final CallCardStore cards = new CallCardStore();
    /** faults injected through the control API */
    private final FaultStore faults = new FaultStore();
    /** the request-rate and operating-time limits, when switched on */
    private final RateLimiter limiter = new RateLimiter();
    /** serialises the read-check-write sequences (register, finish) that must see one consistent state */
    private final ReentrantLock writeLock = new ReentrantLock();

    public Portal(String id, Webhook webhook, EmulatorClock clock, PortalSeed seed, Limits limits) {
        this.id = id;
        this.memberId = memberIdOf(id, webhook.token());
        this.webhook = webhook;
        this.clock = clock;
        this.seed = seed;
        this.telephony = new TelephonyStore(limits.finishedCalls());
        this.journal = new RequestJournal(limits.journalEntries());
        this.events = new EventStore(limits.journalEntries(), limits.finishedCalls());
        resetToSeed();
    }

    /** How much history a portal keeps, so memory stays flat however long the emulator runs. */
    public record Limits(int journalEntries, int finishedCalls) {
        public static Limits defaults() {
            return new Limits(1000, 10_000);
        }
    }

    /** Runs an action that reads and then changes state, so concurrent identical requests see each other. */
    public <T> T exclusive(Supplier<T> action) {
        writeLock.lock();
        try {
            return action.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Back to the seeded state: stores emptied and re-seeded, settings and clock offset as seeded. */
    public void resetToSeed() {
        exclusive(() -> {
            users.clear();
            crm.clear();
            telephony.clear();
            journal.clear();
            apps.clear();
            events.clear();
            placements.clear();
            cards.clear();
            faults.clear();
            limiter.clear();
            clock.reset();
            settings = seed.settings();
            seed.applyTo(this);
            return null;
        });
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

    public String id() { return id; }
    public String memberId() { return memberId; }
    public Webhook webhook() { return webhook; }
    public EmulatorClock clock() { return clock; }
    public PortalSettings settings() { return settings; }
    public void settings(PortalSettings settings) { this.settings = settings; }
    public UserStore users() { return users; }
    public CrmStore crm() { return crm; }
    public TelephonyStore telephony() { return telephony; }
    public RequestJournal journal() { return journal; }
    public AppStore apps() { return apps; }
    public EventStore events() { return events; }
    public PlacementStore placements() { return placements; }
    public CallCardStore cards() { return cards; }
    public FaultStore faults() { return faults; }
    public RateLimiter limiter() { return limiter; }

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
