package dev.b24emu.emulator.support;

import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.apps.OAuthServer;
import dev.b24emu.emulator.internal.callcard.CallCardStore;
import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.crm.CrmSeed;
import dev.b24emu.emulator.internal.crm.CrmStatusStore;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.events.EventStore;
import dev.b24emu.emulator.internal.followup.FollowUpStore;
import dev.b24emu.emulator.internal.outbound.DeliveryJournal;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.PortalSettings;
import dev.b24emu.emulator.internal.portal.SeedFormat;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;
import dev.b24emu.emulator.internal.timeman.WorkDayStore;
import dev.b24emu.emulator.internal.users.DepartmentStore;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.voximplant.CallStatistics;
import dev.b24emu.emulator.internal.voximplant.VoximplantSeed;
import dev.b24emu.emulator.internal.voximplant.VoximplantStore;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Portals for domain tests: the stores the telephony, built-in telephony, follow-up and CRM domain use, on a fixed
 * clock, no server, no HTTP.
 */
public final class DomainPortals {
    public static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");

    private DomainPortals() {
    }

    /** A registry whose portals have the domain's stores, on a clock standing at {@link #T0}. */
    public static PortalRegistry registry() {
        OAuthServer oauth = new OAuthServer();
        PortalRegistry registry = new PortalRegistry(new EmulatorClock(Clock.fixed(T0, ZoneOffset.UTC)),
                Portal.Bounds.defaults(), PortalRegistry.DEFAULT_MAX_PORTALS);
        List<SeedSection> sections = new ArrayList<>(CrmSeed.sections());
        sections.add(0, UserStore.seedSection());
        sections.add(1, DepartmentStore.seedSection());
        sections.add(VoximplantSeed.section());
        registry.define(List.of(
                StoreType.of("users", UserStore.class, p -> new UserStore()),
                StoreType.of("departments", DepartmentStore.class, p -> new DepartmentStore()),
                StoreType.of("workdays", WorkDayStore.class, p -> new WorkDayStore()),
                StoreType.of("crm", CrmStore.class, p -> new CrmStore(p.bounds().crmObjects(), p.bounds().crmMegabytes(), p.id())),
                StoreType.of(CrmStatusStore.SEED_FIELD, CrmStatusStore.class, p -> new CrmStatusStore()),
                StoreType.of("deliveries", DeliveryJournal.class, p -> new DeliveryJournal(100)),
                StoreType.of("events", EventStore.class, p -> new EventStore(100, p.bounds().callTextBytes())),
                StoreType.of("apps", AppStore.class, p -> new AppStore(p.id(), p.bounds().tokens(), oauth)),
                StoreType.of("telephony", TelephonyStore.class, p -> new TelephonyStore(p.bounds().finishedCalls(), p.bounds().openCalls(),
                        p.bounds().callTextBytes())),
                StoreType.of("followups", FollowUpStore.class, p -> new FollowUpStore(p.bounds().finishedCalls(), p.bounds().callTextBytes())),
                StoreType.of("callcard", CallCardStore.class, p -> new CallCardStore(p.bounds().crmObjects(),
                        p.bounds().callTextBytes(), p.bounds().finishedCalls())),
                StoreType.of("voximplant", VoximplantStore.class, p -> new VoximplantStore(p.bounds().openCalls(), p.id())),
                StoreType.of("voximplantStatistics", CallStatistics.class, p -> new CallStatistics(p, 10_000,
                        p.bounds().callTextBytes()))),
                new SeedFormat(sections, PortalSettings.defaults()), portal -> 1L);
        return registry;
    }

    /** A portal of the demo seed. */
    public static Portal demo() {
        PortalRegistry registry = registry();
        return create(registry, registry.seeds().demo());
    }

    public static Portal create(PortalRegistry registry, PortalSeed seed) {
        return registry.create(new PortalRegistry.PortalSpec("unit", 1L, "t", null, seed));
    }
}
