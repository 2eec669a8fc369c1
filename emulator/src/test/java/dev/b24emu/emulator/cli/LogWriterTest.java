package dev.b24emu.emulator.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log's lines leave the event loops: a line appears without anyone waiting for it, in the order lines came, and a
 * destination that stops taking lines neither stops the threads that log nor grows the memory without bound.
 */
class LogWriterTest {
    private static LogWriter writer(OutputStream to) {
        return new LogWriter(new PrintStream(to, true, StandardCharsets.UTF_8), (count, at) -> count + " dropped");
    }

    private static List<String> lines(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aLineAppearsOnItsOwnAndLinesKeepTheirOrder() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogWriter writer = writer(bytes);
        writer.add("first");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (lines(bytes).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(List.of("first"), lines(bytes), "the writer woke for a line after a quiet spell");
        Thread[] loggers = new Thread[2];
        for (int t = 0; t < loggers.length; t++) {
            String name = "t" + t;
            loggers[t] = new Thread(() -> IntStream.range(0, 5000).forEach(i -> writer.add(name + " " + i)));
            loggers[t].start();
        }
        for (Thread logger : loggers) {
            logger.join();
        }
        writer.flush();
        List<String> written = lines(bytes);
        assertEquals(10_001, written.size());
        for (String name : List.of("t0", "t1")) {
            assertEquals(IntStream.range(0, 5000).mapToObj(i -> name + " " + i).toList(),
                    written.stream().filter(line -> line.startsWith(name + " ")).toList(), "each thread's lines in order");
        }
    }

    @Test
    void aDestinationThatStopsTakingLinesStopsNoLoggerAndTheDroppedLinesAreCounted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        OutputStream paused = new OutputStream() { // a terminal paused with Ctrl-S, a pipe nobody reads
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                blocked.countDown();
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                bytes.write(b, off, len);
            }
        };
        LogWriter writer = writer(paused);
        writer.add("before");
        assertTrue(blocked.await(5, TimeUnit.SECONDS), "the writer is writing 'before'");
        int lines = LogWriter.CAPACITY + 3616;
        long started = System.nanoTime();
        IntStream.range(0, lines).forEach(i -> writer.add("line " + i));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMillis < 5000, "queuing never waits for the destination: " + tookMillis + " ms");
        resume.countDown();
        writer.flush();
        List<String> written = lines(bytes);
        assertEquals("before", written.get(0));
        assertEquals(IntStream.range(0, LogWriter.CAPACITY).mapToObj(i -> "line " + i).toList(),
                written.subList(1, 1 + LogWriter.CAPACITY), "what fitted is written, in order");
        assertEquals(List.of("3616 dropped"), written.subList(1 + LogWriter.CAPACITY, written.size()));
    }
}
