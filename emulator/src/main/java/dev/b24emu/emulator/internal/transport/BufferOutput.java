package dev.b24emu.emulator.internal.transport;

import io.vertx.core.buffer.Buffer;

import java.io.OutputStream;

/** Collects what Jackson writes into a Vert.x buffer made at the size of its first write: no copy to answer it. */
public final class BufferOutput extends OutputStream {
    private Buffer buffer;

    @Override
    public void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (buffer == null) {
            buffer = Buffer.buffer(length);
        }
        buffer.appendBytes(bytes, offset, length);
    }

    /** What was written, empty if nothing was. */
    public Buffer buffer() {
        return buffer == null ? Buffer.buffer() : buffer;
    }
}
