package dev.b24emu.emulator.internal.portal;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Deletes the portals made at run time that were used least recently when the heap is still more than a given share
 * full after a major collection (D123). Each portal is bounded on its own (D117-D122), but up to 1,000 of them add
 * up: a load spread over 1,000 portals (register alone, with a lead each) filled the launcher's 256 MiB heap in
 * 15 s, and the emulator then answered nothing, busy in back-to-back full collections. A quarter of the portals made
 * at run time go each time; the most recently used one, the default portal and a state file's portals stay.
 */
public final class HeapGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.portals");

    private final PortalRegistry portals;
    private final int percent;
    private final LongSupplier maxHeap;
    private final List<Runnable> unsubscribe = new ArrayList<>();
    /** whether the heap was found full with no portal left to delete, so that it is said once until it recovers */
    private boolean saidNothingToDelete;
    /** whether the server closed: a subscription still to be made is not (guarded by this) */
    private boolean closed;

    HeapGuard(PortalRegistry portals, int percent, LongSupplier maxHeap) {
        this.portals = portals;
        this.percent = percent;
        this.maxHeap = maxHeap;
    }

    /**
     * Watches this JVM's major collections; {@code percent} 0 watches nothing (the embedding API's default: a test
     * JVM's heap is its user's).
     */
    public static HeapGuard start(PortalRegistry portals, int percent) {
        HeapGuard guard = new HeapGuard(portals, percent, Runtime.getRuntime()::maxMemory);
        if (percent > 0) {
            // on a thread of its own: the JVM's management beans take 15-20 ms of a start to make, and a major
            // collection worth watching comes long after the first answer
            Thread subscribing = new Thread(guard::subscribe, "b24-emulator-heap-guard");
            subscribing.setDaemon(true);
            subscribing.start();
        }
        return guard;
    }

    private synchronized void subscribe() {
        if (closed) {
            return;
        }
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                NotificationListener listener = this::collected;
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException gone) {
                        // nothing to remove
                    }
                });
            }
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (!info.getGcAction().contains("major")) {
            return; // after a young collection the old generation still holds what the next major one frees
        }
        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
        afterMajorCollection(used);
    }

    /** What a major collection left in use decides whether portals go, and how many. */
    synchronized void afterMajorCollection(long usedBytes) {
        long max = maxHeap.getAsLong();
        if (usedBytes * 100 <= max * percent) {
            saidNothingToDelete = false;
            return;
        }
        int count = Math.max(1, portals.madeAtRunTime() / 4);
        List<String> deleted = portals.deleteLeastRecentlyUsed(count);
        long full = usedBytes * 100 / max;
        if (!deleted.isEmpty()) {
            LOG.warn("The heap is {}% full after a full collection (--heap-guard {}): deleted the {} portal(s) made at"
                            + " run time used least recently, {} first; {} remain", full, percent, deleted.size(),
                    deleted.get(0), portals.madeAtRunTime());
        } else if (!saidNothingToDelete) {
            saidNothingToDelete = true;
            LOG.warn("The heap is {}% full after a full collection (--heap-guard {}) and no portal made at run time"
                    + " is left to delete: lower the bounds (--max-open-calls, --max-crm-objects ...) or raise -Xmx",
                    full, percent);
        }
    }

    /** Stops watching: an emulator embedded in a JVM test leaves no listener behind. */
    @Override
    public synchronized void close() {
        closed = true;
        unsubscribe.forEach(Runnable::run);
        unsubscribe.clear();
    }
}
