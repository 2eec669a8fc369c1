package dev.b24emu.emulator.internal.transport;

import io.vertx.core.buffer.Buffer;

import java.io.OutputStream;

/**
 * Collects what Jackson writes into a Vert.x buffer made at the size of its first write: no copy to answer it. An
 * answer is bounded: past {@link #MAX_ANSWER_BYTES} the write stops with {@link TooLarge} (a batch of five lists over
 * 40 MB of leads, each answer built whole in memory, ran the heap out).
 */
public final class BufferOutput extends OutputStream {
    /** the most an answer may weigh: an eighth of the heap, and at least 16 MB */
    public static final long MAX_ANSWER_BYTES = Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8);
    private Buffer buffer;
    private final long limit;

    /** An answer's buffer, bounded at {@link #MAX_ANSWER_BYTES}. */
    public BufferOutput() {
        this(MAX_ANSWER_BYTES);
    }

    BufferOutput(long limit) {
        this.limit = limit;
    }

    /** An answer larger than the emulator writes. */
    public static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TooLarge() {
            super(null, null, false, false);
        }

        /** What the client is answered instead. */
        public static RestError error() {
            return new RestError(500, "INTERNAL_SERVER_ERROR", "The answer would be larger than the emulator writes ("
                    + (MAX_ANSWER_BYTES >> 20) + " MB, an eighth of its heap): ask for fewer fields, items or commands");
        }
    }

    @Override
    public void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (buffer == null) {
            buffer = Buffer.buffer(length);
        }
        if ((long) buffer.length() + length > limit) {
            throw new TooLarge();
        }
        buffer.appendBytes(bytes, offset, length);
    }

    /** What was written, empty if nothing was. */
    public Buffer buffer() {
        return buffer == null ? Buffer.buffer() : buffer;
    }
}
