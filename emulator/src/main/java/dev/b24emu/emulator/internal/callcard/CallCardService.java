package dev.b24emu.emulator.internal.callcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmRef;
import dev.b24emu.emulator.internal.placements.WidgetPublisher;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.telephony.Call;
import dev.b24emu.emulator.internal.telephony.CallType;
import dev.b24emu.emulator.internal.telephony.CallListener;
import dev.b24emu.emulator.internal.telephony.CallService;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.telephony.FinishedCall;
import dev.b24emu.emulator.internal.transport.RestError;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The call card as a CALL_CARD widget lives in it (api-reference/widgets/ui-interaction/call-card/): opening it
 * opens the bound widgets; CallCard::EntityChanged fires exactly when the card loads CRM data on opening, when it
 * refreshes the client, when a lead, contact or company is created or bound from it, and when the operator moves to
 * the next client of a call list; CallCard::CallStateChanged on each state change; CallCard::BeforeClose when the
 * card closes, and once more 65 s later (on the portal's clock) when auto-close was disabled.
 */
public final class CallCardService implements CallListener {
    public static final Duration AUTO_CLOSE_DELAY = Duration.ofSeconds(65);
    public static final String ENTITY_CHANGED = "CallCard::EntityChanged";
    public static final String STATE_CHANGED = "CallCard::CallStateChanged";
    public static final String BEFORE_CLOSE = "CallCard::BeforeClose";
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The STATUS_CODE of a successful call: its CallStateChanged carries no failedCode. */
    private static final String SUCCESS = "200";
    /** What the card commands give a widget when there is no card (bx24-placement-call.md). */
    private static final String NO_CARD = "Call card is undefined";

    private final WidgetPublisher widgets;
    private final CallService calls;

    public CallCardService(WidgetPublisher widgets, CallService calls) {
        this.widgets = widgets;
        this.calls = calls;
    }

    @Override
    public void shown(Portal portal, Call call, Set<Long> users, Endpoints endpoints) {
        for (long userId : users) {
            CallCard opened = portal.exclusive(() -> {
                CallCard existing = cards(portal).card(call.callId(), userId).orElse(null);
                if (existing != null && !existing.closed()) {
                    return null;
                }
                if (portal.store(TelephonyStore.class).active(call.callId()).isEmpty()) {
                    return null; // finished since it was shown: its cards were closed before this one could open
                }
                CallCard card = new CallCard(call.callId(), userId, "connecting", call.primary(), call.phoneNumber(),
                        false, null, false, false, call.callListId(), List.of());
                cards(portal).put(card);
                return card;
            });
            if (opened == null) {
                continue;
            }
            widgets.openAll(portal, "CALL_CARD", userId, () -> placementOptions(portal, call, opened), endpoints);
            if (opened.entity() != null) {
                emitEntityChanged(portal, opened, "opened");
            }
        }
    }

    @Override
    public void hidden(Portal portal, Call call, Set<Long> users) {
        users.forEach(userId -> cards(portal).card(call.callId(), userId).ifPresent(card -> close(portal, card, "hidden")));
    }

    /** A call dropped unfinished at the portal's bound (D117): its cards go, with no CallCard event. */
    @Override
    public void dropped(Portal portal, Call call) {
        cards(portal).removeCall(call.callId());
    }

    /**
     * The call was finished: the cards finish hid (the finishing user's, or every one with {@code finishHidesAllCards})
     * go idle and close; CallStateChanged carries failedCode only when the call failed (STATUS_CODE other than 200),
     * else an empty object (call-card-call-state-changed.md). Cards still shown to others stay until hide, as cards of
     * an ended call: bounded with the others (D117), where before nothing bounded them.
     */
    @Override
    public void ended(Portal portal, FinishedCall row) {
        for (CallCard card : cards(portal).cardsOf(row.call().callId())) { // a copy: closing a card changes the store
            if (card.closed()) {
                continue;
            }
            if (row.call().shownTo().contains(card.userId())) {
                if (!card.callEnded()) {
                    cards(portal).put(card.withClosing(card.autoCloseDisabled(), card.closeAt(), true, false));
                }
                continue;
            }
            ObjectNode params = NODES.objectNode();
            if (!SUCCESS.equals(row.statusCode())) {
                params.put("failedCode", row.statusCode());
            }
            CallCard idle = changeState(portal, card, "idle", params);
            close(portal, idle.withClosing(idle.autoCloseDisabled(), idle.closeAt(), true, false), "call ended");
        }
    }

    public CallCard require(Portal portal, String callId, long userId) {
        return cards(portal).card(callId, userId).orElseThrow(() ->
                new RestError(404, "CARD_NOT_FOUND", "User " + userId + " has no card of call " + callId));
    }

    /** The user asked the card to refresh the client data. */
    public CallCard refresh(Portal portal, String callId, long userId) {
        CallCard card = open(portal, callId, userId);
        Call call = portal.store(TelephonyStore.class).active(callId).orElse(null);
        CrmRef entity = call != null && card.callListId() == null ? call.primary() : card.entity();
        CallCard refreshed = card.withEntity(entity, card.phone());
        cards(portal).put(refreshed);
        return emitEntityChanged(portal, refreshed, "refreshed");
    }

    /** A CRM object was bound to the call from the card (or created there: see {@link #create}). */
    public CallCard bind(Portal portal, String callId, long userId, CrmRef entity, String trigger) {
        CallCard card = open(portal, callId, userId);
        calls.bind(portal, callId, entity);
        CallCard bound = card.withEntity(entity, card.phone());
        cards(portal).put(bound);
        return emitEntityChanged(portal, bound, trigger);
    }

    /**
     * A lead, contact or company created from the card, with the call's number, and bound to the call: the user's
     * change, made in Bitrix24's page (its add event goes out with the address the control request came to).
     */
    public CallCard create(Portal portal, String callId, long userId, CrmEntityType type, ObjectNode fields,
                           Endpoints endpoints) {
        if (type == CrmEntityType.DEAL) {
            throw RestError.of("ERROR_ARGUMENT", "A card creates a LEAD, CONTACT or COMPANY");
        }
        CallCard card = open(portal, callId, userId);
        ObjectNode values = fields == null ? NODES.objectNode() : fields.deepCopy();
        if (!values.has("PHONE") && !"unknown".equals(card.phone())) {
            values.putArray("PHONE").addObject().put("VALUE", card.phone()).put("VALUE_TYPE", "WORK");
        }
        CrmItem item = portal.exclusive(() -> portal.store(CrmStore.class).add(type, values,
                Origin.user(userId, endpoints), portal.isoNow()));
        return bind(portal, callId, userId, item.ref(), "created");
    }

    /** The operator moved to another client of a call list: every open card of that list for the user follows. */
    public void callListMoved(Portal portal, long listId, long userId, CrmRef client) {
        for (CallCard card : cards(portal).cards(c -> !c.closed() && c.userId() == userId
                && c.callListId() != null && c.callListId() == listId)) {
            CallCard moved = card.withEntity(client, phoneOf(portal, client, "unknown"));
            cards(portal).put(moved);
            emitEntityChanged(portal, moved, "call list next");
        }
    }

    public CallCard state(Portal portal, String callId, long userId, String state, String failedCode) {
        if (!Set.of("idle", "connecting", "connected").contains(state)) {
            throw RestError.of("ERROR_ARGUMENT", "state must be idle, connecting or connected");
        }
        ObjectNode params = NODES.objectNode();
        if (failedCode != null) {
            if (!"idle".equals(state)) {
                throw RestError.of("ERROR_ARGUMENT", "failedCode comes only with the state idle (an unsuccessful end)");
            }
            params.put("failedCode", failedCode);
        }
        return changeState(portal, open(portal, callId, userId), state, params);
    }

    /**
     * BX24.placement.call from the widget: getStatus, disableAutoClose, enableAutoClose. Without an open card the
     * widget gets [{"result":"error","errorCode":"Call card is undefined"}], as bx24-placement-call.md shows.
     */
    public JsonNode command(Portal portal, String callId, long userId, String command) {
        if (!List.of("getStatus", "disableAutoClose", "enableAutoClose").contains(command)) {
            throw RestError.of("ERROR_ARGUMENT", "Unknown call card command " + command);
        }
        CallCard card = cards(portal).card(callId, userId).filter(c -> !c.closed()).orElse(null);
        if (card == null) {
            ArrayNode undefined = NODES.arrayNode();
            undefined.addObject().put("result", "error").put("errorCode", NO_CARD);
            return undefined;
        }
        switch (command) {
            case "getStatus":
                return status(portal, card);
            case "disableAutoClose": {
                Instant closeAt = card.closeAt() == null ? null : portal.now().plus(AUTO_CLOSE_DELAY);
                cards(portal).put(card.withClosing(true, closeAt, card.callEnded(), card.closed()));
                return NODES.arrayNode();
            }
            case "enableAutoClose": {
                CallCard enabled = card.withClosing(false, card.closeAt(), card.callEnded(), card.closed());
                cards(portal).put(enabled);
                if (enabled.closeAt() != null && !enabled.closed()) {
                    finallyClose(portal, enabled, "auto-close enabled");
                }
                return NODES.arrayNode();
            }
            default:
                throw RestError.of("ERROR_ARGUMENT", "Unknown call card command " + command);
        }
    }

    /** Closes cards whose 65-second extension ran out on the portal's clock. */
    public void tick(Portal portal) {
        Instant now = portal.now();
        for (CallCard card : cards(portal).closingBy(now)) {
            finallyClose(portal, card, "auto-close delay over");
        }
    }

    /** The user closed the card (the close button of the simulator). */
    /**
     * The user closes the card (its Close button; a background worker's CallCardClose): the card's close(), at once,
     * whatever auto-close says, which holds back only the close after the call (autoClose, D44); a card waiting out
     * that delay closes now, with BeforeClose again, as close() fires it.
     */
    public CallCard userClosed(Portal portal, String callId, long userId) {
        CallCard card = require(portal, callId, userId);
        return card.closed() ? card : finallyClose(portal, card, "closed by user");
    }

    /**
     * getStatus: the card's current data (api-reference/widgets/ui-interaction/call-card/get-status.md): CRM_ENTITY_ID
     * 0 and CRM_ENTITY_TYPE "" when the call is not bound, no CRM_ACTIVITY_ID before the call has an activity, LINE_NAME
     * "" for a line without a name.
     */
    public ObjectNode status(Portal portal, CallCard card) {
        Call call = callOf(portal, card.callId());
        ObjectNode status = NODES.objectNode();
        status.put("CALL_ID", card.callId());
        status.put("PHONE_NUMBER", card.phone());
        status.put("LINE_NUMBER", call == null || call.lineNumber() == null ? "" : call.lineNumber());
        status.put("LINE_NAME", lineName(portal, call).orElse(""));
        status.put("CRM_ENTITY_TYPE", card.entity() == null ? "" : card.entity().type().name());
        status.put("CRM_ENTITY_ID", card.entity() == null ? 0 : card.entity().id());
        Long activity = portal.store(TelephonyStore.class).finished(card.callId()).map(row -> row.crmActivityId()).orElse(null);
        if (activity != null) {
            status.put("CRM_ACTIVITY_ID", activity);
        } else if (portal.settings().cardActivityEmpty()) {
            status.put("CRM_ACTIVITY_ID", ""); // the page's other reading (D87); by default the key is left out
        }
        ArrayNode bindings = status.putArray("CRM_BINDINGS");
        if (call != null) {
            call.bindings().forEach(ref -> bindings.addObject().put("ENTITY_TYPE", ref.type().name()).put("ENTITY_ID", ref.id()));
        }
        status.put("CALL_DIRECTION", call == null ? "incoming" : direction(call));
        status.put("CALL_STATE", card.state());
        status.put("CALL_LIST_MODE", card.callListId() != null);
        return status;
    }

    /**
     * PLACEMENT_OPTIONS of CALL_CARD: every value a string (api-reference/widgets/telephony/call-card.md); a call not
     * bound to CRM has CRM_ENTITY_ID "0" and no CRM_BINDINGS; LINE_NAME is the line's number when it has no name.
     */
    public ObjectNode placementOptions(Portal portal, Call call, CallCard card) {
        ObjectNode options = NODES.objectNode();
        options.put("CALL_ID", call.callId());
        options.put("PHONE_NUMBER", call.phoneNumber());
        options.put("LINE_NUMBER", call.lineNumber() == null ? "" : call.lineNumber());
        options.put("LINE_NAME", lineName(portal, call).filter(name -> !name.isEmpty())
                .orElse(call.lineNumber() == null ? "" : call.lineNumber()));
        options.put("CRM_ENTITY_TYPE", card.entity() == null ? "" : card.entity().type().name());
        options.put("CRM_ENTITY_ID", card.entity() == null ? "0" : Long.toString(card.entity().id()));
        options.put("CRM_ACTIVITY_ID", "undefined");
        if (!call.bindings().isEmpty()) { // "If there are no linked items, the key is not passed at all"
            ArrayNode bindings = options.putArray("CRM_BINDINGS");
            call.bindings().forEach(ref -> bindings.addObject().put("ENTITY_TYPE", ref.type().name())
                    .put("ENTITY_ID", Long.toString(ref.id())));
        }
        options.put("CALL_DIRECTION", direction(call));
        options.put("CALL_STATE", card.state());
        options.put("CALL_LIST_MODE", card.callListId() != null ? "true" : "false");
        if (card.entity() != null) {
            options.put("URI", "/crm/" + card.entity().type().name().toLowerCase() + "/details/" + card.entity().id() + "/");
        }
        return options;
    }

    private CallCard open(Portal portal, String callId, long userId) {
        CallCard card = require(portal, callId, userId);
        if (card.closed()) {
            throw RestError.of("ERROR_ARGUMENT", "The card of call " + callId + " is closed");
        }
        return card;
    }

    private CallCard changeState(Portal portal, CallCard card, String state, ObjectNode params) {
        if (state.equals(card.state())) {
            return card;
        }
        CallCard changed = card.withState(state);
        ArrayNode args = NODES.arrayNode().add(state).add(params);
        return emit(portal, changed, STATE_CHANGED, args, "state " + state);
    }

    private CallCard close(Portal portal, CallCard card, String trigger) {
        if (card.closed() || card.closeAt() != null) {
            return card;
        }
        CallCard closing = emit(portal, card, BEFORE_CLOSE, NODES.arrayNode(), trigger);
        if (closing.autoCloseDisabled()) {
            CallCard delayed = closing.withClosing(true, portal.now().plus(AUTO_CLOSE_DELAY), closing.callEnded(), false);
            cards(portal).put(delayed);
            return delayed;
        }
        CallCard closed = closing.withClosing(false, null, closing.callEnded(), true);
        cards(portal).put(closed);
        return closed;
    }

    private CallCard finallyClose(Portal portal, CallCard card, String trigger) {
        CallCard closing = emit(portal, card, BEFORE_CLOSE, NODES.arrayNode(), trigger);
        CallCard closed = closing.withClosing(closing.autoCloseDisabled(), null, closing.callEnded(), true);
        cards(portal).put(closed);
        return closed;
    }

    private CallCard emitEntityChanged(Portal portal, CallCard card, String trigger) {
        ObjectNode data = NODES.objectNode();
        data.put("PHONE_NUMBER", card.phone());
        data.put("CRM_ENTITY_TYPE", card.entity() == null ? "" : card.entity().type().name());
        data.put("CRM_ENTITY_ID", card.entity() == null ? 0 : card.entity().id()); // 0: not bound (call-card/index.md)
        return emit(portal, card, ENTITY_CHANGED, NODES.arrayNode().add(data), trigger);
    }

    private CallCard emit(Portal portal, CallCard card, String name, ArrayNode args, String trigger) {
        CallCardEvent event = new CallCardEvent(SEQUENCE.incrementAndGet(), name, args, portal.isoNow(), trigger);
        CallCard updated = card.withEvent(event);
        cards(portal).put(updated);
        widgets.cardEvent(portal, name, card.callId(), card.userId(), args);
        return updated;
    }

    private Call callOf(Portal portal, String callId) {
        return calls.call(portal, callId).orElse(null);
    }

    private static CallCardStore cards(Portal portal) {
        return portal.store(CallCardStore.class);
    }

    private static String direction(Call call) {
        return switch (call.type()) {
            case CallType.INCOMING, CallType.INCOMING_REDIRECTED -> "incoming";
            case CallType.CALLBACK -> "callback";
            default -> "outgoing";
        };
    }

    /** The name of the call's line; empty when the call has no line, "" when the line has no name. */
    private static Optional<String> lineName(Portal portal, Call call) {
        if (call == null || call.lineNumber() == null) {
            return Optional.empty();
        }
        return Optional.of(portal.store(TelephonyStore.class).line(call.appKey(), call.lineNumber())
                .map(l -> l.name() == null ? "" : l.name()).orElse(""));
    }

    /** The client's first phone, or the fallback; "unknown" when the client has no phone (call-list mode). */
    static String phoneOf(Portal portal, CrmRef entity, String fallback) {
        if (entity == null) {
            return fallback;
        }
        Optional<CrmItem> item = portal.store(CrmStore.class).get(entity);
        JsonNode phones = item.map(i -> i.fields().path("PHONE")).orElse(NODES.missingNode());
        if (phones.isArray() && !phones.isEmpty()) {
            return phones.get(0).path("VALUE").asText(fallback);
        }
        return fallback == null || fallback.isEmpty() ? "unknown" : fallback;
    }
}
