package dev.b24emu.emulator.internal.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.journal.JournalSequence;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.LogText;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Every POST the portal sends to an integration (events, placement openings, CallCard::* posts): asynchronous,
 * journaled attempt by attempt on the portal, retried only when the portal opts in. A handler cannot hold a delivery:
 * each attempt has 5 s in all (connect, answer, body), the answer's body is read and discarded, connections are never
 * reused and a portal holds {@link #PORTAL_CONNECTIONS} at most (so no portal's stalled handlers take another's
 * connections), and no handler URL may reach the emulator itself ({@link SelfGuard}).
 */
public final class Outbound {
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.outbound");
    /** How long an attempt may take in all, from connecting to the last byte of the answer. */
    public static final int TIMEOUT_MILLIS = 5_000;
    /** How long a delivery waits for the answer to the one before it to the same URL (see {@link #post(Portal, Message)}). */
    static final int IN_TURN_MILLIS = 1_000;
    /** how many deliveries to one URL may wait their turn before the next one goes without waiting */
    static final int MAX_WAITING = 100;
    /**
     * the most deliveries of one portal queued or in flight: past it one is journaled as failed and not sent, as the
     * queue server logs a failure and never resends (events/index.md). A thousand handlers and one batch of 50 adds
     * made 50,000 at once, 3.7 KB of heap each, and two such batches ran the heap out.
     */
    public static final int MAX_PENDING = 10_000;
    /**
     * the most connections one portal's deliveries hold at once; past it, its next attempt waits for one of its own
     * to end (its 5 s start when it is sent). The client's pool is per handler host and shared: with its bound
     * alone, one portal's 256 stalled handlers on a host made every other portal's delivery there wait 5 s (audit 60a).
     */
    static final int PORTAL_CONNECTIONS = 256;
    private final int maxPending;
    /** maps a portal's ID to its deliveries' connections (see {@link #PORTAL_CONNECTIONS}) */
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    /** maps a portal's ID to its deliveries queued or in flight */
    private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
    /** maps "portal URL" to the last delivery there not yet over */
    private final Map<String, Turn> inTurn = new ConcurrentHashMap<>();

    /** the server's Vert.x instance, which may still be being made while the server is wired (VertxLease) */
    private final Supplier<Vertx> vertx;
    /** made on the first delivery: a server that sends nothing never loads the client side of Vert.x (and starts sooner) */
    private volatile HttpClient client;
    private final SelfGuard self;
    /** set when the server closes: its Vert.x instance may live on (shared), so a pending retry must not send */
    private volatile boolean closed;

    public Outbound(Supplier<Vertx> vertx, SelfGuard self) {
        this(vertx, self, MAX_PENDING);
    }

    Outbound(Supplier<Vertx> vertx, SelfGuard self, int maxPending) {
        this.vertx = vertx;
        this.self = self;
        this.maxPending = maxPending;
    }

    HttpClient client() { // package-private for OutboundCloseTest
        HttpClient local = client;
        if (local == null) {
            synchronized (this) {
                local = client;
                if (local == null) {
                    local = vertx.get().httpClientBuilder()
                            .with(new HttpClientOptions().setKeepAlive(false).setConnectTimeout(TIMEOUT_MILLIS)
                                    .setIdleTimeout(TIMEOUT_MILLIS / 1000).setTrustAll(true).setVerifyHost(false))
                            .with(new PoolOptions().setHttp1MaxSize(PORTAL_CONNECTIONS * 16).setMaxWaitQueueSize(4096))
                            .build();
                    client = local;
                }
            }
        }
        return local;
    }

    /**
     * One POST to an integration.
     *
     * @param label   what the journal calls it (the event name, or the placement code)
     * @param payload the body as a parameter tree, for the journal
     * @param forged  sent as someone who is not the portal (the control API's forged trigger): journaled as such
     */
    public record Message(String label, long handlerId, String url, String contentType, String body,
                          ObjectNode payload, boolean forged) {
    }

    /** A delivery of the portal's own: see {@link Message}. */
    public Future<Delivery> post(Portal portal, String label, long handlerId, String url, String contentType,
                                 String body, ObjectNode payload) {
        return post(portal, new Message(label, handlerId, url, contentType, body, payload, false));
    }

