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
import java.util.function.Consumer;
import java.util.function.IntFunction;
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
        onDefaultPortal(config -> config.openCalls = 3, (portal, webhook) -> {
            List<String> callIds = register(webhook, 5, i -> "+7900000000" + i, ",\"SHOW\":1");

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
        });
    }

    /**
     * The weight of call text (D122): 40 calls registered with a 6 MB phone number each filled the launcher's heap.
     * With a bound of 1 MB, of calls carrying 300,000 characters (600 KB) each the newest stays open, and an ordinary
     * call still fits beside it.
     */
    @Test
    void pastTheWeightOfCallTextTheOldestOpenCallsGo() throws Exception {
        onDefaultPortal(config -> config.callMegabytes = 1, (portal, webhook) -> {
            List<String> callIds = register(webhook, 3, i -> "+7" + String.valueOf(i).repeat(300_000), "");
            TelephonyStore telephony = portal.store(TelephonyStore.class);
            assertEquals(List.of(callIds.get(2)), telephony.activeCalls().stream().map(Call::callId).toList());
            assertEquals(2, telephony.droppedOpenCalls());
            JsonNode ordinary = post(webhook, "telephony.externalcall.register",
                    "{\"USER_ID\":1,\"PHONE_NUMBER\":\"+79000000001\",\"TYPE\":2}");
            assertEquals(2, telephony.activeCalls().size(), "an ordinary call fits beside it: " + ordinary);
        });
    }

    /**
     * A finish leaves the cards shown to other users open until hidden (D86); they are cards of an ended call, kept at
     * most as many as the finished calls (D117; the finishing user's closed card counts too), so a load showing each
     * call to several users cannot fill the heap.
     */
    @Test
    void theCardsAFinishLeavesShownToOthersAreBoundedWithTheFinishedCalls() throws Exception {
        onDefaultPortal(config -> config.finishedCalls = 4, (portal, webhook) -> {
            List<String> callIds = register(webhook, 5, i -> "+7900000000" + i, "");
            for (String callId : callIds) {
                JsonNode shown = post(webhook, "telephony.externalcall.show",
                        "{\"CALL_ID\":\"" + callId + "\",\"USER_ID\":[1,2]}");
                assertTrue(shown.path("result").asBoolean(), shown.toString());
                post(webhook, "telephony.externalcall.finish", "{\"CALL_ID\":\"" + callId + "\",\"USER_ID\":1,\"DURATION\":5}");
            }
            CallCardStore cards = portal.store(CallCardStore.class);
            for (int i = 0; i < 5; i++) {
                var card = cards.card(callIds.get(i), 2);
                assertEquals(i >= 3, card.isPresent(), "user 2's card of call " + i + " (two cards a call)");
                card.ifPresent(open -> assertTrue(!open.closed() && open.callEnded(), "left open, its call ended: " + open));
            }
        });
    }

    /** Registers {@code count} calls, the i-th (from 1) to {@code number.apply(i)}; answers their CALL_IDs in order. */
    private static List<String> register(String webhook, int count, IntFunction<String> number, String moreFields)
            throws Exception {
        List<String> callIds = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            JsonNode registered = post(webhook, "telephony.externalcall.register", "{\"USER_ID\":1,\"PHONE_NUMBER\":\""
                    + number.apply(i) + "\",\"TYPE\":2" + moreFields + "}");
            callIds.add(registered.at("/result/CALL_ID").asText());
        }
        return callIds;
    }

    /** What a test checks on the default portal of an emulator of its own. */
    private interface PortalCheck {
        void run(Portal portal, String webhook) throws Exception;
    }

    /** Starts an emulator configured by {@code configure}, runs {@code check} on its default portal, stops it. */
    private static void onDefaultPortal(Consumer<Servers.Config> configure, PortalCheck check) throws Exception {
        Servers.Config config = Servers.config();
        configure.accept(config);
        try (EmulatorServer emulator = EmulatorServer.start(config.build())) {
            Portal portal = emulator.portals().get(PortalRegistry.DEFAULT_ID).orElseThrow();
            check.run(portal, emulator.webhookUrl(portal));
        }
    }
}
