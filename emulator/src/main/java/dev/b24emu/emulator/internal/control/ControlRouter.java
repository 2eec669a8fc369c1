package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalNotFound;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.SeedException;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.transport.ChunkedOutput;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.LogText;
import dev.b24emu.emulator.internal.transport.RestError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The control API's one route table: global routes under /_emulator and the routes of one portal under
 * /_emulator/portals/{id}/..., which resolve the portal. Every answer is JSON; every failure is the Bitrix24-style
 * error envelope with its status, mapped here and nowhere else (Javalin's central exception mapping).
 * <p>
 * The table is matched here, segment by segment, behind one Vert.x route: a Vert.x route per control endpoint
 * compiled a regular expression each, and with a hundred endpoints that was a quarter of a server's start in a JVM
 * test suite's later starts. Matching keeps the router's rules: the normalised path (dot segments removed), one
 * trailing slash ignored, a path parameter one non-empty segment, percent-decoded as Vert.x decodes it, and the
 * first route in the order added wins, the portal routes before the global ones.
 */
public final class ControlRouter implements ControlRoutes {
    public static final String PREFIX = "/_emulator";
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.control");
    private static final long BODY_LIMIT = 64L * 1024 * 1024;

    /** the portal routes, matched first (a portal's path is also a path below /portals) */
    private final List<ControlRoute> portalTable = new ArrayList<>();
    /** the global routes, and the portal itself (/_emulator/portals/{id}) */
    private final List<ControlRoute> globalTable = new ArrayList<>();
    private final PortalRegistry portals;
    private final ObjectMapper json;
    private final Supplier<Endpoints> defaultEndpoints;
    private final PortalRoutes portalRoutes = new PortalRoutes();
    private final Runnable committed;
    /** what adds the routes, run by the first request below /_emulator; null once it has run */
    private volatile Consumer<ControlRoutes> fill;
    private volatile boolean sealed;

    /**
     * @param committed run after every control request that changed something (POST, PUT, PATCH, DELETE) and
     *                  before it is answered: durable state mode saves there
     */
    public ControlRouter(Router router, PortalRegistry portals, ObjectMapper json,
                         Supplier<Endpoints> defaultEndpoints, Runnable committed) {
        this.committed = committed;
        this.portals = portals;
        this.json = json;
        this.defaultEndpoints = defaultEndpoints;
        router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        router.route(PREFIX + "/*").handler(this::dispatch);
    }

    @Override
    public void route(HttpMethod method, String path, int status, ControlHandler handler) {
        add(globalTable, method, path, status, handler, false);
    }

    @Override
    public ControlRoutes portal() {
        return portalRoutes;
    }

    /**
     * Has {@code fill} add every route when the first request below /_emulator comes, and no route be added after:
     * each handler is a class the JVM spins when its route is added, about a hundred, and a start, or a JVM test suite
     * driving the emulator through its Java API, may never call the control API.
     */
    public void addWhenAsked(Consumer<ControlRoutes> fill) {
        this.fill = fill;
    }

    /** Runs the fill once; a fill that fails leaves no half table behind, and the next request tries again. */
    private void filled() {
        if (fill == null) {
            return;
        }
        synchronized (this) {
            Consumer<ControlRoutes> adding = fill;
            if (adding == null) {
                return;
            }
            try {
                adding.accept(this);
            } catch (RuntimeException failure) {
                portalTable.clear();
                globalTable.clear();
                throw failure;
            }
            sealed = true;
            fill = null;
        }
    }

    private void add(List<ControlRoute> table, HttpMethod method, String path, int status, ControlHandler handler,
                     boolean portalRoute) {
        if (sealed) {
            throw new IllegalStateException("The control routes are sealed");
        }
        if (portalRoute && path.equals("/")) {
            // the portal itself, /_emulator/portals/{id}: among the global routes, in the order added
            globalTable.add(ControlRoute.of(method, "/portals/:id", status, handler, true));
            return;
        }
        table.add(ControlRoute.of(method, portalRoute ? "/portals/:id" + path : path, status, handler, portalRoute));
    }

    /** Answers a request below /_emulator by the first route that matches it, or 404. */
    private void dispatch(RoutingContext ctx) {
        String path = ctx.normalizedPath().substring(PREFIX.length());
        HttpMethod method = ctx.request().method();
        try {
            filled();
            for (List<ControlRoute> table : List.of(portalTable, globalTable)) {
                for (ControlRoute route : table) {
                    Map<String, String> params = route.method() == method ? route.match(path) : null;
                    if (params != null) {
                        answer(ctx, route, params);
                        return;
                    }
                }
            }
        } catch (ControlRoute.MalformedParameter malformed) {
            ctx.fail(400, malformed); // not percent-encoding: the router refuses such a path the same way
            return;
        }
        write(ctx, 404, json.createObjectNode().put("error", "NOT_FOUND").put("error_description",
                "No control endpoint " + method + " " + ctx.request().path()));
    }

    private void answer(RoutingContext ctx, ControlRoute route, Map<String, String> params) {
        int status = route.status();
        Object body;
        Portal portal;
        try {
            portal = route.portal() ? portals.require(params.get("id")) : null;
            body = route.handler().handle(new ControlRequest(ctx, params, portal, json,
                    Endpoints.of(ctx.request(), defaultEndpoints.get())));
        } catch (RuntimeException failure) {
            fail(ctx, failure);
            return;
        }
        if (body instanceof Future<?> pending) {
            // an answer that waits for something outside the emulator (a handler's reply to a triggered event)
            pending.onComplete(done -> {
                if (ctx.response().closed()) {
                    return; // the caller went away while it waited
                }
                if (done.succeeded()) {
                    succeed(ctx, status, done.result(), portal);
                } else {
                    fail(ctx, done.cause());
                }
            });
            return;
        }
        succeed(ctx, status, body, portal);
    }

    private void succeed(RoutingContext ctx, int status, Object body, Portal portal) {
        int code = status;
        Object answer = body;
        if (body instanceof ControlViews.Answer typed) {
            code = typed.status();
            answer = typed.body();
        }
        if (ctx.request().method() != HttpMethod.GET) {
            try {
                committed.run();
            } catch (RuntimeException failure) {
                fail(ctx, failure);
                return;
            }
            if (portal != null) {
                portal.controlChanged(); // the dashboard's live stream shows it
            }
        }
        write(ctx, code, answer);
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        int code;
        Object body;
        if (failure instanceof RestError error) {
            code = error.httpStatus();
            body = error(error.code(), error.description());
        } else if (failure instanceof PortalNotFound missing) {
            code = 404;
            body = error("PORTAL_NOT_FOUND", missing.getMessage());
        } else if (failure instanceof IllegalArgumentException || failure instanceof StateException
                || failure instanceof SeedException) {
            code = 400;
            body = error("ERROR_ARGUMENT", failure.getMessage());
        } else {
            LOG.warn("Control request {} {} failed", ctx.request().method(), LogText.safe(ctx.request().path()), failure);
            code = 500;
            body = error("INTERNAL_SERVER_ERROR", "Internal server error");
        }
        write(ctx, code, body);
    }

    private ObjectNode error(String code, String description) {
        return json.createObjectNode().put("error", code).put("error_description", description);
    }

    private void write(RoutingContext ctx, int status, Object body) {
        if (body instanceof ControlViews.Streamed streamed) {
            stream(ctx, status, streamed);
            return;
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A control answer always serialises", e);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(bytes));
    }

    /**
     * Writes a streamed answer off the event loop. A failure before the first chunk is answered as any other; after
     * it the connection is closed, so the client sees a cut chunked answer rather than a short one that looks whole.
     */
    private void stream(RoutingContext ctx, int status, ControlViews.Streamed streamed) {
        HttpServerResponse response = ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8").setChunked(true);
        ctx.vertx().executeBlocking(() -> {
            try (ChunkedOutput out = new ChunkedOutput(response)) {
                streamed.writer().accept(out);
            }
            return null;
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                response.end();
            } else if (response.closed()) {
                LOG.debug("Control request {} {}: the client went away during the answer", ctx.request().method(),
                        LogText.safe(ctx.request().path()));
            } else if (!response.headWritten()) {
                fail(ctx, done.cause());
            } else {
                LOG.warn("Control request {} {} failed during its answer", ctx.request().method(),
                        LogText.safe(ctx.request().path()), done.cause());
                ctx.request().connection().close();
            }
        });
    }

    /** Routes below /_emulator/portals/{id}, matched before the global ones. */
    private final class PortalRoutes implements ControlRoutes {
        @Override
        public void route(HttpMethod method, String path, int status, ControlHandler handler) {
            add(portalTable, method, path, status, handler, true);
        }

        @Override
        public ControlRoutes portal() {
            return this;
        }
    }
}
