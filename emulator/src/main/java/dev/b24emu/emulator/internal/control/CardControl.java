package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.callcard.CallCard;
import dev.b24emu.emulator.internal.callcard.CallCards;
import dev.b24emu.emulator.internal.callcard.CallListMethods;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.placements.WidgetPublisher;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.telephony.Call;
import dev.b24emu.emulator.internal.telephony.FinishedCall;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Driving call cards as a user would: change the call state, refresh, bind or create a client, close the card,
 * work through a call list; what widgets call through BX24.placement.call; and the call-card simulator page with
 * its BX24 shim.
 */
public final class CardControl {
    private final PortalRegistry portals;
    private final CallCards cards;
    private final WidgetPublisher widgets;
    private final ObjectMapper json;
    private final ControlResponses responses;

    public CardControl(PortalRegistry portals, CallCards cards, WidgetPublisher widgets, ObjectMapper json) {
        this.portals = portals;
        this.cards = cards;
        this.widgets = widgets;
        this.json = json;
        this.responses = new ControlResponses(json);
    }

    public void mount(Router router) {
        String card = "/_emulator/portals/:id/cards/:callId/:userId";
        responses.get(router, "/_emulator/portals/:id/cards", ctx -> list(portal(ctx)));
        responses.get(router, card, ctx -> view(portal(ctx), card(ctx)));
        responses.get(router, card + "/widgets", ctx -> widgets(portal(ctx), card(ctx)));
        responses.post(router, card + "/state", ctx -> {
            JsonNode body = responses.body(ctx);
            return view(portal(ctx), cards.state(portal(ctx), callId(ctx), userId(ctx), body.path("state").asText(""),
                    body.hasNonNull("failedCode") ? body.get("failedCode").asText() : null));
        });
        responses.post(router, card + "/refresh", ctx -> view(portal(ctx), cards.refresh(portal(ctx), callId(ctx), userId(ctx))));
        responses.post(router, card + "/bind", ctx -> {
            JsonNode body = responses.body(ctx);
            CrmEntityType type = entityType(body);
            return view(portal(ctx), cards.bind(portal(ctx), callId(ctx), userId(ctx),
                    new CrmRef(type, body.path("entityId").asLong()), "bound"));
        });
        responses.post(router, card + "/create", ctx -> {
            JsonNode body = responses.body(ctx);
            JsonNode fields = body.get("fields");
            return view(portal(ctx), cards.create(portal(ctx), callId(ctx), userId(ctx), entityType(body),
                    fields != null && fields.isObject() ? (ObjectNode) fields : null));
        });
        responses.post(router, card + "/command", ctx ->
                cards.command(portal(ctx), callId(ctx), userId(ctx), responses.body(ctx).path("command").asText("")));
        responses.post(router, card + "/close", ctx -> view(portal(ctx), cards.userClosed(portal(ctx), callId(ctx), userId(ctx))));
        router.post("/_emulator/portals/:id/call-lists").handler(ctx -> responses.answer(ctx, 201, () -> {
            JsonNode body = responses.body(ctx);
            if (!body.isObject()) {
                throw RestError.of("ERROR_ARGUMENT", "Body must be {\"ENTITY_TYPE\": \"CONTACT\", \"ENTITIES\": [1, 2], \"userId\": 2}");
            }
            Portal portal = portal(ctx);
            return CallListMethods.view(CallListMethods.create(portal, body.path("userId").asLong(portal.webhook().userId()),
                    new Params((ObjectNode) body)));
        }));
        String list = "/_emulator/portals/:id/call-lists/:listId";
        responses.post(router, list + "/start", ctx -> client(portal(ctx), CallListMethods.move(portal(ctx), cards,
                listId(ctx), restart(portal(ctx), ctx), Optional.empty())));
        responses.post(router, list + "/next", ctx -> client(portal(ctx), CallListMethods.move(portal(ctx), cards,
                listId(ctx), responses.body(ctx).path("userId").asLong(1), Optional.empty())));
        responses.post(router, list + "/select", ctx -> {
            JsonNode body = responses.body(ctx);
            return client(portal(ctx), CallListMethods.move(portal(ctx), cards, listId(ctx), body.path("userId").asLong(1),
                    Optional.of(body.path("entityId").asLong())));
        });
        router.get("/_emulator/ui/call-card").handler(ctx -> resource(ctx, "/ui/call-card.html", "text/html; charset=utf-8"));
        router.get("/_emulator/ui/bx24.js").handler(ctx -> resource(ctx, "/ui/bx24.js", "application/javascript; charset=utf-8"));
        router.get("/_emulator/ui/control-token.js").handler(ctx -> resource(ctx, "/ui/control-token.js",
                "application/javascript; charset=utf-8"));
    }

