package dev.b24emu.emulator.internal.placements;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.apps.AppPage;
import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.apps.OAuthServer;
import dev.b24emu.emulator.internal.outbound.Outbound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.FormCodec;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

import java.util.List;
import java.util.function.Supplier;

/**
 * Opens placement widgets the way Bitrix24 does: a POST to the handler with DOMAIN, PROTOCOL, LANG and APP_SID in
 * the query and the auth data, PLACEMENT and PLACEMENT_OPTIONS (a JSON string) in a form body
 * (api-reference/widgets/_includes/widget_data.md); and posts CallCard::* events to their REST subscribers as JSON.
 */
public final class WidgetPublisher {
    private final Outbound outbound;
    private final OAuthServer oauth;
    private final ObjectMapper json = new ObjectMapper();

    public WidgetPublisher(Outbound outbound, OAuthServer oauth) {
        this.outbound = outbound;
        this.oauth = oauth;
    }

    /** What a widget opening carries: the handler URL with its query, and the form fields. */
    public record Opening(Placement placement, String url, ObjectNode form) {
    }

    /**
     * Opens every widget bound to the placement (and allowed for the user) with the options, as the portal at the
     * given address would. The options are made only when a widget is bound: most calls of a load open none.
     */
    public void openAll(Portal portal, String code, long userId, Supplier<ObjectNode> options, Endpoints endpoints) {
        List<Placement> bound = portal.store(PlacementStore.class).placements(p -> p.placement().equals(code)
                && (p.userId() == 0 || p.userId() == userId));
        if (bound.isEmpty()) {
            return;
        }
        ObjectNode made = options.get();
        for (Placement placement : bound) {
            opening(portal, placement, userId, made, endpoints).ifPresent(o -> outbound.post(portal, code,
                    placement.id(), o.url(), "application/x-www-form-urlencoded", FormCodec.encode(o.form()), o.form()));
        }
    }

    /**
     * Every widget a page opens for the user (those for everyone and the user's own) bound to the placement, with the
     * options, as the simulator pages open them; a widget's title is its TITLE, or "if the parameter is not passed,
     * the application name" (call-card.md).
     */
    public List<WidgetView> views(Portal portal, String code, long userId, ObjectNode options, Endpoints endpoints) {
        boolean admin = portal.store(UserStore.class).get(userId).filter(User::admin).isPresent();
        AppStore apps = portal.store(AppStore.class);
        return portal.store(PlacementStore.class).placements(p -> p.placement().equals(code)
                        && (p.userId() == 0 || p.userId() == userId)).stream()
                .flatMap(p -> opening(portal, p, userId, options, endpoints).stream()
                        .map(o -> new WidgetView(p.id(), p.title() != null && !p.title().isEmpty() ? p.title()
                                : apps.byAppKey(p.appKey()).map(App::name).orElse(p.appKey()), o.url(), o.form(), admin)))
                .toList();
    }

    /**
     * The opening of one widget, or empty when its application is gone or still in its installation wizard:
     * "widgets are not displayed in the interface until the application installation is complete, even if
     * placement.bind returned success" (api-reference/widgets/index.md, D114).
     */
    public java.util.Optional<Opening> opening(Portal portal, Placement placement, long userId, ObjectNode options,
                                               Endpoints endpoints) {
        App app = portal.store(AppStore.class).byAppKey(placement.appKey()).orElse(null);
        if (app == null || app.awaitingFinish()) {
            return java.util.Optional.empty();
        }
        AppPage page = AppPage.open(portal, app, placement.handler(), placement.placement(), text(options),
                oauth.forDelivery(portal, app, userId, true), endpoints); // REFRESH_ID: a pair of its own
        return java.util.Optional.of(new Opening(placement, page.url(), page.form()));
    }

    /**
     * Tells a background worker's errorHandlerUrl that its binding was removed for loading slowly (D193): the queue's
     * request without auth, form-encoded as the portal's other requests (its encoding is not established).
     */
    public void overtime(Portal portal, Placement worker, String errorHandlerUrl, String description) {
        ObjectNode form = JsonNodeFactory.instance.objectNode().put("error", "ERROR_PLACEMENT_LOADING_OVERTIME")
                .put("error_description", description);
        outbound.post(portal, "ERROR_PLACEMENT_LOADING_OVERTIME", worker.id(), errorHandlerUrl,
                "application/x-www-form-urlencoded", FormCodec.encode(form), form);
    }

    /** A CallCard::* event to every REST subscriber of it on the portal. */
    public void cardEvent(Portal portal, String event, String callId, long userId, JsonNode args) {
        for (PlacementStore.EventSubscription sub : portal.store(PlacementStore.class).subscriptions(s -> s.event().equals(event))) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("event", event);
            body.put("CALL_ID", callId);
            body.put("USER_ID", userId);
            body.set("args", args);
            body.set("data", args.size() > 0 ? args.get(0) : JsonNodeFactory.instance.nullNode());
            body.put("ts", portal.now().getEpochSecond());
            outbound.post(portal, event, sub.id(), sub.handler(), "application/json", text(body), body);
        }
    }

    private String text(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
    }
}
