package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Endpoints;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** One control request as a handler reads it: its portal, path and query parameters, and its JSON body. */
public final class ControlRequest {
    private final RoutingContext ctx;
    /** the route's path parameters, decoded */
    private final Map<String, String> params;
    private final Portal portal;
    private final ObjectMapper json;
    private final Endpoints endpoints;
    private JsonNode body;

    ControlRequest(RoutingContext ctx, Map<String, String> params, Portal portal, ObjectMapper json, Endpoints endpoints) {
        this.ctx = ctx;
        this.params = params;
        this.portal = portal;
        this.json = json;
        this.endpoints = endpoints;
    }

    /**
     * Runs work too long for the event loop (an export of a large portal) on a worker thread; the route answers its
     * result when it is done.
     */
    public <T> io.vertx.core.Future<T> blocking(java.util.concurrent.Callable<T> work) {
        return ctx.vertx().executeBlocking(work, false);
    }

    /** The portal of a /_emulator/portals/{id}/... route. */
    public Portal portal() {
        if (portal == null) {
            throw new IllegalStateException("Not a portal route: " + ctx.request().path());
        }
        return portal;
    }

    /** The addresses the control request reached the emulator at (for URLs the answer and its deliveries carry). */
    public Endpoints endpoints() {
        return endpoints;
    }

    public String path(String name) {
        return params.get(name);
    }

    /** A numeric path parameter; anything else is a 400 naming it. */
    public long pathLong(String name) {
        return number(name, params.get(name));
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(ctx.queryParams().get(name));
    }

    /** A numeric query parameter, or the default without one; anything else is a 400 naming it. */
    public long queryLong(String name, long otherwise) {
        return query(name).map(value -> number(name, value)).orElse(otherwise);
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }

    /** The body's size in bytes. */
    public int bodyLength() {
        Buffer buffer = ctx.body().buffer();
        return buffer == null ? 0 : buffer.length();
    }

    /** A parser over the body, for a body too large to read as one tree (a large portal's state). */
    public com.fasterxml.jackson.core.JsonParser bodyParser() throws IOException {
        Buffer buffer = ctx.body().buffer();
        return json.getFactory().createParser(buffer == null ? new byte[0] : buffer.getBytes());
    }

    /** The JSON body as an object ({} when there is none); anything else is a 400. */
    public ObjectNode body() {
        if (body == null) {
            Buffer buffer = ctx.body().buffer();
            if (buffer == null || buffer.length() == 0) {
                body = json.createObjectNode();
            } else {
                try {
                    body = json.readTree(buffer.getBytes());
                } catch (IOException e) {
                    throw new IllegalArgumentException("Malformed JSON body");
                }
                if (body == null || !body.isObject()) {
                    throw new IllegalArgumentException("Body must be a JSON object");
                }
            }
        }
        return (ObjectNode) body;
    }

    /** The JSON body read into a record; a field of the wrong type is a 400 naming it. */
    public <T> T body(Class<T> type) {
        try {
            return json.treeToValue(body(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Body is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }
}
