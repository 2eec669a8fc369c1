package dev.b24emu.emulator.internal.server;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The descriptor limit a server's connections are held under, read without the JVM's management beans. */
class ConnectionLimitTest {
    @Test
    void theSoftLimitOfProcSelfLimitsIsRead() {
        assertEquals(1024, ConnectionLimit.procLimit("Max open files            1024                 4096                 files     "));
        assertEquals(0, ConnectionLimit.procLimit("Max open files            unlimited            unlimited            files     "));
    }

    /** What the management bean tells, where it tells it: the same number. */
    @Test
    void theLimitReadIsTheOneTheJvmReports() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            assertEquals(unix.getMaxFileDescriptorCount(), ConnectionLimit.descriptorLimit());
        }
    }

    @Test
    void aServerKeepsRoomForEverythingElseBelowTheLimit() {
        assertEquals(1024 - ConnectionLimit.RESERVED_DESCRIPTORS, ConnectionLimit.within(10_000, 1024));
        assertEquals(10_000, ConnectionLimit.within(10_000, 0), "no limit told: the one asked for");
    }
}
