package dev.b24emu.emulator.internal.ui;

import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.outbound.DeliveryJournal;
import dev.b24emu.emulator.internal.portal.Portal;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The open text/event-stream answers, served by one timer per event loop: an "update" event when a watched portal's
 * journals grow, a comment every 15 s to keep the stream open. A timer per stream woke the event loop for each
 * (1,000 idle streams kept 0.5 of a core busy), and each stream watching every portal visited them all per tick
 * (0.8 of a core with 1,000 portals); now every tick visits them once.
 */
final class EventStreams {
    static final long TICK_MILLIS = 300;
    private static final int TICKS_PER_KEEP_ALIVE = 50;

    /**
     * The sequence number of the newest request journaled, how many delivery attempts were, the control API's changes,
     * and the newest request that named no portal (every dashboard shows those: D184).
     */
    record Marks(long request, long delivery, long control, long noPortal) {
        static Marks of(Collection<Portal> watched, long noPortal) {
            long lastRequest = 0;
            long deliveries = 0;
            long control = 0;
            for (Portal portal : watched) {
                lastRequest = Math.max(lastRequest, portal.store(RequestJournal.class).lastSeq());
                deliveries += portal.store(DeliveryJournal.class).recorded();
                control += portal.controlChanges();
            }
            return new Marks(lastRequest, deliveries, control, noPortal);
        }
    }

    /** One open stream; {@code portal} null watches every portal there is at each tick. */
    private static final class Stream {
        private final HttpServerResponse response;
        private final Portal portal;
        private Marks seen;
        private long quietTicks;

        Stream(HttpServerResponse response, Portal portal) {
            this.response = response;
            this.portal = portal;
        }

        void tick(Marks now) {
            if (!now.equals(seen)) {
                seen = now;
                quietTicks = 0;
                response.write("event: update\ndata: {\"request\":" + now.request() + ",\"delivery\":" + now.delivery()
                        + ",\"control\":" + now.control() + ",\"noPortal\":" + now.noPortal() + "}\n\n");
            } else if (++quietTicks % TICKS_PER_KEEP_ALIVE == 0) {
                response.write(": keep-alive\n\n");
            }
        }
    }

    /** One event loop's streams and its timer; touched only on that event loop. */
    private static final class Loop {
        final Set<Stream> streams = new LinkedHashSet<>();
        long timer;
    }

    private final Supplier<Collection<Portal>> allPortals;
    private final RequestJournal noPortal;
    /**
     * maps an event loop's thread to the streams it serves: not its context, since each request runs on a context of
     * its own, which would have given each stream its own timer again
     */
    private final Map<Thread, Loop> loops = new ConcurrentHashMap<>();

    EventStreams(Supplier<Collection<Portal>> allPortals, RequestJournal noPortal) {
        this.allPortals = allPortals;
        this.noPortal = noPortal;
    }

    /** Serves a stream until its connection closes; called on the event loop of the stream's connection. */
    void open(Vertx vertx, HttpServerResponse response, Portal portal) {
        Stream stream = new Stream(response, portal);
        Loop loop = loops.computeIfAbsent(Thread.currentThread(), t -> new Loop());
        if (loop.streams.isEmpty()) {
            loop.timer = vertx.setPeriodic(TICK_MILLIS, id -> tick(loop));
        }
        loop.streams.add(stream);
        Runnable close = () -> {
            if (loop.streams.remove(stream) && loop.streams.isEmpty()) {
                vertx.cancelTimer(loop.timer);
            }
        };
        response.closeHandler(v -> close.run());
        response.exceptionHandler(e -> close.run());
    }

    /** Visits each watched portal once per tick, however many streams watch it. */
    private void tick(Loop loop) {
        Marks all = null;
        long lastNoPortal = noPortal.lastSeq();
        for (Stream stream : List.copyOf(loop.streams)) {
            Marks now;
            if (stream.portal != null) {
                now = Marks.of(List.of(stream.portal), lastNoPortal);
            } else {
                now = all == null ? all = Marks.of(allPortals.get(), lastNoPortal) : all;
            }
            stream.tick(now);
        }
    }
}