    private Portal portal(RoutingContext ctx) {
        Portal portal = portals.require(ctx.pathParam("id"));
        cards.tick(portal);
        return portal;
    }

    private CallCard card(RoutingContext ctx) {
        return cards.require(portal(ctx), callId(ctx), userId(ctx));
    }

    private static String callId(RoutingContext ctx) {
        return ctx.pathParam("callId");
    }

    private static long userId(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("userId"));
        } catch (NumberFormatException e) {
            throw RestError.of("ERROR_ARGUMENT", "userId must be a number");
        }
    }

    private static long listId(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("listId"));
        } catch (NumberFormatException e) {
            throw RestError.of("ERROR_ARGUMENT", "listId must be a number");
        }
    }

    /** start: back to the top of the list for the user, so the first move lands on the first client. */
    private long restart(Portal portal, RoutingContext ctx) {
        long userId = responses.body(ctx).path("userId").asLong(1);
        CallListMethods.reset(portal, listId(ctx), userId);
        return userId;
    }

    private static CrmEntityType entityType(JsonNode body) {
        return CrmEntityType.parse(body.path("entityType").asText(""))
                .orElseThrow(() -> RestError.of("ERROR_ARGUMENT", "entityType must be LEAD, CONTACT or COMPANY"));
    }

    private JsonNode list(Portal portal) {
        ArrayNode list = json.createArrayNode();
        portal.cards().cards(c -> true).stream()
                .sorted(java.util.Comparator.comparing(CallCard::callId).thenComparingLong(CallCard::userId))
                .forEach(c -> list.add(summary(c)));
        return list;
    }

    private ObjectNode summary(CallCard card) {
        ObjectNode view = json.createObjectNode();
        view.put("callId", card.callId());
        view.put("userId", card.userId());
        view.put("state", card.state());
        view.put("entityType", card.entity() == null ? null : card.entity().type().name());
        if (card.entity() != null) {
            view.put("entityId", card.entity().id());
        }
        view.put("phone", card.phone());
        view.put("autoCloseDisabled", card.autoCloseDisabled());
        view.put("closeAt", card.closeAt() == null ? null : card.closeAt().toString());
        view.put("callEnded", card.callEnded());
        view.put("closed", card.closed());
        if (card.callListId() != null) {
            view.put("callListId", card.callListId());
        }
        return view;
    }

    private JsonNode view(Portal portal, CallCard card) {
        ObjectNode view = summary(card);
        view.set("status", cards.status(portal, card));
        view.set("events", json.valueToTree(card.events()));
        return view;
    }

    private JsonNode widgets(Portal portal, CallCard card) {
        Call call = portal.telephony().active(card.callId())
                .or(() -> portal.telephony().finished(card.callId()).map(FinishedCall::call))
                .orElseThrow(() -> RestError.of("ERROR_ARGUMENT", "No call " + card.callId()));
        ObjectNode options = cards.placementOptions(portal, call, card);
        ArrayNode list = json.createArrayNode();
        portal.placements().placements(p -> p.placement().equals("CALL_CARD")
                        && (p.userId() == 0 || p.userId() == card.userId()))
                .forEach(p -> widgets.opening(portal, p, card.userId(), options).ifPresent(o -> {
                    ObjectNode item = list.addObject();
                    item.put("title", p.title());
                    item.put("url", o.url());
                    item.set("form", o.form());
                }));
        return list;
    }

    private JsonNode client(Portal portal, CrmRef client) {
        ObjectNode view = json.createObjectNode();
        view.put("ENTITY_TYPE", client.type().name());
        view.put("ENTITY_ID", client.id());
        portal.crm().get(client).ifPresent(item -> view.put("NAME", item.displayName()));
        return view;
    }

    private void resource(RoutingContext ctx, String path, String contentType) {
        try (InputStream in = CardControl.class.getResourceAsStream(path)) {
            if (in == null) {
                ctx.response().setStatusCode(404).end();
                return;
            }
            ctx.response().putHeader("Content-Type", contentType).end(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
