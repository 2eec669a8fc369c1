package dev.b24emu.emulator.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.testing.EmulatorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulator as its own process with a --state-file: killed with SIGKILL at random moments while it saves every
 * second, the file is always a whole, loadable state; stopped with SIGTERM, it saves its latest state on the way out.
 */
class CrashSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static EmulatorProcess start(Path stateFile, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--state-file", stateFile.toString()));
        args.addAll(List.of(more));
        if (!args.contains("--state-save-seconds")) {
            args.addAll(List.of("--state-save-seconds", "1"));
        }
        return EmulatorProcess.start(args.toArray(String[]::new));
    }

    private static JsonNode post(String url, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static int leads(String base) throws Exception {
        return post(base + "/rest/1/demo-token/crm.lead.list", "{}").get("total").asInt();
    }

    @Test
    void aKilledEmulatorAlwaysLeavesAWholeStateFile(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state.json");
        int lastSaved = -1;
        for (int round = 0; round < 4; round++) {
            EmulatorProcess emulator = start(state);
            int before = leads(emulator.base());
            assertTrue(before >= Math.max(1, lastSaved), "the restarted emulator has what was saved: " + before);
            for (int i = 0; i < 300; i++) {
                post(emulator.base() + "/rest/1/demo-token/crm.lead.add",
                        "{\"fields\":{\"TITLE\":\"Lead " + round + "-" + i + "\",\"COMMENTS\":\"" + "x".repeat(200) + "\"}}");
            }
            Thread.sleep(1000 + ThreadLocalRandom.current().nextInt(1500));
            emulator.process().destroyForcibly();
            assertTrue(emulator.process().waitFor(10, TimeUnit.SECONDS));
            JsonNode saved = JSON.readTree(Files.readString(state));
            assertEquals("b24-emulator-state/2", saved.get("format").asText(), "a whole file after SIGKILL");
            int savedLeads = 0;
            for (JsonNode item : saved.at("/portals/0/crm/items")) {
                savedLeads += item.path("type").asText().equals("LEAD") ? 1 : 0;
            }
            lastSaved = savedLeads;
        }
    }

    @Test
    void sigtermSavesTheLatestState(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state.json");
        EmulatorProcess emulator = start(state);
        post(emulator.base() + "/rest/1/demo-token/crm.lead.add", "{\"fields\":{\"TITLE\":\"Saved on the way out\"}}");
        emulator.process().destroy();
        assertTrue(emulator.process().waitFor(20, TimeUnit.SECONDS), "SIGTERM stops the emulator");
        assertTrue(Files.readString(state).contains("Saved on the way out"));
        EmulatorProcess again = start(state);
        try {
            JsonNode list = post(again.base() + "/rest/1/demo-token/crm.lead.list", "{\"filter\":{\"TITLE\":\"Saved on the way out\"}}");
            assertEquals(1, list.get("total").asInt());
        } finally {
            again.process().destroy();
            again.process().waitFor(20, TimeUnit.SECONDS);
        }
        assertTrue(List.of(0, 143).contains(again.process().exitValue()), "exit " + again.process().exitValue());
    }

    /**
     * --fsync always: every register a client was answered for survives a SIGKILL that comes right after the last
     * answer (periodic saving would lose up to the last interval of them).
     */
    @Test
    void inDurableModeNothingAcknowledgedIsLostToAKill(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state.json");
        EmulatorProcess emulator = start(state, "--fsync", "always", "--state-save-seconds", "3600");
        java.util.Set<String> acknowledged = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            JsonNode answer = post(emulator.base() + "/rest/1/demo-token/telephony.externalcall.register",
                    "{\"USER_ID\":2,\"TYPE\":2,\"PHONE_NUMBER\":\"+7999555" + String.format("%04d", i) + "\"}");
            acknowledged.add(answer.at("/result/CALL_ID").asText());
        }
        emulator.kill();
        EmulatorProcess again = start(state);
        try {
            JsonNode calls = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(again.base()
                    + "/_emulator/portals/default/calls")).build(), HttpResponse.BodyHandlers.ofString()).body());
            java.util.Set<String> kept = new java.util.HashSet<>();
            calls.path("active").forEach(call -> kept.add(call.path("callId").asText()));
            assertEquals(200, acknowledged.size());
            assertTrue(kept.containsAll(acknowledged), "lost " + (acknowledged.size() - kept.stream().filter(acknowledged::contains).count())
                    + " acknowledged calls: " + calls.toString().substring(0, Math.min(300, calls.toString().length())));
        } finally {
            again.close();
        }
    }
}