    /**
     * @return the first attempt as journaled, once it is over (retries, if the portal wants them, follow on their own)
     *
     * A delivery to a URL the portal is still delivering to waits its turn: the answer to the one before, or
     * {@link #IN_TURN_MILLIS} after that one was sent. A portal's events reach a handler one after the other as they
     * happen, where a move of the clock that passes a call's start and end made both at once, and the end arrived
     * first; counted from when a delivery was queued instead, the second of three queued together fired with the
     * first once a handler took 300 ms. A stalled handler delays each next delivery a second at most, and past
     * {@link #MAX_WAITING} queued to one URL the next goes at once, so what waits stays bounded.
     */
    public Future<Delivery> post(Portal portal, Message message) {
        AtomicInteger queued = pending.computeIfAbsent(portal.id(),
                id -> new AtomicInteger());
        if (queued.incrementAndGet() > maxPending) {
            queued.decrementAndGet();
            return Future.succeededFuture(refused(portal, message));
        }
        Promise<Delivery> first = Promise.promise();
        first.future().onComplete(over -> queued.decrementAndGet());
        Promise<Void> done = Promise.promise(); // answered, or a second after it was sent: the next one's turn
        first.future().onComplete(answered -> done.tryComplete());
        String key = portal.id() + " " + message.url();
        Runnable send = () -> {
            post(portal, message, 1, first);
            if (!first.future().isComplete()) {
                long timer = vertx.get().setTimer(IN_TURN_MILLIS, t -> done.tryComplete());
                first.future().onComplete(answered -> vertx.get().cancelTimer(timer));
            }
        };
        Turn[] previous = new Turn[1];
        Turn mine = inTurn.compute(key, (k, last) -> {
            previous[0] = last == null || last.turn().isComplete() ? null : last;
            return new Turn(done.future(), previous[0] == null ? new AtomicInteger() : previous[0].waiting());
        });
        mine.turn().onComplete(over -> inTurn.remove(key, mine));
        AtomicInteger waiting = mine.waiting(); // one count for every delivery of the URL's run of turns
        if (previous[0] != null && waiting.incrementAndGet() <= MAX_WAITING) {
            previous[0].turn().onComplete(over -> {
                waiting.decrementAndGet();
                send.run();
            });
        } else {
            if (previous[0] != null) {
                waiting.decrementAndGet(); // too many wait already: this one goes at once
            }
            send.run();
        }
        return first.future();
    }

    /** Whether the portal has {@link #MAX_PENDING} deliveries queued or in flight: the next is not built, nor sent. */
    public boolean saturated(Portal portal) {
        AtomicInteger queued = pending.get(portal.id());
        return queued != null && queued.get() >= maxPending;
    }

    /** A delivery not sent, since the portal has {@link #MAX_PENDING} queued or in flight: journaled as failed. */
    public Delivery refused(Portal portal, Message message) {
        return journal(JournalSequence.next(), portal, message, 1, 0, "Not sent: " + maxPending + " deliveries of "
                + "this portal are queued or in flight; as the queue server, it logs the failure and does not resend",
                System.nanoTime());
    }

    /** A delivery's turn being over, and how many deliveries to its URL are waiting for their turn. */
    private record Turn(Future<Void> turn, AtomicInteger waiting) {
    }

    /** A portal's connections open, and its attempts waiting for one (guarded by {@link #gates}' compute). */
    private static final class Gate {
        private int open;
        private final java.util.ArrayDeque<Runnable> waiting = new java.util.ArrayDeque<>();
    }

    /** Runs the attempt when the portal has a connection to spare, else when one of its own ends. */
    private void enter(String portalId, Runnable attempt) {
        boolean[] now = {false};
        gates.compute(portalId, (id, gate) -> {
            Gate g = gate == null ? new Gate() : gate;
            if (g.open < PORTAL_CONNECTIONS) {
                g.open++;
                now[0] = true;
            } else {
                g.waiting.add(attempt);
            }
            return g;
        });
        if (now[0]) {
            attempt.run();
        }
    }

    /** A connection of the portal's ended: the next waiting attempt takes it. */
    private void leave(String portalId) {
        Runnable[] next = {null};
        gates.computeIfPresent(portalId, (id, g) -> {
            next[0] = g.waiting.poll();
            if (next[0] == null) {
                g.open--;
            }
            return g.open == 0 ? null : g;
        });
        if (next[0] != null) {
            Runnable waiting = next[0];
            vertx.get().runOnContext(v -> waiting.run()); // not from here: attempts failing at once would nest
        }
    }

    private void post(Portal portal, Message message, int attempt, Promise<Delivery> first) {
        if (closed) {
            first.tryFail("The emulator is closed");
            return;
        }
        long started = System.nanoTime();
        long seq = JournalSequence.next();
        String url = message.url();
        String refusal = self.refusal(url);
        if (refusal != null) {
            first.tryComplete(journal(seq, portal, message, attempt, 0, refusal, started));
            return;
        }
        enter(portal.id(), () -> send(portal, message, attempt, first, seq, started));
    }

