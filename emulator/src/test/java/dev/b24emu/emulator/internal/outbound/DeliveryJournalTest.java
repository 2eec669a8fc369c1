package dev.b24emu.emulator.internal.outbound;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The delivery journal is bounded in attempts and in bytes (D122): payloads carrying a call's 6 MB phone number each
 * filled the heap within the count. The oldest attempts go first; the newest stays even when it alone is too heavy.
 */
class DeliveryJournalTest {
    private static ObjectNode payload(int characters) {
        return JsonNodeFactory.instance.objectNode().put("PHONE_NUMBER", "1".repeat(characters));
    }

    private static Outbound.Message message(int payloadChars) {
        return new Outbound.Message("OnVoximplantCallEnd", 1, "http://h", "application/x-www-form-urlencoded", "",
                payload(payloadChars), false);
    }

    private static List<Long> seqs(DeliveryJournal journal) {
        return journal.deliveries().stream().map(Delivery::seq).toList();
    }

    @Test
    void theOldestAttemptsGoPastTheCountOrTheWeight() {
        DeliveryJournal journal = new DeliveryJournal(3, 5_000);
        for (long seq = 1; seq <= 4; seq++) { // light: the count binds
            journal.record(seq, "t", "p", message(10), 1, 200, null, 1);
        }
        assertEquals(List.of(2L, 3L, 4L), seqs(journal));
        for (long seq = 5; seq <= 7; seq++) { // 256 + 2,038 bytes each: two fit in 5,000, three do not
            journal.record(seq, "t", "p", message(1_000), 1, 200, null, 1);
        }
        assertEquals(List.of(6L, 7L), seqs(journal));
        journal.record(8, "t", "p", message(10_000), 1, 200, null, 1);
        assertEquals(List.of(8L), seqs(journal), "the newest stays, alone");
        assertEquals(8L, journal.recorded(), "every attempt counts, also those the bounds dropped");
    }

    /** An attempt is kept when its answer comes: one sent earlier but answered later still moves the live view's mark. */
    @Test
    void anAttemptAnsweredLateMovesTheMark() {
        DeliveryJournal journal = new DeliveryJournal(10, 5_000);
        journal.record(9, "t", "p", message(10), 1, 200, null, 1);
        long before = journal.recorded();
        journal.record(3, "t", "p", message(10), 1, 200, null, 900);
        assertEquals(before + 1, journal.recorded());
        assertEquals(List.of(9L, 3L), seqs(journal));
    }
}
