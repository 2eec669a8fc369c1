package dev.b24emu.emulator.internal.portal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A store names what state files keep of it once, in its declaration (Store<Snapshot>, Store<Void>). */
class SnapshotTypesTest {
    record Kept(int count) {
    }

    static final class KeptStore implements Store<Kept> {
        @Override
        public void clear() {
        }
    }

    static final class LiveStore implements Store<Void> {
        @Override
        public void clear() {
        }
    }

    @Test
    void theTypeArgumentIsTheSnapshotTypeAndVoidIsLiveState() {
        assertEquals(Kept.class, new KeptStore().snapshotType());
        assertNull(new LiveStore().snapshotType());
    }
}
