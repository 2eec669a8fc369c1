package dev.b24emu.emulator.internal.portal;

import dev.b24emu.emulator.support.DomainPortals;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry's lookup by host name, which every REST call reaching the emulator at a name (a container's service
 * name, a portal's domain through the proxy) makes: by a portal's own domain or its {@code <id>.bitrix24.test}, in
 * any case, and never for a deleted portal.
 */
class PortalRegistryTest {
    @Test
    void portalsAreFoundByTheirOwnOrDerivedDomainInAnyCaseUntilDeleted() {
        PortalRegistry registry = DomainPortals.registry();
        Portal acme = registry.create(new PortalRegistry.PortalSpec("acme", null, null, null, null, "acme.bitrix24.ru"));
        Portal plain = registry.create(new PortalRegistry.PortalSpec("Job_7", null, null, null, null));

        assertEquals(Optional.of(acme), registry.byDomain("ACME.Bitrix24.ru"));
        assertEquals(Optional.of(plain), registry.byDomain("job-7.bitrix24.test"));
        assertEquals(Optional.empty(), registry.byDomain("acme.bitrix24.test"), "a named portal answers at its name");
        assertTrue(registry.answersFor("oauth.bitrix.info"));
        assertFalse(registry.answersFor("emulator"));
        assertThrows(IllegalArgumentException.class, () -> registry.create(
                new PortalRegistry.PortalSpec(null, null, null, null, null, "acme.bitrix24.ru")), "a domain is one portal's");

        registry.delete("acme");
        assertEquals(Optional.empty(), registry.byDomain("acme.bitrix24.ru"));
        Portal again = registry.create(new PortalRegistry.PortalSpec(null, null, null, null, null, "acme.bitrix24.ru"));
        assertEquals(Optional.of(again), registry.byDomain("acme.bitrix24.ru"), "a deleted portal's domain is free");

        // ids that differ in case or '_' alone would share a derived domain: one made at run time is refused
        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class, () -> registry.createAtRunTime(
                new PortalRegistry.PortalSpec("JOB-7", null, null, null, null)));
        assertTrue(shared.getMessage().contains("would share the domain job-7.bitrix24.test with portal Job_7"),
                shared.getMessage());
        registry.createAtRunTime(new PortalRegistry.PortalSpec("job-8", null, null, null, null));
    }
}
