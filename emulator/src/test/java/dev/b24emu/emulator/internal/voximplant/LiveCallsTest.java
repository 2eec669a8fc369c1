package dev.b24emu.emulator.internal.voximplant;

import dev.b24emu.emulator.internal.transport.Endpoints;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The running built-in calls of a portal: a tick visits only the calls whose answer or end is due, in the order they
 * started (so a flood of callbacks no longer slows every start), and past --max-open-calls a new call drops the
 * oldest running one (D117), so calls of a day's length started in a loop cannot fill the memory.
 */
class LiveCallsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void aTickSeesOnlyTheDueCallsInTheOrderTheyStarted() {
        VoximplantStore store = new VoximplantStore(10, "p");
        BuiltInCall a = call("a", 0, 5, 35);
        BuiltInCall b = call("b", 0, null, 20); // not answered: its next change is its end
        BuiltInCall c = call("c", 1, 2, 3);
        store.putLive(a);
        store.putLive(b);
        store.putLive(c);

        assertEquals(List.of(), store.dueCalls(T0.plusSeconds(1)));
        assertEquals(List.of(c), store.dueCalls(T0.plusSeconds(4)));
        assertEquals(List.of(a, c), store.dueCalls(T0.plusSeconds(5)));
        assertEquals(List.of(a, b, c), store.dueCalls(T0.plusSeconds(25)), "a and b started together: a first");

        BuiltInCall answered = a.withStarted(); // answered calls wait for their end, in their old place
        store.putLive(answered);
        assertEquals(List.of(c), store.dueCalls(T0.plusSeconds(5)));
        assertEquals(List.of(answered, b, c), store.liveCalls());
        store.removeLive("c");
        assertEquals(List.of(answered, b), store.dueCalls(T0.plusSeconds(35)));
    }

    @Test
    void pastTheBoundANewCallDropsTheOldestRunning() {
        VoximplantStore store = new VoximplantStore(2, "p");
        BuiltInCall a = call("a", 0, 5, 86_400);
        BuiltInCall b = call("b", 1, 5, 86_400);
        BuiltInCall c = call("c", 2, 5, 86_400);
        store.putLive(a);
        store.putLive(b);
        store.putLive(b.withStarted()); // a changed call adds nothing
        assertEquals(2, store.liveCalls().size());
        store.putLive(c);
        assertEquals(List.of(b.withStarted(), c), store.liveCalls());
        assertEquals(List.of(b.withStarted(), c), store.dueCalls(T0.plusSeconds(86_402)), "a is gone from both");
    }

    private static BuiltInCall call(String id, int startSecond, Integer answerSecond, int endSecond) {
        return new BuiltInCall(id, BuiltInCall.Kind.CALLBACK, 4, "74951112233", "+79990000001", 1L,
                T0.plusSeconds(startSecond), answerSecond == null ? null : T0.plusSeconds(answerSecond),
                T0.plusSeconds(endSecond), null, null, 0, "1", false, 1, new Endpoints("http://127.0.0.1"));
    }
}
