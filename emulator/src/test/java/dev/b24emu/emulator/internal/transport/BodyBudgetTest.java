package dev.b24emu.emulator.internal.transport;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The room bodies take while they are received: what fits goes, what does not waits for room and is let in once. */
class BodyBudgetTest {
    private final List<String> admitted = new ArrayList<>();
    private final BodyBudget budget = new BodyBudget(100);

    private BodyBudget.Claim claim(String name, long bytes) {
        return budget.claim(bytes, () -> admitted.add(name));
    }

    @Test
    void whatFitsGoesAtOnceAndALargerBodyWaitsForRoomWhileSmallerOnesPass() {
        BodyBudget.Claim big = claim("big", 80);
        assertTrue(big.atOnce());
        BodyBudget.Claim second = claim("second", 80);
        assertFalse(second.atOnce(), "past the budget a body waits");
        assertEquals(null, budget.tryClaim(80), "no room now");
        BodyBudget.Claim small = budget.tryClaim(10);
        assertTrue(small.atOnce(), "a small call is not held back by a stalled upload");
        assertEquals(90, budget.held());
        big.release();
        assertEquals(List.of("second"), admitted, "room made lets the waiting body in");
        assertEquals(90, budget.held());
        big.release();
        assertEquals(90, budget.held(), "a second release gives nothing back twice");
        second.release();
        small.release();
        assertEquals(0, budget.held());
        assertEquals(List.of("second"), admitted, "each admission runs once");
    }

    @Test
    void aClaimGivenUpWhileWaitingIsNeverAdmittedAndNoBodyNeedsNoRoom() {
        BodyBudget.Claim holder = claim("holder", 100);
        BodyBudget.Claim gone = claim("gone", 50);
        assertEquals(1, budget.waiting());
        gone.release();
        assertEquals(0, budget.waiting());
        assertTrue(claim("no body", 0).atOnce(), "a request without a body passes a full budget");
        holder.release();
        assertEquals(List.of(), admitted);
        assertEquals(0, budget.held());
    }

    @Test
    void aBodyLargerThanTheBudgetGoesAloneAndTheHeapSetsTheBudget() {
        BodyBudget.Claim huge = claim("huge", 500);
        assertTrue(huge.atOnce(), "nothing held: it may go");
        BodyBudget.Claim next = claim("next", 1);
        assertFalse(next.atOnce());
        huge.release();
        assertEquals(List.of("next"), admitted);
        assertEquals(16L << 20, BodyBudget.forHeap(8L << 20, 256L << 20).max(), "a sixteenth of the heap");
        assertEquals(8L << 20, BodyBudget.forHeap(8L << 20, 64L << 20).max(), "at least one body at the limit");
    }
}
