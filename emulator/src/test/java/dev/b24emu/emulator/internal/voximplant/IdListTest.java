package dev.b24emu.emulator.internal.voximplant;

import dev.b24emu.emulator.support.FuzzSeed;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The statistics' ID lists against a TreeMap: appends, records out of order, the oldest leaving, searches. */
class IdListTest {
    @Test
    void behavesAsASortedMap() {
        long seed = FuzzSeed.get();
        Random random = new Random(seed);
        IdList list = new IdList(true);
        TreeMap<Long, String> model = new TreeMap<>();
        long next = 1;
        for (int step = 0; step < 20_000; step++) {
            int action = random.nextInt(10);
            if (action < 6) {
                long id = random.nextInt(8) == 0 ? Math.max(1, next - random.nextInt(5)) : next++;
                list.put(id, "v" + id);
                model.put(id, "v" + id);
            } else if (action < 9 && !model.isEmpty()) {
                long oldest = model.firstKey();
                assertEquals(true, list.remove(oldest), () -> "seed " + seed);
                model.remove(oldest);
            } else {
                long id = random.nextInt((int) next + 1);
                assertEquals(model.remove(id) != null, list.remove(id), () -> "seed " + seed);
            }
            if (step % 500 == 0 || step == 19_999) {
                long[] expected = model.keySet().stream().mapToLong(Long::longValue).toArray();
                assertArrayEquals(expected, list.toArray(), () -> "seed " + seed);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals("v" + expected[i], list.value(i));
                    assertEquals(i, list.indexOf(expected[i]));
                    assertEquals(i, list.indexOf(expected[i], Math.max(0, i - random.nextInt(40))));
                }
                assertEquals(-1, list.indexOf(next + 1, 0));
            }
        }
    }

    @Test
    void intersectionsOfSortedIds() {
        assertArrayEquals(new long[] {3, 7}, IdList.intersect(new long[] {1, 3, 5, 7}, new long[] {2, 3, 7, 9}));
        assertArrayEquals(new long[0], IdList.intersect(new long[0], new long[] {1}));
    }
}
