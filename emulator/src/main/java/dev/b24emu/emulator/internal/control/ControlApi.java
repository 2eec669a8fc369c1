package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.portal.Fault;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.PortalState;
import dev.b24emu.emulator.internal.telephony.Call;
import dev.b24emu.emulator.internal.telephony.FinishedCall;
import dev.b24emu.emulator.internal.transport.MethodRegistry;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserFields;
import dev.b24emu.specs.Contracts;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The developer endpoints under /_emulator/: health, clock, reset, portals and their settings, users and
 * exclusions, calls, and the request journal. They answer JSON, and failures in the same error envelope as /rest/.
 */
public final class ControlApi {
    private static final long CONTROL_BODY_LIMIT = 64L * 1024 * 1024;

    private final PortalRegistry portals;
    private final MethodRegistry methods;
    private final ObjectMapper json;
    private final ControlResponses responses;
    private final Supplier<String> baseUrl;
    private final Instant startedAt = Instant.now();

    public ControlApi(PortalRegistry portals, MethodRegistry methods, ObjectMapper json, Supplier<String> baseUrl) {
        this.portals = portals;
        this.methods = methods;
        this.json = json;
        this.responses = new ControlResponses(json);
        this.baseUrl = baseUrl;
    }

    public void mount(Router router) {
        router.route("/_emulator/*").handler(BodyHandler.create(false).setBodyLimit(CONTROL_BODY_LIMIT));
        responses.get(router, "/_emulator/health", ctx -> health());
        responses.get(router, "/_emulator/methods", ctx -> methodList());
        responses.get(router, "/_emulator/openapi.json", ctx -> Contracts.shared().openApi(baseUrl.get()));
        responses.get(router, "/_emulator/clock", ctx -> clockView(portals.clock()));
        responses.post(router, "/_emulator/clock", ctx -> moveClock(portals.clock(), responses.body(ctx)));
        responses.post(router, "/_emulator/reset", ctx -> {
            portals.resetAll();
            return json.createObjectNode().put("reset", true);
        });
        responses.get(router, "/_emulator/requests", ctx -> journal(portals.all(), ctx));
        responses.get(router, "/_emulator/portals", ctx -> {
            ArrayNode list = json.createArrayNode();
            portals.all().forEach(p -> list.add(portalView(p)));
            return list;
        });
        router.post("/_emulator/portals").handler(ctx -> responses.answer(ctx, 201, () -> portalView(createPortal(responses.body(ctx)))));
        responses.get(router, "/_emulator/portals/:id", ctx -> portalView(portal(ctx)));
        router.delete("/_emulator/portals/:id").handler(ctx -> responses.answer(ctx, 200, () -> {
            portals.delete(ctx.pathParam("id"));
            return json.createObjectNode().put("deleted", ctx.pathParam("id"));
        }));
        responses.post(router, "/_emulator/portals/:id/reset", ctx -> {
            Portal portal = portal(ctx);
            portals.reset(portal);
            return portalView(portal);
        });
        responses.get(router, "/_emulator/portals/:id/settings", ctx -> portal(ctx).settings().toJson());
        router.patch("/_emulator/portals/:id/settings").handler(ctx -> responses.answer(ctx, 200, () -> {
            Portal portal = portal(ctx);
            portal.settings(portal.settings().patch(responses.body(ctx)));
            return portal.settings().toJson();
        }));
        responses.get(router, "/_emulator/portals/:id/clock", ctx -> clockView(portal(ctx).clock()));
        responses.post(router, "/_emulator/portals/:id/clock", ctx -> moveClock(portal(ctx).clock(), responses.body(ctx)));
        responses.get(router, "/_emulator/portals/:id/users", ctx -> users(portal(ctx)));
        router.post("/_emulator/portals/:id/users").handler(ctx -> responses.answer(ctx, 201, () -> addUser(portal(ctx), responses.body(ctx))));
        router.post("/_emulator/portals/:id/crm/:type").handler(ctx -> responses.answer(ctx, 201, () ->
                addCrmItem(portal(ctx), ctx.pathParam("type"), responses.body(ctx))));
        responses.get(router, "/_emulator/portals/:id/crm-exclusions", ctx -> exclusions(portal(ctx)));
        router.post("/_emulator/portals/:id/crm-exclusions").handler(ctx -> responses.answer(ctx, 201, () -> {
            Portal portal = portal(ctx);
            JsonNode phone = responses.body(ctx).get("phone");
            if (phone == null || !phone.isTextual() || phone.asText().isBlank()) {
                throw RestError.of("ERROR_ARGUMENT", "Body must be {\"phone\": \"...\"}");
            }
            portal.crm().exclude(phone.asText());
            return exclusions(portal);
        }));
        responses.get(router, "/_emulator/portals/:id/calls", ctx -> calls(portal(ctx)));
        responses.get(router, "/_emulator/portals/:id/state", ctx -> PortalState.export(portal(ctx), portals.oauth()));
        router.put("/_emulator/portals/:id/state").handler(ctx -> responses.answer(ctx, 200, () -> {
            Portal portal = portal(ctx);
            PortalState.restore(portal, portals.oauth(), responses.body(ctx));
            return portalView(portal);
        }));
        router.post("/_emulator/portals/:id/faults").handler(ctx -> responses.answer(ctx, 201, () ->
                faultView(addFault(portal(ctx), responses.body(ctx)))));
        responses.get(router, "/_emulator/portals/:id/faults", ctx -> {
            ArrayNode list = json.createArrayNode();
            portal(ctx).faults().all().forEach(f -> list.add(faultView(f)));
            return list;
        });
        router.delete("/_emulator/portals/:id/faults").handler(ctx -> responses.answer(ctx, 200, () -> {
            portal(ctx).faults().clear();
            return json.createArrayNode();
        }));
        responses.get(router, "/_emulator/portals/:id/requests", ctx -> journal(List.of(portal(ctx)), ctx));
    }

