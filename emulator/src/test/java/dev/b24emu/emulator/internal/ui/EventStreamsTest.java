package dev.b24emu.emulator.internal.ui;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's and the tail's event streams share one timer per event loop: each stream hears of its own portal's
 * requests only (or of every portal's, with ?portal=*), and a stream opened after the last one closed (its loop's
 * timer cancelled) is served again.
 */
class EventStreamsTest extends EmulatorHarness {
    /** An open stream, read as raw bytes: what arrived since the last look. */
    private static final class Stream implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;

        Stream(String portalId) throws IOException {
            URI base = URI.create(base());
            socket = new Socket(base.getHost(), base.getPort());
            socket.getOutputStream().write(("GET /_emulator/ui/stream?portal=" + portalId + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            in = socket.getInputStream();
            assertTrue(until(": connected", 5_000).contains("text/event-stream"));
        }

        /** What arrives until {@code text} has (or the time is up). */
        String until(String text, int millis) throws IOException {
            StringBuilder seen = new StringBuilder();
            long end = System.currentTimeMillis() + millis;
            byte[] buffer = new byte[4096];
            while (!seen.toString().contains(text) && System.currentTimeMillis() < end) {
                socket.setSoTimeout((int) Math.max(1, end - System.currentTimeMillis()));
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                } catch (SocketTimeoutException timeUp) {
                    break;
                }
            }
            return seen.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static long lastRequestSeq(Portal portal) {
        return portal.store(dev.b24emu.emulator.internal.journal.RequestJournal.class).lastSeq();
    }

    /** A change the control API makes (a card closed, a built-in call started) is news too: no REST request shows it. */
    @Test
    void aStreamHearsOfTheControlApisChanges() throws Exception {
        try (Stream mine = new Stream(portal.id())) {
            mine.until("event: update", 2_000);
            io.restassured.RestAssured.given().get(base() + "/_emulator/portals/" + portal.id() + "/clock").then().statusCode(200);
            assertFalse(mine.until("event: update", 1_000).contains("event: update"), "a read changes nothing");
            io.restassured.RestAssured.given().contentType("application/json").body(Map.of("advance", "PT1M"))
                    .post(base() + "/_emulator/portals/" + portal.id() + "/clock").then().statusCode(200);
            assertTrue(mine.until("\"control\":1,", 3_000).contains("\"control\":1,"), "the clock moved by the control API");
        }
    }

    @Test
    void eachStreamHearsOfItsPortalsAndAStreamAfterTheLastClosedIsServedAgain() throws Exception {
        Portal other = newPortal();
        try (Stream mine = new Stream(portal.id()); Stream all = new Stream("*")) {
            mine.until("event: update", 2_000); // the marks as they stand
            all.until("event: update", 2_000);
            callOn(emulator.webhookUrl(other), "profile", Map.of()).then().statusCode(200);
            String expected = "\"request\":" + lastRequestSeq(other) + ",";
            assertTrue(all.until(expected, 3_000).contains(expected), "every portal's stream hears of the other's call");
            assertFalse(mine.until("event: update", 1_000).contains("event: update"), "this portal's stream does not");

            call("profile", Map.of()).then().statusCode(200);
            String mineNow = "\"request\":" + lastRequestSeq(portal) + ",";
            assertTrue(mine.until(mineNow, 3_000).contains(mineNow));
            assertTrue(all.until(mineNow, 3_000).contains(mineNow));
        }
        Thread.sleep(2 * EventStreams.TICK_MILLIS); // both closed: their loops' timers cancelled
        try (Stream again = new Stream(portal.id())) {
            again.until("event: update", 2_000);
            call("profile", Map.of()).then().statusCode(200);
            String now = "\"request\":" + lastRequestSeq(portal) + ",";
            assertTrue(again.until(now, 3_000).contains(now), "a new stream is served after the last one closed");
        }
    }

    @Test
    void aStreamOfAPortalThereIsNotIsRefused() throws Exception {
        assertEquals(404, io.restassured.RestAssured.get(base() + "/_emulator/ui/stream?portal=nope").statusCode());
    }
}
