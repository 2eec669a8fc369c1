package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Fault;
import dev.b24emu.emulator.internal.rest.FaultStore;
import dev.b24emu.specs.Contracts;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults injected into a portal's REST methods: errors, latency, dropped connections (README, "Faults"). */
public final class FaultControl {
    private final Contracts contracts;

    public FaultControl(Contracts contracts) {
        this.contracts = contracts;
    }

    public record FaultView(long id, String method, String error, int status, long latencyMs, boolean drop,
                            int remaining, double probability, int fired) {
        static FaultView of(Fault fault) {
            return new FaultView(fault.id(), fault.method(), fault.error(), fault.status(), fault.latencyMillis(),
                    fault.drop(), fault.remaining().get(), fault.probability(), fault.fired().get());
        }
    }

    public void register(ControlRoutes routes) {
        ControlRoutes portal = routes.portal();
        portal.post("/faults", 201, request -> FaultView.of(add(request.portal(), request.body(),
                systemError(request.body()))));
        portal.get("/faults", request -> views(request.portal()));
        portal.delete("/faults", request -> {
            request.portal().store(FaultStore.class).clear();
            return List.of();
        });
    }

    /** Adds a fault as POST …/faults does (the embedding API's {@code TestPortal.fault}); answers it. */
    public FaultView inject(Portal portal, JsonNode spec) {
        if (spec == null || !spec.isObject()) {
            throw new IllegalArgumentException("A fault must be a JSON object");
        }
        return FaultView.of(add(portal, spec, systemError(spec)));
    }

    private static List<FaultView> views(Portal portal) {
        return portal.store(FaultStore.class).all().stream().map(FaultView::of).toList();
    }

    /**
     * {"method": "telephony.externalcall.register" | "*", "error": "QUERY_LIMIT_EXCEEDED", "status": 503,
     * "description": "...", "latencyMs": 2000, "drop": true, "count": 3, "probability": 0.5, "seed": 42}
     */
    private static Fault add(Portal portal, JsonNode body, Optional<Contracts.SystemError> documented) {
        String method = body.path("method").asText("*");
        String error = body.hasNonNull("error") ? body.get("error").asText() : null;
        long latency = body.path("latencyMs").asLong(0);
        boolean drop = body.path("drop").asBoolean(false);
        if (error == null && latency <= 0 && !drop) {
            throw new IllegalArgumentException("A fault needs an error, a latencyMs or drop");
        }
        if (latency < 0 || latency > 120_000) {
            throw new IllegalArgumentException("latencyMs must be between 0 and 120000");
        }
        double probability = body.path("probability").asDouble(1.0);
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1]");
        }
        int status = body.path("status").asInt(documented.map(Contracts.SystemError::status).orElse(defaultStatus(error)));
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status");
        }
        FaultStore faults = portal.store(FaultStore.class);
        Fault fault = ConfigBound.adding(portal, faults::all, body, "faults", () -> {
            Fault made = new Fault(faults.nextId(), method, error, status,
                    body.path("description").asText(documented.map(Contracts.SystemError::message)
                            .orElse(error == null ? "" : "Injected " + error)), latency, drop,
                    new AtomicInteger(body.path("count").asInt(-1)), probability,
                    new Random(body.path("seed").asLong(0)), new AtomicInteger());
            faults.add(made);
            return made;
        });
        return fault;
    }

    /** The page's status and text of a documented system error (system-errors.md), the defaults of its fault (D151). */
    private Optional<Contracts.SystemError> systemError(JsonNode body) {
        return body.hasNonNull("error") ? contracts.systemError(body.get("error").asText()) : Optional.empty();
    }

    /** An error that is no system error: the status its kind of failure has. */
    private static int defaultStatus(String error) {
        if (error == null) {
            return 400;
        }
        return switch (error) {
            case "invalid_token" -> 401;
            case "WRONG_AUTH_TYPE" -> 403;
            default -> 400;
        };
    }
}