    /** The 404 for unknown control paths; mounted after every other control route. */
    public void mountFallback(Router router) {
        router.route("/_emulator/*").handler(ctx -> responses.answer(ctx, 404, () -> {
            throw new RestError(404, "NOT_FOUND", "No control endpoint " + ctx.request().method() + " " + ctx.request().path());
        }));
    }

    private Portal portal(RoutingContext ctx) {
        return portals.require(ctx.pathParam("id"));
    }

    /**
     * {"method": "telephony.externalcall.register" | "*", "error": "QUERY_LIMIT_EXCEEDED", "status": 503,
     * "description": "...", "latencyMs": 2000, "drop": true, "count": 3, "probability": 0.5, "seed": 42}
     */
    private Fault addFault(Portal portal, JsonNode body) {
        String method = body.path("method").asText("*");
        String error = body.hasNonNull("error") ? body.get("error").asText() : null;
        long latency = body.path("latencyMs").asLong(0);
        boolean drop = body.path("drop").asBoolean(false);
        if (error == null && latency <= 0 && !drop) {
            throw RestError.of("ERROR_ARGUMENT", "A fault needs an error, a latencyMs or drop");
        }
        if (latency < 0 || latency > 120_000) {
            throw RestError.of("ERROR_ARGUMENT", "latencyMs must be between 0 and 120000");
        }
        double probability = body.path("probability").asDouble(1.0);
        if (probability <= 0 || probability > 1) {
            throw RestError.of("ERROR_ARGUMENT", "probability must be in (0, 1]");
        }
        int status = body.path("status").asInt(defaultStatus(error));
        if (status < 100 || status > 599) {
            throw RestError.of("ERROR_ARGUMENT", "status must be an HTTP status");
        }
        Fault fault = new Fault(portal.faults().nextId(), method, error, status,
                body.path("description").asText(error == null ? "" : "Injected " + error), latency, drop,
                new java.util.concurrent.atomic.AtomicInteger(body.path("count").asInt(-1)), probability,
                new java.util.Random(body.path("seed").asLong(0)), new java.util.concurrent.atomic.AtomicInteger());
        portal.faults().add(fault);
        return fault;
    }

    private static int defaultStatus(String error) {
        if (error == null) {
            return 400;
        }
        return switch (error) {
            case "QUERY_LIMIT_EXCEEDED", "OVERLOAD_LIMIT" -> 503;
            case "OPERATION_TIME_LIMIT" -> 429;
            case "NO_AUTH_FOUND", "expired_token", "invalid_token" -> 401;
            case "ACCESS_DENIED", "WRONG_AUTH_TYPE", "insufficient_scope", "INVALID_CREDENTIALS" -> 403;
            case "INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER", "PORTAL_DELETED" -> 500;
            default -> 400;
        };
    }

    private JsonNode faultView(Fault fault) {
        ObjectNode view = json.createObjectNode();
        view.put("id", fault.id());
        view.put("method", fault.method());
        view.put("error", fault.error());
        view.put("status", fault.status());
        view.put("latencyMs", fault.latencyMillis());
        view.put("drop", fault.drop());
        view.put("remaining", fault.remaining().get());
        view.put("probability", fault.probability());
        view.put("fired", fault.fired().get());
        return view;
    }