    /** An attempt with a connection of the portal's: it gives the connection back when it is over. */
    private void send(Portal portal, Message message, int attempt, Promise<Delivery> first, long seq, long started) {
        String url = message.url();
        if (closed) {
            leave(portal.id());
            first.tryFail("The emulator is closed");
            return;
        }
        Promise<Integer> outcome = Promise.promise();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        AtomicReference<String> location = new AtomicReference<>();
        long deadline = vertx.get().setTimer(TIMEOUT_MILLIS, t -> {
            // the reason first: the reset fails the answer at once, which journalled "Stream reset: 0" (audit 50c)
            outcome.tryFail("No complete answer within " + TIMEOUT_MILLIS + " ms");
            HttpClientRequest request = sent.get();
            if (request != null) {
                request.reset();
            }
        });
        RequestOptions options;
        try {
            options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                    .putHeader("Content-Type", message.contentType()).putHeader("User-Agent", "Bitrix24 Webhook Engine");
        } catch (RuntimeException badUrl) {
            vertx.get().cancelTimer(deadline);
            leave(portal.id());
            first.tryComplete(journal(seq, portal, message, attempt, 0,
                    "Invalid URL: " + badUrl.getMessage(), started));
            return;
        }
        client().request(options).onFailure(outcome::tryFail).onSuccess(request -> {
            sent.set(request);
            io.vertx.core.net.SocketAddress remote = request.connection().remoteAddress();
            String refused = remote == null || remote.hostAddress() == null ? null
                    : self.refusal(url, addressOf(remote.hostAddress()), remote.port());
            if (refused != null) {
                request.reset();
                outcome.tryFail(refused);
                return;
            }
            request.response().onFailure(outcome::tryFail).onSuccess(response -> {
                location.set(response.getHeader("Location"));
                response.handler(chunk -> { }); // read and discarded: a handler's answer never fills the heap
                response.exceptionHandler(outcome::tryFail);
                response.endHandler(v -> outcome.tryComplete(response.statusCode()));
            });
            request.end(Buffer.buffer(message.body())).onFailure(outcome::tryFail);
        });
        outcome.future().onComplete(result -> {
            vertx.get().cancelTimer(deadline);
            leave(portal.id());
            int status = result.succeeded() ? result.result() : 0;
            String error = result.failed() ? String.valueOf(result.cause().getMessage())
                    : status / 100 == 2 ? null : "HTTP " + status + redirect(status, location.get());
            first.tryComplete(journal(seq, portal, message, attempt, status, error, started));
            if (error != null) {
                // the console shows a failed delivery beside the requests: the journal alone went unseen (audit 60a)
                LOG.info("Delivery {} to {} of portal {} failed: {} (attempt {})", LogText.safe(message.label()),
                        LogText.safe(redacted(url)), LogText.safe(portal.id()), LogText.safe(redacted(error)), attempt);
            }
            if (error != null && attempt <= portal.settings().eventRetries()) {
                vertx.get().setTimer(500L * attempt,
                        t -> post(portal, message, attempt + 1, first));
            }
        });
    }

    /** Sends nothing more (a retry due later is dropped) and closes the client's connections. */
    public Future<Void> close() {
        closed = true;
        HttpClient local = client;
        Future<Void> closing = local == null ? null : local.close();
        // null when the listener's verticle the client was made on closed it already and the client was collected:
        // Vert.x (5.1) then has nothing to answer with (OutboundCloseTest)
        return closing == null ? Future.succeededFuture() : closing;
    }

    /** Where a redirect pointed, said in the journal: a delivery succeeds on 2xx alone, a redirect is not followed. */
    private static String redirect(int status, String location) {
        return status / 100 == 3 && location != null ? " to " + location + " (not followed: a delivery succeeds on 2xx)"
                : "";
    }

    /** URLs in a text for the log: their user-info and query may carry an integration's secrets (audit 60f). */
    static String redacted(String text) {
        return URL.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + m.group(3)
                + (m.group(4) == null ? "" : "?…")));
    }

    private static final java.util.regex.Pattern URL =
            java.util.regex.Pattern.compile("(https?://)([^/@\\s?#]*@)?([^\\s?#]*)(\\?[^\\s#]*)?");

    private static java.net.InetAddress addressOf(String literal) {
        try {
            return java.net.InetAddress.getByName(literal); // a literal address: no lookup
        } catch (java.net.UnknownHostException e) {
            return java.net.InetAddress.getLoopbackAddress(); // cannot happen for a connected address; refuse if it does
        }
    }

    private static Delivery journal(long seq, Portal portal, Message message, int attempt, int status, String error,
                                    long startedNanos) {
        return portal.store(DeliveryJournal.class).record(seq, portal.isoNow(), portal.id(), message, attempt, status,
                error, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
