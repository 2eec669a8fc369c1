package dev.b24emu.emulator.internal.callcard.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.callcard.CallCard;
import dev.b24emu.emulator.internal.callcard.CallCardEvent;
import dev.b24emu.emulator.internal.callcard.CallCardService;
import dev.b24emu.emulator.internal.callcard.CallCardStore;
import dev.b24emu.emulator.internal.callcard.CallLists;
import dev.b24emu.emulator.internal.control.ControlRequest;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.placements.WidgetPublisher;
import dev.b24emu.emulator.internal.placements.WidgetView;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.telephony.Call;
import dev.b24emu.emulator.internal.telephony.CallService;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.Params;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Driving call cards as a user would: change the call state, refresh, bind or create a client, close the card,
 * work through a call list; and what widgets call through BX24.placement.call.
 */
final class CallCardControl {
    /** A card in short, as GET …/cards lists it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CardSummary(String callId, long userId, String state,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String entityType, Long entityId, String phone,
                       boolean autoCloseDisabled, @JsonInclude(JsonInclude.Include.ALWAYS) String closeAt,
                       boolean callEnded, boolean closed, Long callListId) {
        static CardSummary of(CallCard card) {
            return new CardSummary(card.callId(), card.userId(), card.state(),
                    card.entity() == null ? null : card.entity().type().name(),
                    card.entity() == null ? null : card.entity().id(), card.phone(), card.autoCloseDisabled(),
                    card.closeAt() == null ? null : card.closeAt().toString(), card.callEnded(), card.closed(),
                    card.callListId());
        }
    }

    /**
     * One card with its getStatus data and every event it emitted; eventArguments is how the portal hands them to a
     * widget's bound handler (D187: "first", the portal's page, or "all", the event pages).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CardView(String callId, long userId, String state,
                    @JsonInclude(JsonInclude.Include.ALWAYS) String entityType, Long entityId, String phone,
                    boolean autoCloseDisabled, @JsonInclude(JsonInclude.Include.ALWAYS) String closeAt,
                    boolean callEnded, boolean closed, Long callListId, ObjectNode status,
                    String eventArguments, List<EventView> events) {
    }

    /** An event as the card emitted it (args) and as a widget's bound handler is called with it (handlerArgs). */
    record EventView(long seq, String name, JsonNode args, JsonNode handlerArgs, String time, String trigger) {
        static EventView of(CallCardEvent event, boolean firstOnly) {
            return new EventView(event.seq(), event.name(), event.args(), event.handlerArgs(firstOnly), event.time(),
                    event.trigger());
        }
    }

