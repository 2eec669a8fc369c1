package dev.b24emu.emulator.internal.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many connections all of a server's listeners hold at once (D124). Each open connection keeps about 8 KB of heap
 * (Netty's and Vert.x's buffers and queues), so a client that leaks keep-alive connections (a new HTTP client per
 * request, never closed) would fill a 256 MiB heap with 30,000 of them, or take every file descriptor the process
 * may open and with them the listeners' accepts, for everyone, until the idle timeout. Past the limit a new connection
 * closes an idle one (HttpVerticle), as nginx in front of the real portal reuses its idle keep-alive connections when
 * it runs out of worker connections.
 */
final class ConnectionLimit {
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.server");
    /** descriptors kept for everything else: the state file, the jar, outgoing webhooks' and handlers' connections */
    static final int RESERVED_DESCRIPTORS = 256;

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong closedIdle = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final RareWarning warning = new RareWarning();

    ConnectionLimit(int max) {
        this.max = max;
    }

    /** The limit asked for, lowered to what the process's file descriptor limit leaves room for. */
    static ConnectionLimit of(int asked) {
        return new ConnectionLimit(within(asked, descriptorLimit()));
    }

    static int within(int asked, long descriptors) {
        if (descriptors <= 0) {
            return asked;
        }
        return (int) Math.max(1, Math.min(asked, descriptors - RESERVED_DESCRIPTORS));
    }

    /**
     * The process's file descriptor limit (its soft limit, which the JVM raises to the hard one at start on Linux), or
     * 0 where it cannot be told. Read from /proc/self/limits on Linux: the management beans the JVM would tell it
     * through take 15-20 ms of a start to make, which an in-process start (no heap guard) needs for nothing else.
     */
    static long descriptorLimit() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    return procLimit(line);
                }
            }
        } catch (java.io.IOException | RuntimeException notLinux) {
            // the management bean below
        }
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : 0;
    }

    /** The soft limit of a /proc/self/limits line ("Max open files  1024  4096  files"); "unlimited" is none. */
    static long procLimit(String line) {
        String[] columns = line.substring("Max open files".length()).trim().split("\\s+");
        return columns[0].matches("\\d{1,18}") ? Long.parseLong(columns[0]) : 0;
    }

    int max() {
        return max;
    }

    /** A connection was accepted; true when it takes the count past the limit. */
    boolean openedOver() {
        return open.incrementAndGet() > max;
    }

    void closed() {
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }

    /** An idle connection was closed to make room for a new one. */
    void closedIdle() {
        closedIdle.incrementAndGet();
        warn();
    }

    /** A new connection was closed: every one on its event loop was answering a request. */
    void refused() {
        refused.incrementAndGet();
        warn();
    }

    /** One line at most every 10 s: a leaking client reaches the limit with every request it sends. */
    private void warn() {
        if (warning.due()) {
            LOG.warn("{} connections are open, the limit (--max-connections): {} idle ones closed and {} new ones "
                    + "refused so far; a client may be leaking connections (a new HTTP client per request)",
                    open.get(), closedIdle.get(), refused.get());
        }
    }
}
