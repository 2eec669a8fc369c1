package dev.b24emu.emulator.internal.im;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The call chats are bounded as the messages are: a portal that calls a million numbers keeps the recent chats. */
class CallChatStoreTest {
    @Test
    void chatsAndMessagesStayWithinTheBoundKeepingTheRecentlyUsed() {
        CallChatStore store = new CallChatStore(3);
        long first = store.chatOf(1, "79990000001");
        store.chatOf(1, "79990000002");
        store.chatOf(1, "79990000003");
        assertEquals(first, store.chatOf(1, "79990000001"), "the same user and number keep their chat");
        store.chatOf(1, "79990000004"); // the least recently used (…02) goes
        assertEquals(first, store.chatOf(1, "79990000001"));
        assertNotEquals(2L, store.chatOf(1, "79990000002"), "a forgotten chat is made anew");
        for (int i = 0; i < 10; i++) {
            store.add(new CallChatMessage(store.nextMessageId(), "chat1", 1L, "+7", "7", null, 1, 0, null, "m" + i,
                    "c" + i, Instant.EPOCH));
        }
        assertEquals(3, store.all().size());
        assertEquals("m9", store.all().get(2).message());
    }
}
