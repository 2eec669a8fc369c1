package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.control.ControlViews.ClockView;
import dev.b24emu.emulator.internal.control.ControlViews.Done;
import dev.b24emu.emulator.internal.control.ControlViews.Health;
import dev.b24emu.emulator.internal.control.ControlViews.MethodView;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.specs.Contracts;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;

/** The emulator-wide control endpoints: health, the served methods and their contract, the clock, reset. */
public final class ServerControl {
    private final PortalRegistry portals;
    private final MethodTable methods;
    private final HealthCheck health;
    private final Supplier<ControlViews.Connections> connections;

    public ServerControl(PortalRegistry portals, MethodTable methods, HealthCheck health,
                         Supplier<ControlViews.Connections> connections) {
        this.portals = portals;
        this.methods = methods;
        this.health = health;
        this.connections = connections;
    }

    public void register(ControlRoutes routes) {
        routes.get("/health", request -> health());
        routes.get("/methods", request -> methods());
        routes.get("/openapi.json", request -> Contracts.shared().openApi(request.endpoints().baseUrl()));
        routes.get("/control/openapi.json", request -> Contracts.shared().controlOpenApi());
        routes.get("/clock", request -> ClockView.of(portals.clock()));
        routes.post("/clock", request -> move(portals.clock(), request.body()));
        routes.post("/reset", request -> {
            portals.resetAll();
            return new Done(true);
        });
    }

    /** 200 UP, or 503 DOWN with the reason, so a container health check or a CI wait loop sees it. */
    private Object health() {
        String trouble = health.trouble();
        Health view = new Health(trouble == null ? "UP" : "DOWN", portals.all().size(), health.uptimeSeconds(),
                connections.get(), trouble);
        return trouble == null ? view : new ControlViews.Answer(503, view);
    }

    private List<MethodView> methods() {
        return methods.all().stream().map(m -> new MethodView(m.name(), m.scope(), m.appContextOnly(),
                m.webhookRefusal().isPresent(), m.v3() ? 3 : 2)).toList();
    }

    /**
     * {"advance": "PT31M"}, {"set": "2026-01-01T10:00:00Z"}, {"freeze": true|false} or {"reset": true}; a move
     * beyond the representable range is a 400 naming the range.
     */
    static ClockView move(EmulatorClock clock, JsonNode body) {
        try {
            if (body.hasNonNull("advance")) {
                clock.advance(Duration.parse(body.get("advance").asText()));
            } else if (body.hasNonNull("set")) {
                clock.set(IsoTime.parse(body.get("set").asText(), ZoneOffset.UTC)
                        .orElseThrow(() -> new IllegalArgumentException("set must be an ISO-8601 date-time")));
            } else if (body.path("reset").asBoolean(false)) {
                clock.reset();
            } else if (body.has("freeze")) {
                if (body.get("freeze").asBoolean()) {
                    clock.freeze();
                } else {
                    clock.unfreeze();
                }
            } else {
                throw new IllegalArgumentException(
                        "Body must be {\"advance\": \"PT31M\"}, {\"set\": \"ISO\"}, {\"freeze\": true|false} or {\"reset\": true}");
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("advance must be an ISO-8601 duration such as PT31M");
        }
        return ClockView.of(clock);
    }
}
