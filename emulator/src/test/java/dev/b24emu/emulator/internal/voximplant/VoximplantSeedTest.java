package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.SeedException;
import dev.b24emu.emulator.support.DomainPortals;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "voximplant" seed field: what a portal starts with, again after each reset, and errors naming the field. */
class VoximplantSeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Portal portal(String seed) throws Exception {
        PortalRegistry registry = DomainPortals.registry();
        return DomainPortals.create(registry, registry.seeds().parse(JSON.readTree(seed)));
    }

    @Test
    void aSeedGivesLinesSettingsPhonesAndRightsAgainAfterAReset() throws Exception {
        Portal portal = portal("{\"users\": [{\"ID\": 1, \"NAME\": \"A\"}, {\"ID\": 2, \"NAME\": \"B\"}], \"voximplant\": {"
                + "\"settings\": {\"infocallMonthlyLimit\": 3, \"callee\": {\"outcome\": \"busy\"}},"
                + "\"numbers\": [{\"number\": \"+7 495 000-11-22\"}],"
                + "\"sip\": [{\"type\": \"office\", \"title\": \"Office\", \"server\": \"pbx.local\", \"login\": \"l\"}],"
                + "\"outgoingLine\": \"sip2\", \"users\": [{\"id\": 2, \"phoneEnabled\": true}],"
                + "\"rights\": [{\"userId\": 2, \"outgoingCall\": \"NONE\"}]}}");
        portal.store(VoximplantStore.class).addNumber("74950009999", null);
        portal.resetToSeed();
        VoximplantStore store = portal.store(VoximplantStore.class);
        Lines lines = new Lines(portal);
        assertEquals(Map.of("74950001122", "+74950001122", "sip2", "Office"), lines.outgoingLines());
        assertEquals("sip2", lines.outgoingLine());
        assertEquals("", store.sip(2).orElseThrow().appKey(), "seeded connections belong to no application");
        assertEquals(3, store.settings().infocallMonthlyLimit());
        assertEquals("486", store.settings().calleeFor("+79990000001").failedCode());
        assertTrue(store.phone(2).phoneEnabled());
        assertEquals(Rights.Level.NONE, store.rights(2).outgoingCall());
        assertEquals(Rights.Level.ALL, store.rights(1).outgoingCall());
    }

    @Test
    void misshapenSectionsAreErrorsNamingWhatIsWrong() {
        assertEquals("Seed field 'voximplant': Unknown field 'lines' in voximplant; it has [settings, numbers, sip, outgoingLine, users, rights]",
                assertThrows(SeedException.class, () -> portal("{\"voximplant\": {\"lines\": []}}")).getMessage());
        assertEquals("Seed field 'voximplant': numbers/0/number: a number with digits is required",
                assertThrows(SeedException.class, () -> portal("{\"voximplant\": {\"numbers\": [{\"number\": \"x\"}]}}"))
                        .getMessage());
        assertEquals("Seed field 'voximplant': sip/0: server and login are required",
                assertThrows(SeedException.class, () -> portal("{\"voximplant\": {\"sip\": [{\"type\": \"cloud\"}]}}"))
                        .getMessage());
        assertEquals("Seed field 'voximplant': outcome must be answer, busy, noAnswer or fail",
                assertThrows(SeedException.class, () -> portal("{\"voximplant\": {\"settings\": {\"callee\": "
                        + "{\"outcome\": \"maybe\"}}}}")).getMessage());
        assertEquals("Seed field 'voximplant': lineModify must be NONE, OWN or ALL",
                assertThrows(SeedException.class, () -> portal("{\"voximplant\": {\"rights\": [{\"userId\": 1, "
                        + "\"lineModify\": \"SOME\"}]}}")).getMessage());
    }
}
