package dev.b24emu.emulator.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    /** A running emulator process and the base URL it printed. */
    private record Emulator(Process process, String base) {
    }

    private static Emulator start(Path stateFile) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.b24emu.emulator.cli.Main", "--port", "0", "--https-port", "-1", "--state-file", stateFile.toString(),
                "--state-save-seconds", "1").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("Bitrix24 telephony emulator on ")) {
                String base = line.substring("Bitrix24 telephony emulator on ".length()).trim();
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return new Emulator(process, base);
            }
        }
        throw new AssertionError("The emulator process did not start");
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
            Emulator emulator = start(state);
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
        Emulator emulator = start(state);
        post(emulator.base() + "/rest/1/demo-token/crm.lead.add", "{\"fields\":{\"TITLE\":\"Saved on the way out\"}}");
        emulator.process().destroy();
        assertTrue(emulator.process().waitFor(20, TimeUnit.SECONDS), "SIGTERM stops the emulator");
        assertTrue(Files.readString(state).contains("Saved on the way out"));
        Emulator again = start(state);
        try {
            JsonNode list = post(again.base() + "/rest/1/demo-token/crm.lead.list", "{\"filter\":{\"TITLE\":\"Saved on the way out\"}}");
            assertEquals(1, list.get("total").asInt());
        } finally {
            again.process().destroy();
            again.process().waitFor(20, TimeUnit.SECONDS);
        }
        assertTrue(List.of(0, 143).contains(again.process().exitValue()), "exit " + again.process().exitValue());
    }
}
