package dev.b24emu.emulator.internal.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bytes of unfinished request heads, counted per connection behind Netty's own HTTP decoder (D126). */
class HeadBudgetTest {
    private static final String HEAD = "GET /rest/1/token/user.current HTTP/1.1\r\nHost: x\r\n";

    private final HeadBudget budget = new HeadBudget(10_000);

    private EmbeddedChannel connection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(HeadBudget.DECODER, new HttpRequestDecoder(1 << 20, 64 << 10, 8192));
        budget.watch(channel);
        return channel;
    }

    /** One read of these bytes; what the decoder passes on is dropped. */
    private static void send(EmbeddedChannel channel, String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
        for (Object decoded = channel.readInbound(); decoded != null; decoded = channel.readInbound()) {
            ReferenceCountUtil.release(decoded);
        }
    }

    private static String padding(int lines) {
        return ("X-Pad: " + "a".repeat(991) + "\r\n").repeat(lines); // 1,000 bytes a line
    }

    /** The start of a head this many bytes long, and not its end. */
    private static String unfinished(int bytes) {
        return HEAD + "X-Pad: " + "a".repeat(bytes - HEAD.length() - 9) + "\r\n";
    }

    @Test
    void aHeadCountsWhileItArrivesAndLittleOnceItIsDecoded() {
        EmbeddedChannel channel = connection();
        send(channel, HEAD);
        send(channel, padding(3));
        assertEquals(HEAD.length() + 3_000, budget.used(), "every read of an unfinished head");
        send(channel, "\r\n");
        assertEquals(2, budget.used(), "decoded: what of its last read was not body, in case the next head began there");
        channel.close();
        assertEquals(0, budget.used(), "a closed connection holds nothing");
    }

    @Test
    void bodiesAreNotCountedAndAHeadBegunAfterARequestInTheSameReadIs() {
        EmbeddedChannel channel = connection();
        String post = "POST /rest/1/token/user.current HTTP/1.1\r\nHost: x\r\nContent-Length: 4000\r\n\r\n";
        send(channel, post + "a".repeat(1000));
        assertEquals(0, budget.used(), "a body being received is not a head");
        send(channel, "a".repeat(2000));
        assertEquals(0, budget.used());
        String next = HEAD + padding(2);
        send(channel, "a".repeat(1000) + next);
        assertEquals(next.length(), budget.used(), "the body's end and the start of the next head: the head counts");
        send(channel, padding(1));
        assertEquals(next.length() + 1_000, budget.used());
        assertTrue(channel.isOpen());
    }

    @Test
    void pastTheBudgetTheLargestUnfinishedHeadsGoUntilAQuarterIsFree() {
        EmbeddedChannel done = connection();
        EmbeddedChannel largest = connection();
        EmbeddedChannel second = connection();
        EmbeddedChannel third = connection();
        EmbeddedChannel last = connection();
        send(done, HEAD + "\r\n");
        send(largest, unfinished(3000));
        send(second, unfinished(2800));
        send(third, unfinished(2600));
        send(last, unfinished(1500));
        assertEquals(HEAD.length() + 2 + 9900, budget.used(), "within the 10,000");
        send(last, padding(1)); // past it
        assertFalse(largest.isOpen(), "the largest unfinished head goes");
        assertFalse(second.isOpen(), "and the next largest, until at most 7,500 bytes are counted");
        assertTrue(third.isOpen() && last.isOpen(), "smaller heads stay, the one that passed the budget too");
        assertTrue(done.isOpen(), "a connection whose head was decoded stays");
        assertEquals(HEAD.length() + 2 + 2600 + 2500, budget.used());
        send(last, "\r\n");
        assertEquals(HEAD.length() + 2 + 2600 + 2, budget.used(), "a decoded head leaves its last read");
    }

    @Test
    void theBudgetIsASixteenthOfTheHeapAndHoldsTheLargestHeadTwice() {
        assertEquals(16L << 20, HeadBudget.forHeap(256L << 20, 1_114_112).max());
        assertEquals(2 * 1_114_112, HeadBudget.forHeap(16L << 20, 1_114_112).max());
    }
}
