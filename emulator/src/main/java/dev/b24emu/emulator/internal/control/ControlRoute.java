package dev.b24emu.emulator.internal.control;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.net.RFC3986;

import java.util.HashMap;
import java.util.Map;

/**
 * One control endpoint: its method, its path below /_emulator as segments ("portals", ":id", "calls"), the status
 * it answers with and its handler. Matching follows Vert.x's path routes: a literal segment matches itself, a
 * ":name" segment any one non-empty segment, and one trailing slash on the request is ignored.
 *
 * @param segments the path's segments after its leading slash; a parameter's starts with ':'
 * @param portal   whether the route resolves the portal named by its "id" parameter before the handler runs
 */
record ControlRoute(HttpMethod method, String[] segments, int status, ControlHandler handler, boolean portal) {

    /** A path parameter that is not valid percent-encoding: the request is a 400, as the router answers one. */
    static final class MalformedParameter extends RuntimeException {
        MalformedParameter(String message) {
            super(message, null, false, false);
        }
    }

    static ControlRoute of(HttpMethod method, String path, int status, ControlHandler handler, boolean portal) {
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("//")
                || path.contains("*") || path.contains("(")) {
            throw new IllegalArgumentException("A control route is a plain path with :parameters, not " + path);
        }
        return new ControlRoute(method, path.substring(1).split("/"), status, handler, portal);
    }

    /**
     * The path parameters when a normalised path below /_emulator matches, else null.
     *
     * @throws MalformedParameter when the path matches but a parameter does not decode
     */
    Map<String, String> match(String path) {
        int end = path.length();
        if (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 0 || path.charAt(0) != '/') {
            return null;
        }
        Map<String, String> params = null;
        int from = 1;
        for (int i = 0; i < segments.length; i++) {
            if (from > end) {
                return null;
            }
            int slash = path.indexOf('/', from);
            int to = slash < 0 || slash > end ? end : slash;
            String segment = segments[i];
            if (segment.charAt(0) == ':') {
                if (to == from) {
                    return null;
                }
                if (params == null) {
                    params = new HashMap<>(4);
                }
                params.put(segment.substring(1), path.substring(from, to));
            } else if (to - from != segment.length() || !path.startsWith(segment, from)) {
                return null;
            }
            from = to + 1;
        }
        if (from <= end) {
            return null; // the request's path is longer
        }
        if (params == null) {
            return Map.of();
        }
        // decoded only once the whole path matched, as the router does: a route that does not match refuses nothing
        for (Map.Entry<String, String> param : params.entrySet()) {
            try {
                param.setValue(RFC3986.decodeURIComponent(param.getValue(), false));
            } catch (IllegalArgumentException e) {
                throw new MalformedParameter("Malformed path parameter " + param.getKey());
            }
        }
        return params;
    }
}
