package dev.b24emu.emulator.internal.control;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The control table's path matching, which must keep the rules Vert.x's path routes had. */
class ControlRouteTest {
    private static ControlRoute route(String path) {
        return ControlRoute.of(HttpMethod.GET, path, 200, request -> null, false);
    }

    @Test
    void literalPathsMatchThemselvesWithOrWithoutOneTrailingSlash() {
        ControlRoute health = route("/health");
        assertEquals(Map.of(), health.match("/health"));
        assertEquals(Map.of(), health.match("/health/"));
        assertNull(health.match("/Health"));
        assertNull(health.match("/healthy"));
        assertNull(health.match("/health/x"));
        assertNull(health.match("/"));
        assertNull(health.match(""));
    }

    @Test
    void aParameterIsOneNonEmptySegmentPercentDecodedWithoutReadingPlusAsSpace() {
        ControlRoute calls = route("/portals/:id/calls");
        assertEquals(Map.of("id", "ci-7"), calls.match("/portals/ci-7/calls"));
        assertEquals(Map.of("id", "default"), calls.match("/portals/de%66ault/calls/"));
        assertEquals(Map.of("id", "a+b"), calls.match("/portals/a+b/calls"));
        assertEquals(Map.of("id", " "), calls.match("/portals/%20/calls"));
        assertNull(calls.match("/portals//calls"));
        assertNull(calls.match("/portals/ci-7"));
        assertNull(calls.match("/portals/ci-7/calls/more"));
        assertEquals(Map.of("id", "a/b"), calls.match("/portals/a%2Fb/calls"));
    }

    @Test
    void aParameterThatIsNotPercentEncodingIsRefusedOnlyWhenTheRouteMatches() {
        ControlRoute app = route("/apps/:appId");
        assertThrows(ControlRoute.MalformedParameter.class, () -> app.match("/apps/%zz"));
        assertNull(route("/apps/:appId/version").match("/apps/%zz"));
    }

    @Test
    void routesArePlainPaths() {
        for (String path : new String[] {"health", "/", "/health/", "/a//b", "/oauth/authorize*", "/a/(x)"}) {
            assertThrows(IllegalArgumentException.class, () -> route(path), path);
        }
    }
}