    /** A client of a call list. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ClientView(@com.fasterxml.jackson.annotation.JsonProperty("ENTITY_TYPE") String entityType,
                      @com.fasterxml.jackson.annotation.JsonProperty("ENTITY_ID") long entityId,
                      @com.fasterxml.jackson.annotation.JsonProperty("NAME") String name) {
    }

    private final CallCardService cards;
    private final CallService calls;
    private final WidgetPublisher widgets;

    CallCardControl(CallCardService cards, CallService calls, WidgetPublisher widgets) {
        this.cards = cards;
        this.calls = calls;
        this.widgets = widgets;
    }

    void register(ControlRoutes routes) {
        ControlRoutes portal = routes.portal();
        String card = "/cards/:callId/:userId";
        portal.get("/cards", request -> list(ticked(request), request));
        portal.get(card, request -> view(ticked(request), card(request)));
        portal.get(card + "/widgets", request -> widgets(ticked(request), card(request), request));
        portal.post(card + "/state", request -> {
            JsonNode body = request.body();
            return view(request.portal(), cards.state(ticked(request), callId(request), userId(request),
                    body.path("state").asText(""), body.hasNonNull("failedCode") ? body.get("failedCode").asText() : null));
        });
        portal.post(card + "/refresh", request -> view(request.portal(),
                cards.refresh(ticked(request), callId(request), userId(request))));
        portal.post(card + "/bind", request -> view(request.portal(), cards.bind(ticked(request), callId(request),
                userId(request), new CrmRef(entityType(request.body()), request.body().path("entityId").asLong()), "bound")));
        portal.post(card + "/create", request -> {
            JsonNode fields = request.body().get("fields");
            return view(request.portal(), cards.create(ticked(request), callId(request), userId(request),
                    entityType(request.body()), fields != null && fields.isObject() ? (ObjectNode) fields : null,
                    request.endpoints()));
        });
        portal.post(card + "/command", request -> cards.command(ticked(request), callId(request), userId(request),
                request.body().path("command").asText("")));
        portal.post(card + "/close", request -> view(request.portal(),
                cards.userClosed(ticked(request), callId(request), userId(request))));
        portal.post("/call-lists", 201, request -> CallLists.view(CallLists.create(request.portal(),
                request.body().path("userId").asLong(request.portal().webhook().userId()), new Params(request.body()))));
        String list = "/call-lists/:listId";
        portal.post(list + "/start", request -> {
            long userId = request.body().path("userId").asLong(1);
            CallLists.reset(request.portal(), request.pathLong("listId"), userId);
            return client(request.portal(), CallLists.move(request.portal(), cards, request.pathLong("listId"), userId,
                    Optional.empty()));
        });
        portal.post(list + "/next", request -> client(request.portal(), CallLists.move(request.portal(), cards,
                request.pathLong("listId"), request.body().path("userId").asLong(1), Optional.empty())));
        portal.post(list + "/select", request -> client(request.portal(), CallLists.move(request.portal(), cards,
                request.pathLong("listId"), request.body().path("userId").asLong(1),
                Optional.of(request.body().path("entityId").asLong()))));
        // the operator's result for a client, as the card's status buttons set it (D154): the clients in their new order
        portal.post(list + "/status", request -> CallLists.clients(CallLists.setStatus(request.portal(),
                Origin.user(request.body().path("userId").asLong(1), request.endpoints()), request.pathLong("listId"),
                request.body().path("entityId").asLong(), request.body().path("status").asText(""))));
    }

    /** The portal of the request, with its call-card timers brought up to its clock. */
    private Portal ticked(ControlRequest request) {
        cards.tick(request.portal());
        return request.portal();
    }

    private CallCard card(ControlRequest request) {
        return cards.require(request.portal(), callId(request), userId(request));
    }

    private static String callId(ControlRequest request) {
        return request.path("callId");
    }

    private static long userId(ControlRequest request) {
        return request.pathLong("userId");
    }

    private static CrmEntityType entityType(JsonNode body) {
        return CrmEntityType.parse(body.path("entityType").asText(""))
                .orElseThrow(() -> new IllegalArgumentException("entityType must be LEAD, CONTACT or COMPANY"));
    }

    /** Every card, or one user's (?user=N), or the open ones only (?open=true): what a page polling its user's asks. */
    private static List<CardSummary> list(Portal portal, ControlRequest request) {
        long user = request.queryLong("user", 0);
        boolean openOnly = request.query("open").map(open -> switch (open) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("open must be true or false");
        }).orElse(false);
        return portal.store(CallCardStore.class).cards(c -> (user == 0 || c.userId() == user)
                        && (!openOnly || !c.closed())).stream()
                .sorted(Comparator.comparing(CallCard::callId).thenComparingLong(CallCard::userId))
                .map(CardSummary::of).toList();
    }

    private CardView view(Portal portal, CallCard card) {
        CardSummary s = CardSummary.of(card);
        boolean firstOnly = portal.settings().cardEventFirstArgument();
        return new CardView(s.callId(), s.userId(), s.state(), s.entityType(), s.entityId(), s.phone(),
                s.autoCloseDisabled(), s.closeAt(), s.callEnded(), s.closed(), s.callListId(), cards.status(portal, card),
                firstOnly ? "first" : "all", card.events().stream().map(e -> EventView.of(e, firstOnly)).toList());
    }

    private List<WidgetView> widgets(Portal portal, CallCard card, ControlRequest request) {
        Call call = calls.call(portal, card.callId())
                .orElseThrow(() -> new IllegalArgumentException("No call " + card.callId()));
        return widgets.views(portal, "CALL_CARD", card.userId(), cards.placementOptions(portal, call, card),
                request.endpoints());
    }

    private static ClientView client(Portal portal, CrmRef client) {
        String name = portal.store(CrmStore.class).get(client).map(item -> item.displayName()).orElse(null);
        return new ClientView(client.type().name(), client.id(), name);
    }
}
