package dev.b24emu.emulator.reliability;

import dev.b24emu.emulator.internal.telephony.TelephonyStore;
import dev.b24emu.emulator.internal.crm.CrmStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.server.EmulatorServer;
import dev.b24emu.emulator.support.Servers;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many clients at once on three portals, registering (with lead creation), searching and finishing: at the end
 * every call was finished exactly once, every lead belongs to the portal that made it, nothing was lost or doubled.
 */
class StressTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 12;
    private static final int CALLS_PER_CLIENT = 40;

    @Test
    void parallelPortalsStayConsistentUnderLoad() throws Exception {
        try (EmulatorServer emulator = EmulatorServer.start(Servers.config().build())) {
            List<Portal> portals = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                portals.add(emulator.portals().create(new PortalRegistry.PortalSpec(null, null, null, null,
                        emulator.portals().seeds().demo())));
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Set<String> finished = ConcurrentHashMap.newKeySet();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> work = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int c = client;
                String webhook = emulator.webhookUrl(portals.get(client % portals.size()));
                work.add(pool.submit(() -> {
                    for (int i = 0; i < CALLS_PER_CLIENT; i++) {
                        String phone = String.format("+7900%03d%04d", c, i);
                        JsonNode reg = call(http, webhook, "telephony.externalcall.register",
                                "{\"USER_ID\":2,\"PHONE_NUMBER\":\"" + phone + "\",\"TYPE\":2,\"CRM_CREATE\":1}");
                        String callId = reg.at("/result/CALL_ID").asText();
                        call(http, webhook, "telephony.externalCall.searchCrmEntities", "{\"PHONE_NUMBER\":\"" + phone + "\"}");
                        JsonNode fin = call(http, webhook, "telephony.externalcall.finish",
                                "{\"CALL_ID\":\"" + callId + "\",\"USER_ID\":2,\"DURATION\":" + (i % 3) + "}");
                        if (fin.has("result") && finished.add(callId)) {
                            continue;
                        }
                        failures.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            assertEquals(0, failures.get(), "every call was registered and finished once");
            assertEquals(CLIENTS * CALLS_PER_CLIENT, finished.size());
            int perPortal = CLIENTS / portals.size() * CALLS_PER_CLIENT;
            for (Portal portal : portals) {
                assertEquals(0, portal.store(TelephonyStore.class).activeCalls().size(), "no call left open");
                assertEquals(perPortal, portal.store(TelephonyStore.class).finishedCalls().size());
                assertEquals(perPortal + 1, portal.store(CrmStore.class).count(CrmEntityType.LEAD), "one lead per new number, plus the seed's");
                assertEquals(perPortal, portal.store(CrmStore.class).activities().size(), "one activity per finished call");
                assertTrue(portal.store(RequestJournal.class).entries().size() <= 1000, "the journal stays bounded");
            }
        }
    }

    private static JsonNode call(HttpClient http, String webhook, String method, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(webhook + method))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
