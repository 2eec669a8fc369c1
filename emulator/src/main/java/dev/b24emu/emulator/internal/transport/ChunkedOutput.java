package dev.b24emu.emulator.internal.transport;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Writes an answer of any size from a worker thread in chunks of 64 KB, waiting while the connection's write queue
 * is full: the whole answer is never in memory. A portal's state collected into one buffer first grew it to 64 MB
 * for a 100,000-contact portal, and its copies drove the launcher's 256 MB heap into full collections that stalled
 * every request for 0.1-0.3 s. The caller ends the answer once everything is written; a client that goes away
 * stops the writer with an IOException.
 */
public final class ChunkedOutput extends OutputStream {
    static final int CHUNK_BYTES = 1 << 16;
    /** how long a wait for room looks again whether the client went away */
    private static final long RECHECK_MILLIS = 100;
    private final HttpServerResponse response;
    private byte[] chunk = new byte[CHUNK_BYTES];
    private int used;

    public ChunkedOutput(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, chunk.length - used);
            System.arraycopy(bytes, offset, chunk, used, n);
            used += n;
            offset += n;
            length -= n;
            if (used == chunk.length) {
                send();
            }
        }
    }

    /** Sends what is left; the answer stays open for the caller to end. */
    @Override
    public void close() throws IOException {
        send();
    }

    private void send() throws IOException {
        if (used == 0) {
            return;
        }
        waitForRoom();
        Buffer full = Buffer.buffer(used == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, used));
        chunk = new byte[CHUNK_BYTES]; // the one sent belongs to the connection until it is written
        used = 0;
        response.write(full);
    }

    private void waitForRoom() throws IOException {
        while (true) {
            if (response.closed()) {
                throw new IOException("The client closed the connection");
            }
            if (!response.writeQueueFull()) {
                return;
            }
            CountDownLatch drained = new CountDownLatch(1);
            response.drainHandler(ignored -> drained.countDown());
            try {
                // the queue may have drained before the handler was set: looked at again after a while at the latest
                drained.await(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }
    }
}
