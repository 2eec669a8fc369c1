package dev.b24emu.emulator.internal.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which requests skip the Vert.x-web router: only /rest/ paths its normalisation would leave as they are, so the
 * route they reach is the one the router would have found. The rest (escapes, dot segments, other prefixes) still go
 * through the router, which decodes and resolves them first.
 */
class RestEntryTest {

    @Test
    void plainRestPathsGoStraightToTheRoute() {
        assertTrue(RestRoute.direct("/rest/1/demo-token/telephony.externalcall.register"));
        assertTrue(RestRoute.direct("/rest/1/demo-token//user.current/")); // repeated slashes are RestPath's to merge
        assertTrue(RestRoute.direct("/rest/api/1/demo-token/tasks.task.get"));
        assertTrue(RestRoute.direct("/rest/user.current.json"));
    }

    @Test
    void pathsTheRouterNormalisesGoThroughIt() {
        assertFalse(RestRoute.direct("/rest/1/demo-token/%75ser.current"));
        assertFalse(RestRoute.direct("/rest/1/demo-token/../demo-token/user.current"));
        assertFalse(RestRoute.direct("/rest/./1/demo-token/user.current"));
        assertFalse(RestRoute.direct("/x/../rest/1/demo-token/user.current"));
        assertFalse(RestRoute.direct("/_emulator/health"));
        assertFalse(RestRoute.direct("/restricted"));
        assertFalse(RestRoute.direct(null));
    }
}
