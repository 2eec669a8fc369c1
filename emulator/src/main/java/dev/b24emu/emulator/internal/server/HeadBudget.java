package dev.b24emu.emulator.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request heads a server's listeners are receiving at once: at most {@code max} bytes (D126). Netty keeps a head
 * in memory until all of it has come (a request line up to 1 MiB, headers up to 64 KiB), and the header timeout bounds
 * for how long, not how many: 1,000 connections each 60 KB into headers that never end filled a 64 MiB heap, 8,000
 * the launcher's 256 MiB, and the event loops died of {@code OutOfMemoryError} for good. Past the budget the
 * connections holding the largest unfinished heads are closed until a quarter of it is free again (so that one look
 * over the connections makes room for many heads); a head decoded in time costs nothing here.
 *
 * <p>A connection's count is what it sent since its last request head was decoded, less the bodies decoded meanwhile.
 * It is taken after each read, once the decoder has seen it: when a request ends within a read, the rest of that read
 * may have begun the next head, so what of the read was not body stays counted until that head is decoded (a head's
 * worth for an ordinary keep-alive connection, a few hundred bytes). A connection closed for room lets its head go only
 * when its event loop is done with the reads at hand, so its count stays until then, and a connection whose unfinished
 * head grows while the count is still past the budget is closed too: a burst of connections, all read in one turn of
 * the event loops, passed the budget many times over (a 64 MiB heap filled by 1,000 heads at once).
 */
final class HeadBudget {
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.server");
    /** Vert.x's name for an HTTP/1.x connection's request decoder; an HTTP/2 connection has none (and its own limits) */
    static final String DECODER = "httpDecoder";

    private final long max;
    private final AtomicLong used = new AtomicLong();
    /** of {@link #used}, the heads of connections closed for room whose event loop has not yet let them go */
    private final AtomicLong closing = new AtomicLong();
    /** the connections being watched, where the largest unfinished heads are looked for */
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final AtomicLong closed = new AtomicLong();
    private final RareWarning warning = new RareWarning();

    HeadBudget(long max) {
        this.max = max;
    }

    /**
     * The budget of a server: a sixteenth of the heap (a head takes one to two times its size while it is received), and
     * at least twice the largest head a request may have, so that one always fits beside what others hold.
     */
    static HeadBudget forHeap(long maxHeap, long largestHead) {
        return new HeadBudget(Math.max(2 * largestHead, maxHeap / 16));
    }

    long max() {
        return max;
    }

    /** Bytes of unfinished heads counted now. */
    long used() {
        return used.get();
    }

    /**
     * Counts the heads a new connection sends; called on its event loop before it reads. False for a connection without
     * an HTTP/1.x decoder, which is not watched.
     */
    boolean watch(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(DECODER) == null) {
            return false;
        }
        Watched connection = new Watched();
        watched.add(connection);
        pipeline.addBefore(DECODER, "b24emu-head-bytes", connection.bytes);
        pipeline.addAfter(DECODER, "b24emu-head-seen", connection.seen);
        return true;
    }

    /**
     * Closes the connections with the largest unfinished heads until a quarter of the budget is free, not counting the
     * heads of connections already closed and not yet let go.
     */
    private synchronized void makeRoom() {
        if (used.get() - closing.get() <= max) {
            return; // made meanwhile
        }
        // sizes taken once: other event loops change them meanwhile, and a sort must not see them move
        List<Sized> largestFirst = new ArrayList<>();
        for (Watched connection : watched) {
            long pending = connection.pending.get();
            if (!connection.gone && pending > 0) {
                largestFirst.add(new Sized(connection, pending));
            }
        }
        largestFirst.sort(Comparator.comparingLong(Sized::pending).reversed());
        long target = max - max / 4;
        for (Sized head : largestFirst) {
            if (used.get() - closing.get() <= target) {
                break;
            }
            head.connection().close();
        }
        warn();
    }

    private record Sized(Watched connection, long pending) {
    }

    /** One line at most every 10 s: a client sending headers that never end meets the budget with every read. */
    private void warn() {
        if (warning.due()) {
            LOG.warn("request heads being received passed {} bytes: {} connections with the largest unfinished heads "
                    + "closed so far; a client may be sending headers that never end", max, closed.get());
        }
    }

    /** One connection's unfinished head. Its handlers run on its event loop; {@link #close} may run on another. */
    private final class Watched {
        /**
         * the counting handler's place in the pipeline, through which it closes the connection: below Vert.x's handler,
         * whose close first writes and flushes an empty buffer and closes when that is sent, while the connection goes
         * on reading (and decoding its head) until then; an answer being flushed later (HttpVerticle) made that wait
         * long enough for 1,000 unfinished heads to fill a 64 MiB heap
         */
        private volatile ChannelHandlerContext place;
        /** bytes of this connection counted in {@link #used}; 0 for good once it is closed */
        private final AtomicLong pending = new AtomicLong();
        /** what {@link #pending} was when it was closed for room (then counted in {@link #closing}), else -1 */
        private final AtomicLong closedWith = new AtomicLong(-1);
        /** closed, or being closed: counted no further */
        private volatile boolean gone;
        /** the next bytes belong to a request head (event loop only, as the three below) */
        private boolean inHead = true;
        /** a request ended within the read being decoded */
        private boolean ended;
        /** body bytes decoded from the read being decoded */
        private long body;

        /** Before the decoder: the bytes of each read, counted once the decoder has seen them. */
        private final ChannelInboundHandlerAdapter bytes = new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                place = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (!(message instanceof ByteBuf read)) {
                    ctx.fireChannelRead(message);
                    return;
                }
                long size = read.readableBytes(); // the decoder releases the buffer
                ended = false;
                body = 0;
                ctx.fireChannelRead(message);
                if (!inHead) {
                    settle(0);
                } else if (ended) {
                    settle(Math.max(0, size - body));
                } else {
                    settle(pending.get() + size);
                }
            }

            /**
             * Closed: the decoder lets its head go now, in the event loop's task after the close, when the reads at hand
             * are done (the close itself is not yet that).
             */
            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                watched.remove(Watched.this);
                release();
                ctx.fireChannelInactive();
            }
        };

        /** After the decoder: where heads and requests end. */
        private final ChannelInboundHandlerAdapter seen = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (message instanceof HttpRequest) {
                    inHead = false;
                }
                if (message instanceof HttpContent content) {
                    body += content.content().readableBytes();
                }
                if (message instanceof LastHttpContent) {
                    inHead = true;
                    ended = true;
                }
                ctx.fireChannelRead(message);
            }
        };

        private void settle(long now) {
            if (gone) {
                return;
            }
            long before = pending.getAndSet(now);
            if (now == before) {
                return;
            }
            long total = used.addAndGet(now - before);
            if (now > before && total > max) {
                makeRoom();
                if (!gone && inHead && !ended && used.get() > max) {
                    close(); // the heads closed elsewhere are not let go yet: this one grows no further meanwhile
                }
            }
        }

        /** Closed for room. */
        private void close() {
            if (gone) {
                return;
            }
            gone = true;
            long counted = pending.get();
            closedWith.set(counted);
            closing.addAndGet(counted);
            closed.incrementAndGet();
            place.close(); // from another event loop, a task on the connection's own
        }

        /** Its head is let go. */
        private void release() {
            gone = true;
            used.addAndGet(-pending.getAndSet(0));
            long counted = closedWith.getAndSet(-1);
            if (counted > 0) {
                closing.addAndGet(-counted);
            }
        }
    }
}
