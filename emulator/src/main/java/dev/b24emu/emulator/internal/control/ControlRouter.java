package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalNotFound;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.SeedException;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.LogText;
import dev.b24emu.emulator.internal.transport.RestError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.Supplier;

/**
 * The control API's one route table: global routes under /_emulator and one sub-router for
 * /_emulator/portals/{id}/... that resolves the portal. Every answer is JSON; every failure is the Bitrix24-style
 * error envelope with its status, mapped here and nowhere else (Javalin's central exception mapping).
 */
public final class ControlRouter implements ControlRoutes {
    public static final String PREFIX = "/_emulator";
    public static final String PORTAL_PREFIX = PREFIX + "/portals/:id";
    private static final Logger LOG = LoggerFactory.getLogger("b24emu.control");
    private static final long BODY_LIMIT = 64L * 1024 * 1024;

    private final Router router;
    private final Router portalRouter;
    /** Where the portal sub-router goes: made first, so it keeps its place among the routes. */
    private final Route portalMount;
    private final PortalRegistry portals;
    private final ObjectMapper json;
    private final Supplier<Endpoints> defaultEndpoints;
    private final PortalRoutes portalRoutes = new PortalRoutes();
    private final Runnable committed;

    /**
     * @param committed run after every control request that changed something (POST, PUT, PATCH, DELETE) and
     *                  before it is answered: durable state mode saves there
     */
    public ControlRouter(io.vertx.core.Vertx vertx, Router router, PortalRegistry portals, ObjectMapper json,
                         Supplier<Endpoints> defaultEndpoints, Runnable committed) {
        this.committed = committed;
        this.router = router;
        this.portals = portals;
        this.json = json;
        this.defaultEndpoints = defaultEndpoints;
        router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        this.portalRouter = Router.router(vertx);
        // the sub-router is mounted in seal, once its routes are in: Vert.x checks a mounted sub-router's
        // every route again on each route added to it, which made the control routes half of a server's start
        this.portalMount = router.route(PORTAL_PREFIX + "/*");
    }

    @Override
    public void get(String path, ControlHandler handler) {
        add(router, HttpMethod.GET, PREFIX + path, 200, handler, false);
    }

    @Override
    public void post(String path, ControlHandler handler) {
        post(path, 200, handler);
    }

    @Override
    public void post(String path, int status, ControlHandler handler) {
        add(router, HttpMethod.POST, PREFIX + path, status, handler, false);
    }

    @Override
    public void put(String path, ControlHandler handler) {
        add(router, HttpMethod.PUT, PREFIX + path, 200, handler, false);
    }

    @Override
    public void patch(String path, ControlHandler handler) {
        add(router, HttpMethod.PATCH, PREFIX + path, 200, handler, false);
    }

    @Override
    public void delete(String path, ControlHandler handler) {
        add(router, HttpMethod.DELETE, PREFIX + path, 200, handler, false);
    }

    @Override
    public ControlRoutes portal() {
        return portalRoutes;
    }

    /** Called once every area has added its control routes: mounts the portal routes, then the 404 for the rest. */
    public void seal() {
        portalMount.subRouter(portalRouter);
        router.route(PREFIX + "/*").handler(ctx -> write(ctx, 404, json.createObjectNode()
                .put("error", "NOT_FOUND").put("error_description", "No control endpoint " + ctx.request().method()
                        + " " + ctx.request().path())));
    }

    private void add(Router target, HttpMethod method, String path, int status, ControlHandler handler,
                     boolean portalRoute) {
        if (portalRoute && path.equals("/")) {
            // the portal itself, /_emulator/portals/{id}: a sub-router only sees what lies below its mount point
            router.route(method, PORTAL_PREFIX).handler(ctx -> answer(ctx, status, handler, true));
            return;
        }
        target.route(method, path).handler(ctx -> answer(ctx, status, handler, portalRoute));
    }

    private void answer(RoutingContext ctx, int status, ControlHandler handler, boolean portalRoute) {
        Object body;
        try {
            Portal portal = portalRoute ? portals.require(ctx.pathParam("id")) : null;
            body = handler.handle(new ControlRequest(ctx, portal, json, Endpoints.of(ctx.request(), defaultEndpoints.get())));
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
                    succeed(ctx, status, done.result());
                } else {
                    fail(ctx, done.cause());
                }
            });
            return;
        }
        succeed(ctx, status, body);
    }

    private void succeed(RoutingContext ctx, int status, Object body) {
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
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A control answer always serialises", e);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(bytes));
    }

    /** Routes below /_emulator/portals/{id}, on the portal sub-router. */
    private final class PortalRoutes implements ControlRoutes {
        @Override
        public void get(String path, ControlHandler handler) {
            add(portalRouter, HttpMethod.GET, path, 200, handler, true);
        }

        @Override
        public void post(String path, ControlHandler handler) {
            post(path, 200, handler);
        }

        @Override
        public void post(String path, int status, ControlHandler handler) {
            add(portalRouter, HttpMethod.POST, path, status, handler, true);
        }

        @Override
        public void put(String path, ControlHandler handler) {
            add(portalRouter, HttpMethod.PUT, path, 200, handler, true);
        }

        @Override
        public void patch(String path, ControlHandler handler) {
            add(portalRouter, HttpMethod.PATCH, path, 200, handler, true);
        }

        @Override
        public void delete(String path, ControlHandler handler) {
            add(portalRouter, HttpMethod.DELETE, path, 200, handler, true);
        }

        @Override
        public ControlRoutes portal() {
            return this;
        }
    }
}
