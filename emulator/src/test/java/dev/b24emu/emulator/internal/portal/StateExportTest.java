package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A state export (GET /state, a state file's save) writes what it took under the portal's lock after releasing it:
 * written under it, a 100,000-contact export held every change to the portal for 0.65 s, and register → finish cycles
 * beside it took up to 1.2 s.
 */
class StateExportTest extends EmulatorHarness {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An output whose first write waits until it is let go: an export stalled at its first bytes. */
    private static final class HeldOutput extends OutputStream {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch letGo = new CountDownLatch(1);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writing.countDown();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            bytes.write(b, off, len);
        }
    }

    private JsonNode post(String method, String body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(webhook + method))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    @Test
    void aChangeIsAnsweredWhileAnExportIsBeingWrittenAndTheExportIsTheMomentItTook() throws Exception {
        int before = post("crm.contact.list", "{}").path("total").asInt();
        HeldOutput out = new HeldOutput();
        CompletableFuture<Void> export = CompletableFuture.runAsync(() -> PortalState.write(portal, out));
        try {
            assertTrue(out.writing.await(10, TimeUnit.SECONDS), "the export wrote nothing");
            CompletableFuture<JsonNode> added = CompletableFuture.supplyAsync(() -> {
                try {
                    return post("crm.contact.add", "{\"fields\":{\"NAME\":\"Added during the export\"}}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // not a timing: on a lock held while writing, the change waits for as long as the output does, forever here
            try {
                assertTrue(added.get(10, TimeUnit.SECONDS).path("result").asLong() > 0);
            } catch (TimeoutException held) {
                fail("crm.contact.add waited for the export's output: the portal's lock is held while it writes");
            }
        } finally {
            out.letGo.countDown();
        }
        export.get(10, TimeUnit.SECONDS);
        JsonNode state = JSON.readTree(out.bytes.toByteArray());
        long contacts = 0;
        for (JsonNode item : state.path("crm").path("items")) {
            contacts += "CONTACT".equals(item.path("type").asText()) ? 1 : 0;
            assertFalse(item.toString().contains("Added during the export"), "the export holds a later change");
        }
        assertEquals(before, contacts);
    }
}
