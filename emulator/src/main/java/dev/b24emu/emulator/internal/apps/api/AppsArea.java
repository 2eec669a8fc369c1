package dev.b24emu.emulator.internal.apps.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.apps.AppLifecycle;
import dev.b24emu.emulator.internal.apps.AppPage;
import dev.b24emu.emulator.internal.apps.Authorization;
import dev.b24emu.emulator.internal.apps.Standing;
import dev.b24emu.emulator.internal.control.ControlRequest;
import dev.b24emu.emulator.internal.outbound.Outbound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.apps.AppInfo;
import dev.b24emu.emulator.internal.apps.AppOptionStore;
import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.apps.EventTrigger;
import dev.b24emu.emulator.internal.apps.Installation;
import dev.b24emu.emulator.internal.apps.OAuthServer;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.outbound.SelfGuard;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Applications: installing one on a portal (control API), app.info, sending a documented event to a handler as one of
 * them ({@code …/trigger}), the OAuth token endpoint (/oauth/token/), and the applications' stores (their tokens are
 * resolved and their deliveries signed by
 * {@link dev.b24emu.emulator.internal.apps.AppDirectory}).
 */
public final class AppsArea implements Area {
    /** An installed application as the control API and the dashboard list it, with where it stands. */
    public record AppView(String appId, String clientId, String name, String scope, String handlerUrl,
                          String applicationToken, int version, String status, boolean installed, String paymentExpired,
                          Long days, boolean paymentAllowed) {
        static AppView of(App app, Portal portal) {
            Standing standing = Standing.of(app, portal.now());
            return new AppView(app.appKey(), app.clientId(), app.name(), app.scopeList(), app.handlerUrl(),
                    app.applicationToken(), app.version(), app.status(), !app.awaitingFinish(),
                    standing.paymentExpired() ? "Y" : "N", standing.days(), standing.paymentAllowed());
        }
    }

    /**
     * An application's page as the portal opens it (the simulator's frame): the URL with its query, the form POSTed
     * to it (PLACEMENT DEFAULT), the application's name, whether it is installed (a wizard waits for installFinish)
     * whether the user is an administrator (BX24.isAdmin()), and which user opens it (the installing one unless
     * ?user= names another: the simulator's header names them).
     */
    public record PageView(String title, String url, ObjectNode form, boolean installed, boolean isAdmin, String notice,
                           long userId) {
    }

    /** What a user who is not an administrator sees of an application still in its wizard (installation-finish.md). */
    static final String NOT_INSTALLED = "The application is not fully installed yet. Please contact your Bitrix24 "
            + "administrator to complete the installation.";

    /** The answer to a revocation: how many refresh tokens died. */
    public record Revoked(String appId, int refreshTokens) {
    }

    private final PortalRegistry portals;
    private final Predicate<String> ownHost;
    private final OAuthServer oauth;
    private final Installation installation;
    private final EventTrigger trigger;
    private final AppLifecycle lifecycle;
    private final Authorization authorization;
    private final ObjectMapper json;
    private final Supplier<Endpoints> defaultEndpoints;

    /**
     * @param oauth     the tokens of every portal's applications (the same server {@link AppDirectory} reads)
     * @param publisher delivers ONAPPINSTALL when an application with a handler URL is installed
     */
    /** @param ownHost whether a Host is an address of the emulator (the consent page answers no other but portals') */
    public AppsArea(PortalRegistry portals, OAuthServer oauth, EventPublisher publisher, Outbound outbound,
                    SelfGuard self, ObjectMapper json, Supplier<Endpoints> defaultEndpoints,
                    Predicate<String> ownHost) {
        this.ownHost = ownHost;
        this.portals = portals;
        this.oauth = oauth;
        this.installation = new Installation(oauth, publisher, outbound, self);
        this.lifecycle = new AppLifecycle(oauth, publisher);
        this.authorization = new Authorization(oauth);
        this.trigger = new EventTrigger(publisher, self);
        this.json = json;
        this.defaultEndpoints = defaultEndpoints;
    }

    public Installation installation() {
        return installation;
    }

