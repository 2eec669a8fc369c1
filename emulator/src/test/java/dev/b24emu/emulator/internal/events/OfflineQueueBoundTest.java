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
    private static final EventHandler HANDLER = new EventHandler(1, "ONVOXIMPLANTCALLEND", "", "1", 0, true, "");

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
            store.enqueue(HANDLER, "light" + i, "ONVOXIMPLANTCALLEND", data(10), "t");
        }
        assertEquals(List.of("light1", "light2", "light3"), queued(store));
        for (int i = 0; i < 3; i++) { // 2,038 bytes each: two fit in 5,000, three do not
            store.enqueue(HANDLER, "heavy" + i, "ONVOXIMPLANTCALLEND", data(1_000), "t");
        }
        assertEquals(List.of("heavy1", "heavy2"), queued(store));
        store.enqueue(HANDLER, "heavy2", "ONVOXIMPLANTCALLEND", data(1_000), "t"); // replaces its object's record
        store.remove(store.offline(e -> e.objectKey().equals("heavy1")));
        store.enqueue(HANDLER, "huge", "ONVOXIMPLANTCALLEND", data(10_000), "t");
        assertEquals(List.of("huge"), queued(store), "the newest stays, alone");
        store.clear();
        store.enqueue(HANDLER, "after", "ONVOXIMPLANTCALLEND", data(1_000), "t");
        store.enqueue(HANDLER, "after2", "ONVOXIMPLANTCALLEND", data(1_000), "t");
        assertEquals(List.of("after", "after2"), queued(store), "a reset forgets the weight with the events");
    }
}
