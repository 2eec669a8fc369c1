package dev.b24emu.emulator.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.transport.FormCodec;
import dev.b24emu.specs.Contracts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * For tests of integrations and of the emulator itself — a stand-in for an integration's handler: a Vert.x server on a free port that records every POST it receives
 * (decoded as PHP would), answers with a chosen status after a chosen delay, and checks every event delivery
 * against its schema in specs/, so outbound payloads are held to the contract like responses are.
 */
public final class HandlerServer implements AutoCloseable {
    /** One request the handler received. */
    public record Received(String path, ObjectNode query, String contentType, String body, ObjectNode form) {
        /** The event name: "event" of a form delivery or of a JSON CallCard::* post. */
        public String event() {
            return form.path("event").asText("");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, String> pages = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int status = 200;
    private volatile long delayMillis;

    public HandlerServer() {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String text = body.toString();
            String type = String.valueOf(request.getHeader("Content-Type"));
            ObjectNode form;
            try {
                form = type.startsWith("application/json") ? (ObjectNode) JSON.readTree(text) : FormCodec.decode(text);
            } catch (Exception e) {
                form = JSON.createObjectNode().put("unreadable", text);
            }
            received.add(new Received(request.path(), FormCodec.decode(request.query() == null ? "" : request.query()),
                    type, text, form));
            String page = pages.get(request.path());
            Runnable answer = page != null
                    ? () -> request.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page)
                    : () -> request.response().setStatusCode(status).end("ok");
            if (delayMillis > 0) {
                vertx.setTimer(delayMillis, t -> answer.run());
            } else {
                answer.run();
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Handler server did not start", e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    /** Serves an HTML page at a path (a widget), to GET and POST alike. */
    public HandlerServer page(String path, String html) {
        pages.put(path, html);
        return this;
    }

    public HandlerServer answer(int httpStatus, long afterMillis) {
        this.status = httpStatus;
        this.delayMillis = afterMillis;
        return this;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public void clear() {
        received.clear();
    }

    /** Waits until a matching request has arrived (at most 10 s) and checks it against its event schema. */
    public Received await(Predicate<Received> which, String description) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            for (Received r : received) {
                if (which.test(r)) {
                    conform(r);
                    return r;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("The handler did not receive " + description + " within 10 s; it received: "
                + received.stream().map(Received::event).toList());
    }

    public Received awaitEvent(String event) {
        return await(r -> r.event().equalsIgnoreCase(event), event);
    }

    /** Every delivery received so far conforms to its event schema. */
    public void assertAllConform() {
        received.forEach(HandlerServer::conform);
    }

    private static void conform(Received r) {
        Contracts contracts = Contracts.shared();
        if (r.contentType().startsWith("application/json")) {
            conformCardEvent(r, contracts);
            return;
        }
        if (!"application/x-www-form-urlencoded".equals(r.contentType())) {
            throw new AssertionError("Deliveries are form-encoded, got " + r.contentType());
        }
        if (r.form().has("PLACEMENT")) {
            ObjectNode post = r.query().deepCopy();
            post.setAll(r.form());
            expect(contracts.validate("placements/placement-post.json", post), "Placement POST", r);
            String options = "placements/CALL_CARD.options.json";
            for (var placement : contracts.index().get("placements")) {
                if (placement.get("placement").asText().equals(r.form().get("PLACEMENT").asText())) {
                    options = placement.get("options").asText();
                }
            }
            try {
                expect(contracts.validate(options,
                        JSON.readTree(r.form().get("PLACEMENT_OPTIONS").asText())), "PLACEMENT_OPTIONS", r);
            } catch (java.io.IOException e) {
                throw new AssertionError("PLACEMENT_OPTIONS is not JSON: " + r.body(), e);
            }
            return;
        }
        if (r.form().has("error")) { // a background worker's errorHandlerUrl told its binding was removed (D193)
            for (var placement : contracts.index().get("placements")) {
                if (placement.has("errorNotice")) {
                    expect(contracts.validate(placement.get("errorNotice").asText(), r.form()), "Error notice", r);
                    return;
                }
            }
        }
        String event = r.event();
        String schema = null;
        for (var e : contracts.index().get("events")) {
            if (e.get("event").asText().equalsIgnoreCase(event)) {
                schema = e.get("schema").asText();
            }
        }
        if (schema == null) {
            throw new AssertionError("No contract for delivered event " + event);
        }
        expect(contracts.validate(schema, r.form()), "Delivery of " + event, r);
    }

    private static void conformCardEvent(Received r, Contracts contracts) {
        var args = r.form().path("args");
        switch (r.event()) {
            case "CallCard::EntityChanged" -> expect(contracts.validate("callcard/CallCard.EntityChanged.json", args.get(0)), r.event(), r);
            case "CallCard::CallStateChanged" -> {
                ObjectNode handlerArgs = JSON.createObjectNode();
                handlerArgs.set("callState", args.get(0));
                handlerArgs.set("additionalParams", args.get(1));
                expect(contracts.validate("callcard/CallCard.CallStateChanged.json", handlerArgs), r.event(), r);
            }
            case "CallCard::BeforeClose" -> expect(contracts.validate("callcard/CallCard.BeforeClose.json", r.form().path("data")), r.event(), r);
            default -> throw new AssertionError("Unknown call card event " + r.event());
        }
    }

    private static void expect(java.util.List<Contracts.Violation> violations, String what, Received r) {
        if (!violations.isEmpty()) {
            throw new AssertionError(what + " breaks the contract: " + violations + "\n" + r.body());
        }
    }

    @Override
    public void close() {
        vertx.close();
    }
}
