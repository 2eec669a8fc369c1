package dev.b24emu.emulator.cli;

import java.io.PrintStream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the log's lines on a thread of its own, so that no event loop waits for the log's destination.
 * <p>
 * Written by the event loops themselves, every request's line was a write system call made under the stream's lock:
 * under load from two event loops, one waited for the other's write most of the time (a third of a millisecond per
 * wait, measured with the flight recorder), and a destination that stops reading (a full pipe, a terminal paused
 * with Ctrl-S) stopped the server. Here an event loop only queues its line. The writer wakes for the first line after
 * a quiet spell, so a line appears at once; under load it writes what gathered every {@link #LINGER_NANOS}, in one
 * write. Lines beyond {@link #CAPACITY} waiting are dropped and counted; the count is logged once the destination
 * takes lines again.
 */
final class LogWriter {
    /** the lines that may wait (about 2.5 MB of log text) before new ones are dropped */
    static final int CAPACITY = 16_384;
    /** how long the writer lets lines gather after a write: under load, one write per this instead of per line */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** the largest batch buffer kept between writes (chars) */
    private static final int MAX_KEPT_BATCH = 1 << 20;
    private final PrintStream out;
    /** the dropped-lines line, for a count and the current time in milliseconds */
    private final DroppedLine droppedLine;
    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Object draining = new Object();
    /**
     * the text of one write, kept between writes (guarded by draining): a new builder per write grew by copying
     * itself several times under load, the log writer's main cost after the write itself
     */
    private final StringBuilder batch = new StringBuilder(64 * 1024);
    private final Thread thread;
    /** set while the writer parks with nothing to write: the next line wakes it */
    private volatile boolean asleep;

    /** The line that reports dropped lines: a count, at a time in epoch milliseconds. */
    interface DroppedLine {
        String text(long count, long epochMillis);
    }

    LogWriter(PrintStream out, DroppedLine droppedLine) {
        this.out = out;
        this.droppedLine = droppedLine;
        this.thread = new Thread(this::run, "b24-log-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a text (a line, or a line and its stack trace, without the last line break). */
    void add(String text) {
        if (waiting.incrementAndGet() > CAPACITY) {
            waiting.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        lines.add(text);
        if (asleep) {
            LockSupport.unpark(thread);
        }
    }

    /** Writes every queued line now, on the caller's thread: before the process exits, or where a test reads. */
    void flush() {
        drain();
    }

    private void run() {
        while (true) {
            if (drain()) {
                LockSupport.parkNanos(this, LINGER_NANOS);
                continue;
            }
            asleep = true;
            if (lines.isEmpty()) { // a line added after this check sees asleep and unparks
                LockSupport.park(this);
            }
            asleep = false;
        }
    }

    /** Writes what is queued in one write; false when nothing was. */
    private boolean drain() {
        synchronized (draining) { // the writer and a flush keep the lines in their order
            batch.setLength(0);
            long lost = dropped.getAndSet(0);
            for (String text = lines.poll(); text != null; text = lines.poll()) {
                waiting.decrementAndGet();
                batch.append(text).append(System.lineSeparator());
            }
            if (lost > 0) {
                batch.append(droppedLine.text(lost, System.currentTimeMillis())).append(System.lineSeparator());
            }
            if (batch.isEmpty()) {
                return false;
            }
            out.print(batch);
            out.flush();
            if (batch.capacity() > MAX_KEPT_BATCH) {
                batch.setLength(0);
                batch.trimToSize(); // a burst's text is not kept for the rest of the run
            }
            return true;
        }
    }
}
