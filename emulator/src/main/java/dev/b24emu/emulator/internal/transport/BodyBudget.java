package dev.b24emu.emulator.internal.transport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The request bodies a server receives at once, at most {@code max} bytes (D125). A body is held in memory until it is
 * decoded, and the limit per request (--body-limit) says nothing of how many arrive together: 57 uploads stalled near
 * their 7 MB end filled the launcher's 256 MiB heap. nginx in front of the real portal spools such bodies to disk;
 * here a request whose declared body does not fit waits, unread, until bodies being received are done (TCP holds the
 * client back meanwhile), and a stalled sender's room comes back when its connection closes (at the latest after
 * --idle-timeout). A body that fits goes at once, even past waiting larger ones, so that one stalled upload does not
 * hold back every small call.
 */
final class BodyBudget {
    private final long max;
    /** bytes claimed by the bodies being received (guarded by this) */
    private long held;
    /** claims waiting for room, oldest first (guarded by this) */
    private final ArrayDeque<Claim> waiting = new ArrayDeque<>();

    BodyBudget(long max) {
        this.max = max;
    }

    /**
     * The budget of a server: a sixteenth of the heap, and at least one body at the limit. A JSON body takes four to
     * five times its size while it is decoded (its bytes, their copy, Jackson's characters, the string).
     */
    static BodyBudget forHeap(long bodyLimit, long maxHeap) {
        return new BodyBudget(Math.max(bodyLimit, maxHeap / 16));
    }

    /** Room held now for a body of this many bytes, or null when it does not fit (the path of nearly every call). */
    synchronized Claim tryClaim(long bytes) {
        if (!fits(bytes)) {
            return null;
        }
        held += bytes;
        return new Claim(bytes, null, true);
    }

    /**
     * Room for a body of this many bytes: held at once if it fits ({@link Claim#atOnce()}), else {@code admit} runs
     * once it does, on the thread that made the room. Zero bytes (no body) fit even a full budget and hold nothing.
     */
    synchronized Claim claim(long bytes, Runnable admit) {
        Claim now = tryClaim(bytes);
        if (now != null) {
            return now;
        }
        Claim later = new Claim(bytes, admit, false);
        waiting.add(later);
        return later;
    }

    long max() {
        return max;
    }

    synchronized long held() {
        return held;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    /** A body larger than the whole budget goes alone, when nothing else is held. */
    private boolean fits(long bytes) {
        return bytes == 0 || held + bytes <= max || held == 0;
    }

    /** The room of a request's body; released once, when the body is decoded or the request is gone. */
    final class Claim {
        private static final int WAITING = 0;
        private static final int HELD = 1;
        private static final int DONE = 2;

        private final long bytes;
        private final Runnable admit;
        private final boolean atOnce;
        private int state; // guarded by BodyBudget.this

        private Claim(long bytes, Runnable admit, boolean atOnce) {
            this.bytes = bytes;
            this.admit = admit;
            this.atOnce = atOnce;
            this.state = atOnce ? HELD : WAITING;
        }

        /** Whether the room was held at once; if not, the admission runs later (and never if released first). */
        boolean atOnce() {
            return atOnce;
        }

        /** Gives the room back (or leaves the queue); later calls do nothing. */
        void release() {
            List<Claim> admitted;
            synchronized (BodyBudget.this) {
                if (state == DONE) {
                    return;
                }
                if (state == WAITING) {
                    waiting.remove(this);
                    state = DONE;
                    return;
                }
                state = DONE;
                held -= bytes;
                admitted = admitWaiting();
            }
            admitted.forEach(claim -> claim.admit.run()); // outside the lock: each only schedules its request
        }
    }

    /** The waiting claims that fit now, oldest first, now held. */
    private List<Claim> admitWaiting() {
        List<Claim> admitted = new ArrayList<>();
        for (Iterator<Claim> it = waiting.iterator(); it.hasNext() && held < max; ) {
            Claim claim = it.next();
            if (fits(claim.bytes)) {
                it.remove();
                held += claim.bytes;
                claim.state = Claim.HELD;
                admitted.add(claim);
            }
        }
        return admitted;
    }
}