    private JsonNode health() {
        ObjectNode health = json.createObjectNode();
        health.put("status", "UP");
        health.put("portals", portals.all().size());
        health.put("uptimeSeconds", Duration.between(startedAt, Instant.now()).toSeconds());
        return health;
    }

    private JsonNode methodList() {
        ArrayNode list = json.createArrayNode();
        for (MethodRegistry.Method method : methods.all()) {
            list.addObject().put("method", method.name()).put("scope", method.scope())
                    .put("appContextOnly", method.appContextOnly());
        }
        return list;
    }

    private JsonNode clockView(EmulatorClock clock) {
        ObjectNode view = json.createObjectNode();
        view.put("now", IsoTime.format(clock.instant(), ZoneOffset.UTC));
        view.put("offsetSeconds", clock.offset().toSeconds());
        view.put("frozen", clock.frozen());
        return view;
    }

    private JsonNode moveClock(EmulatorClock clock, JsonNode body) {
        try {
            if (body.hasNonNull("advance")) {
                Duration by = Duration.parse(body.get("advance").asText());
                clock.advance(by);
            } else if (body.hasNonNull("set")) {
                Instant to = IsoTime.parse(body.get("set").asText(), ZoneOffset.UTC)
                        .orElseThrow(() -> RestError.of("ERROR_ARGUMENT", "set must be an ISO-8601 date-time"));
                clock.set(to);
            } else if (body.path("reset").asBoolean(false)) {
                clock.reset();
            } else if (body.has("freeze")) {
                if (body.get("freeze").asBoolean()) {
                    clock.freeze();
                } else {
                    clock.unfreeze();
                }
            } else {
                throw RestError.of("ERROR_ARGUMENT",
                        "Body must be {\"advance\": \"PT31M\"}, {\"set\": \"ISO\"}, {\"freeze\": true|false} or {\"reset\": true}");
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw RestError.of("ERROR_ARGUMENT", "advance must be an ISO-8601 duration such as PT31M");
        } catch (IllegalArgumentException outOfRange) {
            throw RestError.of("ERROR_ARGUMENT", outOfRange.getMessage());
        }
        return clockView(clock);
    }

    private Portal createPortal(JsonNode body) {
        Set<String> scopes = null;
        if (body.has("scopes")) {
            if (!body.get("scopes").isArray()) {
                throw RestError.of("ERROR_ARGUMENT", "scopes must be an array of scope names");
            }
            scopes = new HashSet<>();
            for (JsonNode scope : body.get("scopes")) {
                scopes.add(scope.asText());
            }
        }
        PortalSeed seed = body.has("seed") ? PortalSeed.parse(body.get("seed")) : null;
        if (seed == null && body.path("demo").asBoolean(false)) {
            seed = PortalSeed.demo();
        }
        return portals.create(new PortalRegistry.PortalSpec(text(body, "id"),
                body.has("webhookUserId") ? body.get("webhookUserId").asLong() : null,
                text(body, "webhookToken"), scopes, seed));
    }

    private static String text(JsonNode body, String name) {
        return body.hasNonNull(name) ? body.get(name).asText() : null;
    }

    private ObjectNode portalView(Portal portal) {
        ObjectNode view = json.createObjectNode();
        view.put("id", portal.id());
        view.put("memberId", portal.memberId());
        view.put("webhookUrl", webhookUrl(portal));
        var scopes = view.putArray("scopes");
        portal.webhook().scopes().stream().sorted().forEach(scopes::add);
        view.set("settings", portal.settings().toJson());
        view.set("clock", clockView(portal.clock()));
        return view;
    }

    public String webhookUrl(Portal portal) {
        return baseUrl.get() + "/rest/" + portal.webhook().userId() + "/" + portal.webhook().token() + "/";
    }

    private JsonNode users(Portal portal) {
        ArrayNode list = json.createArrayNode();
        for (User user : portal.users().all()) {
            list.add(UserFields.toJson(user).put("TIMEMAN_STATUS", user.timemanStatus().name()));
        }
        return list;
    }

    private JsonNode addUser(Portal portal, JsonNode body) {
        User user = UserFields.parse(body, portal.users().nextId());
        portal.users().put(user);
        return UserFields.toJson(user).put("TIMEMAN_STATUS", user.timemanStatus().name());
    }

    /**
     * Seeds one CRM object (fields as crm.{type}.add takes them) without a REST call, so the request journal keeps
     * only what clients asked; ASSIGNED_BY_ID defaults to the webhook user as in a seed.
     */
    private JsonNode addCrmItem(Portal portal, String type, JsonNode fields) {
        CrmEntityType entityType = CrmEntityType.parse(type)
                .orElseThrow(() -> RestError.of("ERROR_ARGUMENT", "type must be lead, contact, company or deal"));
        if (!fields.isObject() || fields.isEmpty()) {
            throw RestError.of("ERROR_ARGUMENT", "Body must be the object's fields, e.g. {\"NAME\": \"Ivan\", "
                    + "\"PHONE\": [{\"VALUE\": \"+79990000001\", \"VALUE_TYPE\": \"WORK\"}]}");
        }
        long creator = fields.path("ASSIGNED_BY_ID").asLong(portal.webhook().userId());
        CrmItem item = portal.exclusive(() -> portal.crm().add(entityType, (ObjectNode) fields.deepCopy(), creator,
                portal.isoNow()));
        return item.fields().deepCopy(); // as crm.{type}.get shows it, "ID" included
    }

    private JsonNode exclusions(Portal portal) {
        ArrayNode list = json.createArrayNode();
        portal.crm().exclusions().stream().sorted().forEach(list::add);
        return list;
    }

    private JsonNode calls(Portal portal) {
        ObjectNode view = json.createObjectNode();
        ArrayNode active = view.putArray("active");
        portal.telephony().activeCalls().stream().sorted(Comparator.comparing(Call::startDate))
                .forEach(call -> active.add(callView(portal, call)));
        ArrayNode finished = view.putArray("finished");
        for (FinishedCall row : portal.telephony().finishedCalls()) {
            ObjectNode item = callView(portal, row.call());
            item.put("statisticId", row.id());
            item.put("finishedBy", row.portalUserId());
            item.put("duration", row.duration());
            item.put("statusCode", row.statusCode());
            item.put("addedToChat", row.addedToChat());
            if (row.crmActivityId() != null) {
                item.put("crmActivityId", row.crmActivityId());
            }
            finished.add(item);
        }
        return view;
    }

    private ObjectNode callView(Portal portal, Call call) {
        ObjectNode view = json.createObjectNode();
        view.put("callId", call.callId());
        view.put("userId", call.userId());
        view.put("phoneNumber", call.phoneNumber());
        view.put("type", call.type());
        view.put("lineNumber", call.lineNumber());
        view.put("externalCallId", call.externalCallId());
        view.put("startDate", portal.iso(call.startDate()));
        view.put("crm", call.crm());
        view.set("primary", call.primary() == null ? null : refView(call.primary()));
        ArrayNode bindings = view.putArray("bindings");
        call.bindings().forEach(ref -> bindings.add(refView(ref)));
        ArrayNode created = view.putArray("createdEntities");
        call.createdEntities().forEach(ref -> created.add(refView(ref)));
        ArrayNode shown = view.putArray("shownTo");
        call.shownTo().stream().sorted().forEach(shown::add);
        return view;
    }

    private ObjectNode refView(CrmRef ref) {
        return json.createObjectNode().put("ENTITY_TYPE", ref.type().name()).put("ENTITY_ID", ref.id());
    }

    private JsonNode journal(java.util.Collection<Portal> from, RoutingContext ctx) {
        String method = ctx.queryParams().get("method");
        String portalId = ctx.queryParams().get("portal");
        int limit = parseLimit(ctx.queryParams().get("limit"));
        List<RequestJournal.Entry> entries = new ArrayList<>();
        for (Portal portal : from) {
            if (portalId == null || portalId.equals(portal.id())) {
                entries.addAll(portal.journal().entries());
            }
        }
        entries.sort(Comparator.comparingLong(RequestJournal.Entry::seq));
        List<RequestJournal.Entry> matching = entries.stream()
                .filter(e -> method == null || e.method().equalsIgnoreCase(method)).toList();
        ArrayNode list = json.createArrayNode();
        matching.stream().skip(Math.max(0, matching.size() - (long) limit)).forEach(e -> list.add(json.valueToTree(e)));
        return list;
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return Integer.MAX_VALUE;
        }
        try {
            return Math.max(0, Integer.parseInt(limit));
        } catch (NumberFormatException e) {
            throw RestError.of("ERROR_ARGUMENT", "limit must be a number");
        }
    }
}
