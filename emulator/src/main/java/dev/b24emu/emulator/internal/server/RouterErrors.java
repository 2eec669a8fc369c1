package dev.b24emu.emulator.internal.server;

import dev.b24emu.emulator.internal.transport.LogText;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * What the router answers for requests no route takes or that cannot be routed at all ({@code OPTIONS *}, {@code
 * CONNECT}, a bad {@code %} escape, no route for a path): a short JSON error with the status, and no log line of a
 * stack trace — these are clients' mistakes, not ours. Only a 500 is logged with its cause.
 */
final class RouterErrors {
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.server");

    private static final Map<Integer, String> CODES = Map.of(
            400, "BAD_REQUEST",
            404, "NOT_FOUND",
            405, "METHOD_NOT_ALLOWED",
            413, "REQUEST_TOO_LARGE",
            414, "URI_TOO_LONG",
            415, "UNSUPPORTED_MEDIA_TYPE",
            431, "HEADERS_TOO_LARGE",
            500, "INTERNAL_SERVER_ERROR",
            501, "NOT_IMPLEMENTED");

    private RouterErrors() {
    }

    static void mount(Router router) {
        CODES.forEach((status, code) -> router.errorHandler(status, ctx -> answer(ctx, status, code)));
    }

    private static void answer(RoutingContext ctx, int status, String code) {
        answer(ctx.request(), status, code, ctx.failure());
    }

    /** A failure of a request served without the router (see EmulatorServer's entry): the router's 500. */
    static void unexpected(HttpServerRequest request, Throwable failure) {
        answer(request, 500, CODES.get(500), failure);
    }

    private static void answer(HttpServerRequest request, int status, String code, Throwable failure) {
        if (status == 500) {
            LOG.warn("Unexpected failure serving {} {}", request.method(), LogText.path(request.path()), failure);
        }
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        String description = status == 404 ? "Not found" : status == 500 ? "Internal server error"
                : code.charAt(0) + code.substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end("{\"error\":\"" + code + "\",\"error_description\":\"" + description + "\"}");
    }
}