    /**
     * The application's page as the portal opens it (installation-finish.md): while it waits for installFinish, its
     * wizard (installUrl) for an administrator and a notice for anyone else; once installed, its handler (handlerUrl)
     * when it has one, else the page it was installed from; for the user ?user= names, the installing one without it.
     */
    private PageView page(ControlRequest request) {
        Portal portal = request.portal();
        App app = AppLifecycle.require(portal, request.path("appId"));
        User user = portal.store(UserStore.class).requireActive(request.queryLong("user", app.installedBy()), "user");
        boolean installing = app.awaitingFinish();
        if (installing && !user.admin()) {
            return new PageView(app.name(), null, null, false, false, NOT_INSTALLED, user.id());
        }
        String url = installing || app.handlerUrl() == null ? app.installUrl() : app.handlerUrl();
        if (url == null) {
            throw new IllegalArgumentException("Application " + app.clientId() + " has no page: install it with an "
                    + "installUrl or a handlerUrl to open it in the simulator");
        }
        AppPage opened = AppPage.open(portal, app, url, "DEFAULT", "{}",
                oauth.forDelivery(portal, app, user.id(), true), request.endpoints()); // REFRESH_ID too
        return new PageView(app.name(), opened.url(), opened.form(), !installing, user.admin(), null, user.id());
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("apps", AppStore.class, portal -> new AppStore(portal.id(), portal.bounds().tokens(), oauth)),
                StoreType.of("appOptions", AppOptionStore.class, portal -> new AppOptionStore()));
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("app.", "event.test", "user.option.");
    }

    @Override
    public void methods(MethodTable methods) {
        methods.add("app.info", call -> AppInfo.of(call.caller()));
        OptionMethods.register(methods);
        methods.add("event.test", call -> {
            lifecycle.test(call.portal(), call.caller().appKey(), call.userId(), call.params().query(),
                    call.params().textOrEmpty("auth_connector"), call.endpoints());
            return IntNode.valueOf(1);
        });
    }

    /** Tells the listener of each application deleted (placements drops its widget handlers). */
    public void listen(dev.b24emu.emulator.internal.apps.AppListener listener) {
        lifecycle.listen(listener);
    }

    @Override
    public void control(ControlRoutes routes) {
        routes.portal().post("/apps", 201, request -> installation.install(request.portal(), request.body(),
                request.endpoints()));
        ControlRoutes portal = routes.portal();
        portal.get("/apps", request -> request.portal().store(AppStore.class).all().stream()
                .map(app -> AppView.of(app, request.portal())).toList());
        portal.get("/apps/:appId/page", this::page);
        portal.post("/apps/:appId/install-finish", request -> AppView.of(lifecycle.finish(request.portal(),
                request.path("appId"), request.endpoints()), request.portal()));
        portal.post("/apps/:appId/version", request -> AppView.of(lifecycle.update(request.portal(),
                request.path("appId"), request.body(), request.endpoints()), request.portal()));
        portal.put("/apps/:appId/subscription", request -> AppView.of(lifecycle.subscription(request.portal(),
                request.path("appId"), request.body()), request.portal()));
        portal.post("/apps/:appId/payment", request -> AppView.of(lifecycle.payment(request.portal(),
                request.path("appId"), request.body(), request.endpoints()), request.portal()));
        portal.post("/apps/:appId/revoke", request -> new Revoked(request.path("appId"),
                lifecycle.revoke(request.portal(), request.path("appId"))));
        portal.delete("/apps/:appId", request -> {
            boolean clean = request.query("clean").map(v -> v.equals("1") || v.equalsIgnoreCase("true")).orElse(false);
            return AppView.of(lifecycle.uninstall(request.portal(), request.path("appId"), clean, request.endpoints()),
                    request.portal());
        });
        portal.post("/oauth/authorize", request -> {
            JsonNode body = request.body();
            if (!body.path("clientId").isTextual() || !body.path("userId").canConvertToLong()) {
                throw new IllegalArgumentException("clientId and userId are required");
            }
            return authorization.approve(request.portal(), body.get("clientId").asText(), body.get("userId").asLong(),
                    body.path("state").asText(""), request.endpoints());
        });
        // answered with the delivery once the handler has answered (or the attempt gave up)
        portal.post("/trigger", request -> trigger.trigger(request.portal(), request.body(), request.endpoints()));
    }

    @Override
    public void routes(Router router) {
        new OAuthRoutes(portals, oauth, json, defaultEndpoints, ownHost).mount(router);
    }
}
