package dev.b24emu.emulator.internal.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.transport.Transport;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.SubstituteLoggerFactory;

import java.net.BindException;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A server's hold on the Vert.x instance it runs on: either one made for it alone (the command line prepares one
 * while it reads its options) or the instance the in-process servers of a JVM share. The instance may still be being
 * made on another thread when the lease is taken: {@link #vertx()} waits for it, so a server wires what does not
 * need it (its services, its areas, its default portal) meanwhile.
 * <p>
 * Why share: a JVM test suite starts a server per test class, and making a Vert.x instance (event-loop threads,
 * Netty's set-up) and closing it again (waiting for those threads to end) was two thirds of each later start and
 * stop (bench/run.sh inprocess). The shared instance's threads are daemons, so a JVM whose servers are all closed
 * exits as before; while any is open, a keeper thread holds the JVM up, as the instance's own threads did. A server
 * on it releases what it made there itself (EmulatorServer#close); what no handler caught reaches every open
 * server's health check, as a fatal error of the JVM concerns them all.
 */
final class VertxLease {
    /** the system property naming the I/O transport for every instance: {@code io_uring} or {@code nio} */
    static final String TRANSPORT_PROPERTY = "b24emu.transport";
    /** the most listeners an in-process server starts by default (see {@link #listeners}) */
    static final int IN_PROCESS_LISTENERS = 2;

    /** an instance made (or being made) for the next server alone, by {@link #prepareOwn} */
    private static CompletableFuture<Vertx> prepared;
    /** the JVM's shared instance, made or being made; null before the first server, or after it failed to be made */
    private static CompletableFuture<Vertx> shared;
    /** the leases on the shared instance not yet closed */
    private static int open;
    /** the fixed ports open servers on the shared instance listen on: Vert.x would share one between two servers */
    private static final Set<Integer> PORTS = new HashSet<>();
    /** the open servers' health checks, told of what no handler caught */
    private static final Set<Consumer<Throwable>> FAILED = new CopyOnWriteArraySet<>();

    private final CompletableFuture<Vertx> instance;
    private final boolean owned;
    private final Set<Integer> ports = new HashSet<>();
    private Consumer<Throwable> failed;
    /** the instance's transport's name, once asked */
    private volatile String transport;
    private boolean closed;

    /** Leases are taken with {@link #take()}; a test may make one to check what depends on its kind alone. */
    VertxLease(CompletableFuture<Vertx> instance, boolean owned) {
        this.instance = instance;
        this.owned = owned;
    }

    /**
     * Begins making, on another thread, an instance the next server will own (the command line's, while picocli
     * reads its options); its threads are not daemons.
     */
    static void prepareOwn() {
        synchronized (VertxLease.class) {
            if (prepared == null) {
                prepared = inBackground(() -> Vertx.vertx(options(true)));
            }
        }
    }

    /**
     * Begins making the instance the next server will take, unless one is made or being made: the first server's own
     * set-up (Jackson, the contracts, its services and default portal) overlaps it.
     */
    static synchronized void prepare() {
        if (prepared == null) {
            sharedInstance();
        }
    }

    /** The next server's lease: on the instance {@link #prepareOwn} made, else on the JVM's shared one. */
    static synchronized VertxLease take() {
        if (prepared != null) {
            VertxLease own = new VertxLease(prepared, true);
            prepared = null;
            return own;
        }
        CompletableFuture<Vertx> instance = sharedInstance();
        if (open++ == 0) {
            keepJvmUp();
        }
        return new VertxLease(instance, false);
    }

    /** The shared instance, made or being made (again, if making it failed). */
    private static CompletableFuture<Vertx> sharedInstance() {
        if (shared == null || shared.isCompletedExceptionally()) {
            // SLF4J's provider started here, on the starting thread, which needs it next anyway (its first logger
            // would start it while the instance is being made, and the instance's thread then waited for it)
            LoggerFactory.getILoggerFactory();
            shared = inBackground(() -> {
                Vertx vertx = Vertx.vertx(options(false).setUseDaemonThread(true));
                vertx.exceptionHandler(error -> FAILED.forEach(health -> health.accept(error)));
                return vertx;
            });
        }
        return shared;
    }

    /**
     * Waits until SLF4J has its provider: Netty logs its first (debug) lines while it is made, and lines logged while
     * another thread starts the provider are queued and replayed under an SLF4J warning, which a test JVM's first start
     * printed into its suite's output. Starts the provider when no thread has; gives up waiting after two seconds.
     */
    private static void loggingStarted() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (LoggerFactory.getILoggerFactory() instanceof SubstituteLoggerFactory && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static CompletableFuture<Vertx> inBackground(Supplier<Vertx> make) {
        // InetAddress initialised here, before the thread: Netty's io_uring library initialises it while it is loaded,
        // under the JVM's lock on loading libraries, and InetAddress's own initialisation loads a library. With the
        // starting thread initialising InetAddress meanwhile (a loopback check of the listening address), each waited
        // for the other, and a JVM's first start hung for good (features suite, 2026-12-07).
        InetAddress.getLoopbackAddress();
        CompletableFuture<Vertx> making = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                loggingStarted();
                making.complete(make.get());
            } catch (RuntimeException | Error e) {
                making.completeExceptionally(e);
            }
        }, "b24-emulator-prepare");
        thread.setDaemon(true);
        thread.start();
        return making;
    }

    /** While a server on the shared instance is open, a non-daemon thread waits for the last to close. */
    private static void keepJvmUp() {
        Thread keeper = new Thread(() -> {
            synchronized (VertxLease.class) {
                while (open > 0) {
                    try {
                        VertxLease.class.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "b24-emulator-keeper");
        keeper.setDaemon(false);
        keeper.start();
    }

    /**
     * An instance made for one server alone (the command line's, which load tests drive) runs on Netty's io_uring
     * transport where the kernel allows it: the same requests for 7-13 % less CPU than Java NIO under wrk
     * (bench/RESULTS.md, twenty-fourth session). The in-process servers' shared instance stays on NIO: JVM tests
     * send a request at a time, and loading io_uring's native library made the first in-process start about 40 ms
     * slower (463-506 ms in three runs against 427-467 ms in four). {@code -Db24emu.transport=io_uring} or
     * {@code nio} decides for both. Where io_uring is refused (another platform or architecture, a kernel with it
     * off, a container whose seccomp profile refuses its system calls) Vert.x stays on NIO by itself. Netty's rings
     * are made smaller than its default 4,096 entries unless the JVM is told otherwise: at the default they cost
     * 12 MiB more RSS than NIO under the wrk mix, at 256 entries 4 MiB, for the same CPU time a request.
     *
     * @param own whether the instance is made for one server alone (else it is the in-process servers' shared one)
     */
    static VertxOptions options(boolean own) {
        String asked = System.getProperty(TRANSPORT_PROPERTY, "").trim();
        boolean ioUring = asked.equalsIgnoreCase("io_uring") || (own && !asked.equalsIgnoreCase("nio"));
        if (ioUring) {
            setIfAbsent("io.netty.iouring.ringSize", "256");
            setIfAbsent("io.netty.iouring.cqSize", "512");
        }
        return new VertxOptions().setPreferNativeTransport(ioUring);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** The transport the instance runs on, as its health check reports it: io_uring or nio (or epoll, kqueue). */
    String transport() {
        String name = transport;
        if (name == null) {
            name = Transport.NIO.name();
            VertxInternal running = (VertxInternal) vertx();
            // only a native instance is matched: asking whether io_uring is available loads its native library
            if (running.isNativeTransportEnabled()) {
                Class<?> kind = running.transport().getClass();
                for (Transport known : new Transport[]{Transport.IO_URING, Transport.EPOLL, Transport.KQUEUE}) {
                    if (known != null && known.available() && known.implementation().getClass() == kind) {
                        name = known.name();
                        break;
                    }
                }
            }
            transport = name;
        }
        return name;
    }

    /** The instance, once made (waits for it). */
    Vertx vertx() {
        try {
            return instance.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("Cannot make the Vert.x instance: " + cause, cause);
        }
    }

    /**
     * How many HTTP listeners (one per event loop) a server starts when its options do not say: one per core for
     * the command line, which load tests drive; at most {@link #IN_PROCESS_LISTENERS} for an in-process server,
     * whose tests send a request at a time, since each listener is deployed at every start and closed at every stop
     * (on two cores, 16 listeners made a later start's listening 14 ms instead of 5 and its stop 6 ms instead of 2-3).
     */
    int listeners(int configured, int cores) {
        if (configured > 0) {
            return configured;
        }
        return owned ? cores : Math.min(cores, IN_PROCESS_LISTENERS);
    }

    /** Where the server's health check hears of failures no handler caught. */
    void onFailure(Consumer<Throwable> health) {
        failed = health;
        if (owned) {
            vertx().exceptionHandler(health::accept);
        } else {
            FAILED.add(health);
        }
    }

    /**
     * Claims a fixed port before the server listens on it: on a shared instance Vert.x would hand a second server's
     * listener the first's socket (and round-robin their requests) where a server of its own fails to bind.
     */
    void claim(int port) {
        if (owned || port <= 0) {
            return;
        }
        synchronized (VertxLease.class) {
            if (!PORTS.add(port)) {
                BindException inUse = new BindException("Address already in use");
                throw new IllegalStateException(inUse.getMessage() + " (port " + port + ")", inUse);
            }
        }
        ports.add(port);
    }

    /** Ends the lease; the server has released what it made on the instance. An owned instance is closed. */
    Future<Void> close() {
        if (owned) {
            return instance.isCompletedExceptionally() ? Future.succeededFuture() : vertx().close();
        }
        synchronized (VertxLease.class) {
            if (!closed) {
                closed = true;
                PORTS.removeAll(ports);
                if (failed != null) {
                    FAILED.remove(failed);
                }
                open--;
                VertxLease.class.notifyAll();
            }
        }
        Vertx shared = instance.isCompletedExceptionally() ? null : instance.getNow(null);
        return shared == null ? Future.succeededFuture() : acceptorsSelected(shared);
    }

    /**
     * Completes once every acceptor loop of the instance has selected again. Java NIO releases a registered
     * channel's descriptor only when the selector drops its key, on the loop's next select, after Vert.x has
     * reported the listener closed: until then the port still accepts connections, which are dropped without an
     * answer (11 times in 300 starts and closes of one JVM before this wait, none after). An owned instance's close
     * ends its loops, which closes everything. A task scheduled ahead runs only after a select.
     */
    private static Future<Void> acceptorsSelected(Vertx vertx) {
        java.util.List<Future<Void>> selected = new java.util.ArrayList<>();
        for (io.netty.util.concurrent.EventExecutor acceptor : ((VertxInternal) vertx).acceptorEventLoopGroup()) {
            Promise<Void> ran = Promise.promise();
            acceptor.schedule(() -> ran.complete(), 1, TimeUnit.MILLISECONDS);
            selected.add(ran.future());
        }
        return Future.all(selected).mapEmpty();
    }
}
