package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The offline queue is bounded in events and in what their data weighs (D122): events carrying a call's 6 MB phone
 * number each filled the heap within the count. The oldest go first; the newest stays even alone past the weight.
 */
class OfflineQueueBoundTest {
    private static final EventHandler HANDLER = new EventHandler(1, "ONVOXIMPLANTCALLEND", "", "1", 0, true, "", 1);

    private static ObjectNode data(int characters) {
        return JsonNodeFactory.instance.objectNode().put("PHONE_NUMBER", "1".repeat(characters));
    }

    private static List<String> queued(EventStore store) {
        return store.offline(e -> true).stream().map(OfflineEvent::objectKey).toList();
    }

    @Test
    void theOldestEventsGoPastTheCountOrTheWeight() {
        EventStore store = new EventStore(3, 5_000);
        for (int i = 0; i < 4; i++) {
            store.enqueue(HANDLER, "light" + i, "ONVOXIMPLANTCALLEND", data(10), "t", 0);
        }
        assertEquals(List.of("light1", "light2", "light3"), queued(store));
        for (int i = 0; i < 3; i++) { // 2,038 bytes each: two fit in 5,000, three do not
            store.enqueue(HANDLER, "heavy" + i, "ONVOXIMPLANTCALLEND", data(1_000), "t", 0);
        }
        assertEquals(List.of("heavy1", "heavy2"), queued(store));
        store.enqueue(HANDLER, "heavy2", "ONVOXIMPLANTCALLEND", data(1_000), "t", 0); // replaces its object's record
        store.remove(e -> e.objectKey().equals("heavy1"));
        store.enqueue(HANDLER, "huge", "ONVOXIMPLANTCALLEND", data(10_000), "t", 0);
        assertEquals(List.of("huge"), queued(store), "the newest stays, alone");
        store.clear();
        store.enqueue(HANDLER, "after", "ONVOXIMPLANTCALLEND", data(1_000), "t", 0);
        store.enqueue(HANDLER, "after2", "ONVOXIMPLANTCALLEND", data(1_000), "t", 0);
        assertEquals(List.of("after", "after2"), queued(store), "a reset forgets the weight with the events");
    }

    /**
     * A take reads and takes in one step: event.offline.get read the queue, then took what it read, so two workers
     * got the same records (16 of 50 rounds of four) and a later reservation took over an earlier one's. Here a
     * second worker asks while the first is between its read and its take.
     */
    @Test
    void aSecondWorkerNeverGetsWhatTheFirstIsTaking() throws Exception {
        for (String reserve : java.util.Arrays.asList("first", null)) {
            EventStore store = new EventStore(100, Long.MAX_VALUE);
            for (int i = 0; i < 5; i++) {
                store.enqueue(HANDLER, "o" + i, "E", data(1), "t", 0);
            }
            java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> store.take(e -> e.processId().isEmpty(),
                    all -> {
                        reading.countDown();
                        sleep(300); // the second worker asks meanwhile
                        return all;
                    }, reserve));
            reading.await();
            List<OfflineEvent> second = store.take(e -> e.processId().isEmpty(), all -> all,
                    reserve == null ? null : "second");
            assertEquals(5, first.get().size());
            assertEquals(List.of(), second, "reserving for " + reserve);
            assertEquals(reserve == null ? 0 : 5, store.offline(e -> "first".equals(e.processId())).size());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> states(EventStore store) {
        return store.offline(e -> true).stream()
                .map(e -> e.objectKey() + "=" + e.data().get("PHONE_NUMBER").asText().length()
                        + (e.processId().isEmpty() ? "" : "/reserved") + (e.error() ? "/failed" : "")).toList();
    }

    /**
     * An enqueue replaces its object's record only while no batch holds it and it has not failed; found by an index
     * since a queue of 10,000 was scanned for every event. The index follows reservations, failures, removals, the
     * count's drops, a reset and a state file's restore.
     */
    @Test
    void anEnqueueReplacesOnlyItsObjectsUnreservedRecord() {
        EventStore store = new EventStore(4, Long.MAX_VALUE);
        EventHandler other = new EventHandler(2, "ONVOXIMPLANTCALLEND", "", "2", 0, true, "", 1);
        store.enqueue(HANDLER, "a", "E", data(1), "t", 0);
        store.enqueue(other, "a", "E", data(1), "t", 0);
        store.enqueue(HANDLER, "a", "E", data(2), "t", 0);
        assertEquals(List.of("a=1", "a=2"), states(store), "the other handler's record of the object stays");

        store.take(e -> e.handlerId() == 1, all -> all, "p1");
        store.enqueue(HANDLER, "a", "E", data(3), "t", 0);
        assertEquals(List.of("a=1", "a=2/reserved", "a=3"), states(store), "a reserved record is not replaced");
        store.enqueue(HANDLER, "a", "E", data(4), "t", 0);
        assertEquals(List.of("a=1", "a=2/reserved", "a=4"), states(store), "the unreserved one is");

        store.markFailed(e -> e.handlerId() == 1 && e.processId().isEmpty());
        store.enqueue(HANDLER, "a", "E", data(5), "t", 0);
        assertEquals(List.of("a=1", "a=2/reserved", "a=4/failed", "a=5"), states(store), "nor is a failed one");

        store.remove(e -> e.data().get("PHONE_NUMBER").asText().length() == 5);
        store.enqueue(HANDLER, "a", "E", data(6), "t", 0);
        store.enqueue(HANDLER, "a", "E", data(7), "t", 0);
        assertEquals(List.of("a=1", "a=2/reserved", "a=4/failed", "a=7"), states(store), "after a removal");

        store.enqueue(HANDLER, "b", "E", data(1), "t", 0); // past the count of 4: the oldest (the other handler's) goes
        store.enqueue(other, "a", "E", data(8), "t", 0);
        assertEquals(List.of("a=4/failed", "a=7", "b=1", "a=8"), states(store), "the count drops the oldest first");

        EventStore restored = new EventStore(4, Long.MAX_VALUE);
        restored.restore(store.snapshot());
        restored.enqueue(HANDLER, "a", "E", data(9), "t", 0);
        restored.enqueue(other, "a", "E", data(9), "t", 0);
        assertEquals(List.of("a=4/failed", "b=1", "a=9", "a=9"), states(restored), "a restored record is replaced");

        restored.clear();
        restored.enqueue(HANDLER, "a", "E", data(1), "t", 0);
        restored.enqueue(HANDLER, "a", "E", data(2), "t", 0);
        assertEquals(List.of("a=2"), states(restored), "after a reset");
    }
}
