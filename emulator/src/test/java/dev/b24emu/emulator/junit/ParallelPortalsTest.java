package dev.b24emu.emulator.junit;

import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.TestPortal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 48 tests at once on one emulator: each gets a portal of its own (none is handed to two tests), sees only its own
 * calls, and its portal is gone when it ends; a @Nested class shares the outer class's emulator.
 */
@Bitrix24Test(settings = "{\"crmMode\":\"SIMPLE\"}")
@Execution(ExecutionMode.CONCURRENT)
class ParallelPortalsTest {
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    private static final Set<Bitrix24Emulator> EMULATORS = ConcurrentHashMap.newKeySet();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RepeatedTest(48)
    void eachTestHasAPortalOfItsOwn(TestPortal portal, Bitrix24Emulator emulator) throws Exception {
        EMULATORS.add(emulator);
        assertTrue(SEEN.add(portal.id()), "portal " + portal.id() + " was handed to two tests");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(portal.webhookUrl()
                        + "crm.settings.mode.get")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.body().contains("\"result\":2"), "the annotation's settings apply: " + response.body());
        assertEquals(1, portal.requests().size(), "a portal sees only its own test's calls: " + portal.requests());
    }

    @AfterAll
    static void everyPortalIsDeletedAndOneEmulatorServedThemAll() {
        assertEquals(1, EMULATORS.size(), "one emulator for the class");
        Bitrix24Emulator emulator = EMULATORS.iterator().next();
        assertEquals(1, emulator.controls().portals().size(), "only the default portal is left: "
                + emulator.controls().portals().stream().map(TestPortal::id).toList());
    }

    @Nested
    class Inner {
        @Test
        void aNestedClassSharesTheOuterEmulator(Bitrix24Emulator emulator, TestPortal portal) {
            EMULATORS.forEach(outer -> assertSame(outer, emulator));
            EMULATORS.add(emulator);
            assertTrue(SEEN.add(portal.id()));
        }
    }
}
