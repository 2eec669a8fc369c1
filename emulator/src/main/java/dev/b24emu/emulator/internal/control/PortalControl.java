package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.control.ControlViews.ClockView;
import dev.b24emu.emulator.internal.control.ControlViews.Deleted;
import dev.b24emu.emulator.internal.control.ControlViews.PortalView;
import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.PortalState;
import dev.b24emu.emulator.internal.portal.StateFile;
import dev.b24emu.emulator.internal.transport.MalformedJson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Portals: list, create, inspect, delete, reset; each portal's settings, clock, state and request journal. */
public final class PortalControl {
    private final PortalRegistry portals;
    /** the requests refused for credentials that name no portal (D184): in the emulator-wide journal, none of a portal's */
    private final RequestJournal noPortal;

    public PortalControl(PortalRegistry portals, RequestJournal noPortal) {
        this.portals = portals;
        this.noPortal = noPortal;
    }

    public void register(ControlRoutes routes) {
        routes.get("/portals", request -> portals.all().stream().map(p -> PortalView.of(p, request.endpoints())).toList());
        routes.post("/portals", 201, request -> PortalView.of(create(request.body()), request.endpoints()));
        routes.get("/requests", request -> journal(portals.all(), true, request));
        routes.get("/requests/no-portal", request -> filter(noPortal.entries(), request));
        ControlRoutes portal = routes.portal();
        portal.get("/", request -> PortalView.of(request.portal(), request.endpoints()));
        portal.delete("/", request -> {
            portals.delete(request.portal().id());
            return new Deleted(request.portal().id());
        });
        portal.post("/reset", request -> {
            request.portal().resetToSeed();
            return PortalView.of(request.portal(), request.endpoints());
        });
        portal.get("/settings", request -> request.portal().settings().toJson());
        portal.patch("/settings", request -> {
            Portal p = request.portal();
            p.settings(p.settings().patch(request.body()));
            return p.settings().toJson();
        });
        portal.get("/clock", request -> ClockView.of(request.portal().clock()));
        portal.post("/clock", request -> ServerControl.move(request.portal().clock(), request.body()));
        // written off the event loop into the connection, chunk by chunk: a 100,000-contact portal's state is 48 MB
        portal.get("/state", request -> new ControlViews.Streamed(out -> PortalState.write(request.portal(), out)));
        portal.put("/state", request -> {
            if (request.bodyLength() > StateFile.TREE_LIMIT) {
                // as a state file this large is read: section by section, off the event loop (PortalState.read)
                return request.blocking(() -> {
                    try (JsonParser parser = request.bodyParser()) {
                        parser.nextToken();
                        PortalState.restore(request.portal(), PortalState.read(parser, request.portal().stores()));
                    } catch (JsonProcessingException malformed) {
                        throw new IllegalArgumentException(MalformedJson.describe(malformed));
                    }
                    return PortalView.of(request.portal(), request.endpoints());
                });
            }
            PortalState.restore(request.portal(), request.body());
            return PortalView.of(request.portal(), request.endpoints());
        });
        portal.get("/requests", request -> journal(List.of(request.portal()), false, request));
    }

    /** what a new portal's body may name, as the settings' body may name only settings */
    private static final List<String> PORTAL_FIELDS = List.of("id", "webhookToken", "webhookUserId", "scopes", "demo",
            "seed", "domain");

    /** {"id","webhookToken","webhookUserId","scopes":[…],"demo":true,"seed":{…},"domain"}, every field optional. */
    private Portal create(ObjectNode body) {
        // a misspelt field was dropped without a word, and a webhook user "abc" stored as user 0 (audit 50e)
        body.fieldNames().forEachRemaining(name -> {
            if (!PORTAL_FIELDS.contains(name)) {
                throw new IllegalArgumentException("Unknown field " + name + ": a portal is made of "
                        + String.join(", ", PORTAL_FIELDS));
            }
        });
        JsonNode user = body.get("webhookUserId");
        if (user != null && !user.isNull() && !(user.canConvertToLong() && user.isIntegralNumber() && user.asLong() > 0
                || user.isTextual() && user.asText().matches("[1-9][0-9]{0,17}"))) {
            throw new IllegalArgumentException("webhookUserId must be a user's ID, a whole number from 1: " + user);
        }
        Set<String> scopes = null;
        if (body.has("scopes")) {
            if (!body.get("scopes").isArray()) {
                throw new IllegalArgumentException("scopes must be an array of scope names");
            }
            scopes = new HashSet<>();
            for (JsonNode scope : body.get("scopes")) {
                scopes.add(scope.asText());
            }
        }
        PortalSeed seed = body.has("seed") ? portals.seeds().parse(body.get("seed")) : null;
        if (seed == null && body.path("demo").asBoolean(false)) {
            seed = portals.seeds().demo();
        }
        return portals.createAtRunTime(new PortalRegistry.PortalSpec(text(body, "id"),
                body.hasNonNull("webhookUserId") ? body.get("webhookUserId").asLong() : null,
                text(body, "webhookToken"), scopes, seed, text(body, "domain")));
    }

    private static String text(JsonNode body, String name) {
        return body.hasNonNull(name) ? body.get(name).asText() : null;
    }

    /**
     * The request journal of some portals and, unless a portal is asked for, the requests that named none, oldest
     * first; ?method=, ?portal= and ?limit= (the last n) filter it.
     */
    private List<RequestJournal.Entry> journal(Collection<Portal> from, boolean withNoPortal, ControlRequest request) {
        String portalId = request.query("portal").orElse(null);
        List<RequestJournal.Entry> entries = new ArrayList<>();
        if (withNoPortal && portalId == null) {
            entries.addAll(noPortal.entries());
        }
        for (Portal portal : from) {
            if (portalId == null || portalId.equals(portal.id())) {
                entries.addAll(portal.store(RequestJournal.class).entries());
            }
        }
        entries.sort(Comparator.comparingLong(RequestJournal.Entry::seq));
        return filter(entries, request);
    }

    /** Entries in order, ?method= (any case) and ?limit= (the last n) applied. */
    private static List<RequestJournal.Entry> filter(List<RequestJournal.Entry> entries, ControlRequest request) {
        String method = request.query("method").orElse(null);
        int limit = request.query("limit").map(PortalControl::limit).orElse(Integer.MAX_VALUE);
        List<RequestJournal.Entry> matching = entries.stream()
                .filter(e -> method == null || e.method().equalsIgnoreCase(method)).toList();
        return matching.subList(Math.max(0, matching.size() - limit), matching.size());
    }

    private static int limit(String text) {
        try {
            return Math.max(0, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number");
        }
    }
}
