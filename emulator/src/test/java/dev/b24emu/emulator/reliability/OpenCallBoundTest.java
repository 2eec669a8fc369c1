package dev.b24emu.emulator.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.callcard.CallCardStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.server.EmulatorServer;
import dev.b24emu.emulator.internal.telephony.Call;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;
import dev.b24emu.emulator.support.Servers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.b24emu.emulator.support.WebhookJson.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-portal bound of open calls (D117): an integration that registers calls and never finishes them cannot fill
 * the heap. Past the bound each new call drops the oldest open one with its cards; the dropped call then answers as
 * one the portal never had, and every other call is untouched.
 */
class OpenCallBoundTest {
    @Test
    void pastTheBoundEachNewCallDropsTheOldestOpenOneWithItsCards() throws Exception {
        Servers.Config config = Servers.config();
        config.openCalls = 3;
        try (EmulatorServer emulator = EmulatorServer.start(config.build())) {
            Portal portal = emulator.portals().get(PortalRegistry.DEFAULT_ID).orElseThrow();
            String webhook = emulator.webhookUrl(portal);
            List<String> callIds = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                JsonNode registered = post(webhook, "telephony.externalcall.register",
                        "{\"USER_ID\":1,\"PHONE_NUMBER\":\"+7900000000" + i + "\",\"TYPE\":2,\"SHOW\":1}");
                callIds.add(registered.at("/result/CALL_ID").asText());
            }

            TelephonyStore telephony = portal.store(TelephonyStore.class);
            assertEquals(Set.copyOf(callIds.subList(2, 5)), telephony.activeCalls().stream().map(Call::callId)
                    .collect(Collectors.toSet()), "the newest three stay open");
            assertEquals(2, telephony.droppedOpenCalls());
            CallCardStore cards = portal.store(CallCardStore.class);
            assertTrue(cards.cardsOf(callIds.get(0)).isEmpty() && cards.cardsOf(callIds.get(1)).isEmpty(),
                    "a dropped call's cards go with it");
            assertEquals(1, cards.cardsOf(callIds.get(4)).size(), "an open call keeps its card");

            JsonNode late = post(webhook, "telephony.externalcall.finish",
                    "{\"CALL_ID\":\"" + callIds.get(0) + "\",\"USER_ID\":1,\"DURATION\":5}");
            assertEquals("Call is not found (call should be registered prior to finishing",
                    late.path("error_description").asText(), late.toString());
            JsonNode kept = post(webhook, "telephony.externalcall.finish",
                    "{\"CALL_ID\":\"" + callIds.get(2) + "\",\"USER_ID\":1,\"DURATION\":5}");
            assertEquals(callIds.get(2), kept.at("/result/CALL_ID").asText(), kept.toString());
            assertEquals(2, telephony.activeCalls().size());

            // a changed call (shown again) is not a new one: nothing more is dropped
            post(webhook, "telephony.externalcall.show", "{\"CALL_ID\":\"" + callIds.get(3) + "\",\"USER_ID\":1}");
            assertEquals(2, telephony.droppedOpenCalls());
        }
    }
}
