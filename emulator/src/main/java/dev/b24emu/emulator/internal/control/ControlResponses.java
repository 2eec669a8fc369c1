package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.transport.Envelope;
import dev.b24emu.emulator.internal.transport.RestError;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.function.Function;
import java.util.function.Supplier;

/** How control endpoints read JSON bodies and answer: JSON, with failures in the same envelope as /rest/. */
final class ControlResponses {
    private final ObjectMapper json;
    private final Envelope envelope;

    ControlResponses(ObjectMapper json) {
        this.json = json;
        this.envelope = new Envelope(json);
    }

    void get(Router router, String path, Function<RoutingContext, JsonNode> handler) {
        router.get(path).handler(ctx -> answer(ctx, 200, () -> handler.apply(ctx)));
    }

    void post(Router router, String path, Function<RoutingContext, JsonNode> handler) {
        router.post(path).handler(ctx -> answer(ctx, 200, () -> handler.apply(ctx)));
    }

    void answer(RoutingContext ctx, int status, Supplier<JsonNode> action) {
        JsonNode body;
        int code = status;
        try {
            body = action.get();
        } catch (RestError error) {
            code = error.httpStatus();
            body = envelope.error(error.code(), error.description());
        }
        ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(envelope.bytes(body)));
    }

    JsonNode body(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(buffer.getBytes());
            if (node == null || !node.isObject()) {
                throw RestError.of("ERROR_ARGUMENT", "Body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw RestError.of("ERROR_ARGUMENT", "Malformed JSON body");
        }
    }
}
