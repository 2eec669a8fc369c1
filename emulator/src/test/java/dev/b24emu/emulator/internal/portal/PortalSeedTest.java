package dev.b24emu.emulator.internal.portal;

import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.transport.RestError;
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
    private static PortalSeed read(String json) throws IOException {
        return PortalSeed.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static Portal portal(PortalSeed seed) {
        return new Portal("seeded", new Webhook(1, "t", Set.of()),
                new EmulatorClock(Clock.fixed(Instant.parse("2026-03-10T08:00:00Z"), ZoneOffset.UTC)), seed,
                Portal.Limits.defaults());
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
        assertEquals(CrmEntityType.COMPANY, seed.crm().get(0).type());
        assertEquals("Acme", portal.crm().findByPhone("74951112233").get(0).displayName());
        assertEquals("1", portal.crm().findByPhone("79990000001").get(0).fields().get("COMPANY_ID").asText());
        assertEquals(PortalSettings.CrmMode.SIMPLE, portal.settings().crmMode());
        assertTrue(portal.crm().isExcluded("+70000000000"));
        assertEquals("5", portal.crm().findByPhone("79990000001").get(0).fields().get("ASSIGNED_BY_ID").asText());
    }

    @Test
    void aResetAddsTheSameObjectsAgain() throws IOException {
        Portal portal = portal(read("{\"contacts\": [{\"NAME\": \"Ivan\", \"PHONE\": [{\"VALUE\": \"+79990000001\"}]}]}"));
        portal.resetToSeed();
        assertEquals(1, portal.crm().count(CrmEntityType.CONTACT));
        assertEquals("Ivan", portal.crm().findByPhone("79990000001").get(0).displayName());
    }

    @Test
    void misshapenSeedsAreArgumentErrorsNamingTheField() {
        assertEquals("Seed field 'contacts' must be an array",
                assertThrows(RestError.class, () -> read("{\"contacts\": \"x\"}")).description());
        assertEquals("Every item of seed field 'leads' must be an object",
                assertThrows(RestError.class, () -> read("{\"leads\": [1]}")).description());
        assertEquals("A seed must be a JSON object", assertThrows(RestError.class, () -> read("[1]")).description());
        assertThrows(IOException.class, () -> read("{\"contacts\": [{\"NAME\": "));
        assertEquals(0, assertThrows(RestError.class, () -> read("{\"contacts\": null, \"users\": 5}"))
                .description().indexOf("Seed field 'users'"));
    }
}
