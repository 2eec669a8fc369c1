package dev.b24emu.emulator.internal.portal;

import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.support.DomainPortals;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed files are read object by object, in the documented order whatever order the file lists its arrays. */
class PortalSeedTest {
    private static final PortalRegistry REGISTRY = DomainPortals.registry();

    private static PortalSeed read(String json) throws IOException {
        return REGISTRY.seeds().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static Portal portal(PortalSeed seed) {
        return REGISTRY.create(new PortalRegistry.PortalSpec(null, 1L, null, null, seed));
    }

    @Test
    void companiesComeBeforeTheContactsThatReferToThemWhateverTheFileOrder() throws IOException {
        PortalSeed seed = read("""
                {"contacts": [{"NAME": "Ivan", "COMPANY_ID": 1, "PHONE": [{"VALUE": "+79990000001"}]}],
                 "settings": {"crmMode": "SIMPLE"},
                 "companies": [{"TITLE": "Acme", "PHONE": [{"VALUE": "+74951112233"}]}],
                 "users": [{"ID": 5, "NAME": "Op"}], "crmExclusions": ["+70000000000"]}
                """);
        Portal portal = portal(seed);
        assertEquals("Acme", portal.store(CrmStore.class).findByPhone("74951112233").get(0).displayName());
        assertEquals("1", portal.store(CrmStore.class).findByPhone("79990000001").get(0).fields().get("COMPANY_ID").asText());
        assertEquals(PortalSettings.CrmMode.SIMPLE, portal.settings().crmMode());
        assertTrue(portal.store(CrmStore.class).isExcluded("+70000000000"));
        assertEquals("5", portal.store(CrmStore.class).findByPhone("79990000001").get(0).fields().get("ASSIGNED_BY_ID").asText());
    }

    @Test
    void aResetAddsTheSameObjectsAgain() throws IOException {
        Portal portal = portal(read("{\"contacts\": [{\"NAME\": \"Ivan\", \"PHONE\": [{\"VALUE\": \"+79990000001\"}]}]}"));
        portal.resetToSeed();
        assertEquals(1, portal.store(CrmStore.class).count(CrmEntityType.CONTACT));
        assertEquals("Ivan", portal.store(CrmStore.class).findByPhone("79990000001").get(0).displayName());
    }

    @Test
    void misshapenSeedsAreErrorsNamingTheField() {
        assertEquals("Seed field 'contacts' must be an array",
                assertThrows(SeedException.class, () -> read("{\"contacts\": \"x\"}")).getMessage());
        assertEquals("Every item of seed field 'leads' must be an object",
                assertThrows(SeedException.class, () -> read("{\"leads\": [1]}")).getMessage());
        assertEquals("A seed must be a JSON object", assertThrows(SeedException.class, () -> read("[1]")).getMessage());
        assertThrows(IOException.class, () -> read("{\"contacts\": [{\"NAME\": "));
        assertEquals(0, assertThrows(SeedException.class, () -> read("{\"contacts\": null, \"users\": 5}"))
                .getMessage().indexOf("Seed field 'users'"));
        assertEquals("Unknown seed field 'contact'; a seed has companies, contacts, crmExclusions, crmStatuses, deals, departments, leads, settings, users, voximplant",
                assertThrows(SeedException.class, () -> read("{\"contact\": []}")).getMessage());
        assertEquals("Seed field 'users' appears twice",
                assertThrows(SeedException.class, () -> read("{\"users\": [], \"users\": []}")).getMessage());
    }
}
