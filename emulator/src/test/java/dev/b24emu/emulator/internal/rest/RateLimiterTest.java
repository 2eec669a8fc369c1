package dev.b24emu.emulator.internal.rest;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** limits.md: the request rate is counted per source address; applications on one server share it. */
class RateLimiterTest {
    @Test
    void eachSourceAddressHasItsOwnBucketAndTheBucketsAreBounded() {
        RateLimiter limiter = new RateLimiter();
        Instant now = Instant.parse("2030-01-01T10:00:00Z");
        for (int i = 0; i < 50; i++) {
            assertTrue(limiter.admit("10.0.0.1", now, 2, 50));
        }
        assertFalse(limiter.admit("10.0.0.1", now, 2, 50), "the 51st request of one source");
        assertTrue(limiter.admit("10.0.0.2", now, 2, 50), "another server's applications have their own count");
        assertTrue(limiter.admit("10.0.0.1", now.plusSeconds(1), 2, 50), "drained by 2 in a second");
        assertTrue(limiter.admit("10.0.0.1", now.plusSeconds(1), 2, 50));
        assertFalse(limiter.admit("10.0.0.1", now.plusSeconds(1), 2, 50), "full again");
        for (int i = 0; i < RateLimiter.MAX_SOURCES; i++) {
            limiter.admit("192.168." + (i / 256) + "." + (i % 256), now, 2, 50);
        }
        assertTrue(limiter.admit("10.0.0.1", now.plusSeconds(1), 2, 50), "past the bound the oldest source starts afresh");
    }
}
