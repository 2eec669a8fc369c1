package dev.b24emu.emulator.internal.server;

import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP server on one event loop; all of them share the entry (and the router behind it) and the server's
 * {@link ConnectionLimit} and {@link HeadBudget}. Three guards per connection:
 * <ul>
 * <li>a new connection must deliver its first request's headers within the header timeout, or it is closed: the idle
 * timeout alone would let a client keep a connection forever by sending a header byte now and then;</li>
 * <li>past the connection limit, a new connection closes the connection of this event loop that has been idle
 * longest (no request yet, or its last one answered), as nginx reuses its idle keep-alive connections when out of
 * worker connections; when every one here is busy answering, the new connection itself is closed;</li>
 * <li>the bytes of a head it has not finished sending count in the head budget, which closes the connections with
 * the largest unfinished heads when the heads received at once would fill the heap.</li>
 * </ul>
 * Each connection also sends its answers when the event loop has done the reads at hand, not each at the end of its
 * own read (Netty's {@link FlushConsolidationHandler}): a flush is a write to the socket, and on loopback each write
 * wakes the client's thread, which under load handles that one answer and sleeps again before the next connection's
 * comes. Under 16 connections of register (wrk) the socket writes were a quarter of the emulator's CPU, more per
 * answer than the whole of a bare Vert.x route's; sent together they cost a tenth less CPU per request and gave 12-21 %
 * more requests a second, with the same median latency for one connection alone (bench/RESULTS.md, twenty-second
 * session). A close Vert.x makes waits for that flush too, so the head budget closes below Vert.x's handler.
 * Everything here runs on the verticle's event loop, so the map needs no lock.
 */
final class HttpVerticle extends VerticleBase {
    /** how often the answers of connections gone idle are let go (see {@link Tracked#response}) */
    private static final long SWEEP_MILLIS = 1000;

    private final Handler<HttpServerRequest> entry;
    private final HttpServerOptions options;
    private final AtomicInteger bound;
    private final long headerMillis;
    private final ConnectionLimit limit;
    private final HeadBudget heads;
    /**
     * maps this event loop's open connections to what is known of them, the one that sent a request least recently
     * first (access order: a request moves its connection to the end)
     */
    private final LinkedHashMap<HttpConnection, Tracked> connections = new LinkedHashMap<>(16, 0.75f, true);
    private long sweeper = -1;

    /** what a TLS listener does with a failure before a connection (a handshake a client broke off); null if plain */
    private final Handler<Throwable> tlsFailures;

    HttpVerticle(Handler<HttpServerRequest> entry, HttpServerOptions options, AtomicInteger bound, int headerSeconds,
                 ConnectionLimit limit, HeadBudget heads, Handler<Throwable> tlsFailures) {
        this.tlsFailures = tlsFailures;
        this.entry = entry;
        this.options = options;
        this.bound = bound;
        this.headerMillis = headerSeconds * 1000L;
        this.limit = limit;
        this.heads = heads;
    }

    /** One connection. */
    private static final class Tracked {
        /**
         * the header timer until the first request head, then -1; cancelled at the head or the close: a timer left to
         * run held its closed connection (about 8 KB) for the whole header timeout, and a client opening a connection
         * per request (PHP's curl) filled the heap in 15 s
         */
        long headerTimer;
        /**
         * the answer to the last request, until it is seen ended; the answer, not the request, whose handlers hold its
         * body (up to --body-limit) and its decoded parameters
         */
        HttpServerResponse response;

        Tracked(long headerTimer) {
            this.headerTimer = headerTimer;
        }

        /**
         * Not yet sent a request, or its last one answered (an answer that goes before its body is read closes the
         * connection).
         */
        boolean idle() {
            return response == null || response.ended();
        }
    }

    @Override
    public Future<?> start() {
        sweeper = vertx.setPeriodic(SWEEP_MILLIS, id -> connections.values().forEach(tracked -> {
            if (tracked.response != null && tracked.idle()) {
                tracked.response = null;
            }
        }));
        io.vertx.core.http.HttpServer listening = vertx.createHttpServer(options);
        if (tlsFailures != null) {
            listening.exceptionHandler(tlsFailures);
        }
        return listening
                .connectionHandler(this::opened)
                .requestHandler(request -> {
                    Tracked tracked = connections.get(request.connection());
                    if (tracked != null) { // null only for a request on a connection already closed here
                        headSent(tracked);
                        tracked.response = request.response();
                    }
                    entry.handle(request);
                })
                .listen()
                .onSuccess(server -> bound.set(server.actualPort()));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(sweeper);
        return Future.succeededFuture();
    }

    private void opened(HttpConnection connection) {
        boolean over = limit.openedOver();
        // how Vert.x 5 makes its HTTP/1.x connections; watched, the connection has the decoder the flushes go beside
        if (connection instanceof ConnectionBase netty && heads.watch(netty.channel())) {
            netty.channel().pipeline().addBefore(HeadBudget.DECODER, "b24emu-flush", new FlushConsolidationHandler(
                    FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        }
        Tracked tracked = new Tracked(vertx.setTimer(headerMillis, id -> {
            Tracked waiting = connections.get(connection);
            if (waiting != null && waiting.headerTimer == id) {
                waiting.headerTimer = -1;
                connection.close();
            }
        }));
        connections.put(connection, tracked);
        connection.closeHandler(v -> {
            Tracked gone = connections.remove(connection);
            if (gone != null) {
                headSent(gone);
            }
            limit.closed();
        });
        if (over) {
            makeRoomFor(connection);
        }
    }

    /** Past the limit: the longest idle connection here goes, or, with none idle, the new one. */
    private void makeRoomFor(HttpConnection connection) {
        for (Map.Entry<HttpConnection, Tracked> candidate : connections.entrySet()) {
            if (candidate.getKey() != connection && candidate.getValue().idle()) {
                candidate.getKey().close();
                limit.closedIdle();
                return;
            }
        }
        connection.close();
        limit.refused();
    }

    /** The connection sent a request head, or closed: its header timer goes, and the reference it held. */
    private void headSent(Tracked tracked) {
        if (tracked.headerTimer >= 0) {
            vertx.cancelTimer(tracked.headerTimer);
            tracked.headerTimer = -1;
        }
    }
}
