package dev.b24emu.emulator.internal.apps.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.apps.AppInfo;
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
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.function.Supplier;

/**
 * Applications: installing one on a portal (control API), app.info, sending a documented event to a handler as one of
 * them ({@code …/trigger}), the OAuth token endpoint (/oauth/token/), and the applications' stores (their tokens are
 * resolved and their deliveries signed by
 * {@link dev.b24emu.emulator.internal.apps.AppDirectory}).
 */
public final class AppsArea implements Area {
    /** An installed application as the control API lists it. */
    public record AppView(String appId, String clientId, String name, String scope, String handlerUrl,
                          String applicationToken) {
        static AppView of(App app) {
            return new AppView(app.appKey(), app.clientId(), app.name(), app.scopeList(), app.handlerUrl(),
                    app.applicationToken());
        }
    }

    private final PortalRegistry portals;
    private final OAuthServer oauth;
    private final Installation installation;
    private final EventTrigger trigger;
    private final ObjectMapper json;
    private final Supplier<Endpoints> defaultEndpoints;

    /**
     * @param oauth     the tokens of every portal's applications (the same server {@link AppDirectory} reads)
     * @param publisher delivers ONAPPINSTALL when an application with a handler URL is installed
     */
    public AppsArea(PortalRegistry portals, OAuthServer oauth, EventPublisher publisher, SelfGuard self,
                    ObjectMapper json, Supplier<Endpoints> defaultEndpoints) {
        this.portals = portals;
        this.oauth = oauth;
        this.installation = new Installation(oauth, publisher, self);
        this.trigger = new EventTrigger(publisher, self);
        this.json = json;
        this.defaultEndpoints = defaultEndpoints;
    }

    public Installation installation() {
        return installation;
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("apps", AppStore.class, portal -> new AppStore(portal.id(), oauth)));
    }

    @Override
    public void methods(MethodTable methods) {
        methods.add("app.info", call -> AppInfo.of(call.caller()));
    }

    @Override
    public void control(ControlRoutes routes) {
        routes.portal().post("/apps", 201, request -> installation.install(request.portal(), request.body(),
                request.endpoints()));
        routes.portal().get("/apps", request -> request.portal().store(AppStore.class).all().stream()
                .map(AppView::of).toList());
        // answered with the delivery once the handler has answered (or the attempt gave up)
        routes.portal().post("/trigger", request -> trigger.trigger(request.portal(), request.body(), request.endpoints()));
    }

    @Override
    public void routes(Router router) {
        new OAuthRoutes(portals, oauth, json, defaultEndpoints).mount(router);
    }
}
