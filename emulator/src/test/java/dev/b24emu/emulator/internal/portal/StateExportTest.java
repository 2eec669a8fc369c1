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

    /** A portal with 20,000 contacts: a state of several MB, more than a connection's buffers hold. */
    private static Portal largePortal() {
        com.fasterxml.jackson.databind.node.ObjectNode seed = JSON.createObjectNode();
        seed.putArray("users").addObject().put("ID", 1).put("NAME", "Admin").put("IS_ADMIN", true);
        com.fasterxml.jackson.databind.node.ArrayNode contacts = seed.putArray("contacts");
        for (int i = 0; i < 20_000; i++) {
            contacts.addObject().put("NAME", "Client " + i).putArray("PHONE").addObject().put("VALUE", "+7920" + (1_000_000 + i));
        }
        return emulator.portals().create(new PortalRegistry.PortalSpec(null, null, null, null,
                emulator.portals().seeds().parse(seed)));
    }

    @Test
    void aLargeStateIsAnsweredInChunksAsTheWholeDocument() throws Exception {
        Portal large = largePortal();
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/_emulator/portals/"
                + large.id() + "/state")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode());
        assertEquals("chunked", answer.headers().firstValue("Transfer-Encoding").orElse(""), "streamed, not collected");
        assertTrue(answer.body().length > 1 << 20, answer.body().length + " bytes");
        assertEquals(PortalState.export(large), JSON.readTree(answer.body()));
    }

    /** A client that goes away in the middle of a large export frees the worker writing it. */
    @Test
    void aClientGoingAwayDuringAnExportStopsItsWriter() throws Exception {
        Portal large = largePortal();
        URI control = URI.create(base());
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(control.getHost(), control.getPort()));
            socket.getOutputStream().write(("GET /_emulator/portals/" + large.id() + "/state HTTP/1.1\r\nHost: "
                    + control.getHost() + ":" + control.getPort() + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] first = socket.getInputStream().readNBytes(1024);
            assertTrue(new String(first, java.nio.charset.StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
            // seen waiting once is enough: as the connection's buffers grow, it writes a chunk more between waits
            long waiting = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean waited = false;
            while (!waited && System.nanoTime() < waiting) {
                waited = inFrame("ChunkedOutput", "waitForRoom");
                Thread.sleep(waited ? 0 : 20);
            }
            assertTrue(waited, "the export waits for the slow client's room");
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inFrame("PortalState", "write") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertFalse(inFrame("PortalState", "write"), "an export still runs for a client that went away");
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/_emulator/portals/" + large.id()
                + "/state")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    /** Whether a thread is in that method of that class of the emulator's. */
    private static boolean inFrame(String className, String method) {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> java.util.Arrays.stream(stack)
                .anyMatch(frame -> frame.getClassName().endsWith("." + className) && frame.getMethodName().equals(method)));
    }
}
