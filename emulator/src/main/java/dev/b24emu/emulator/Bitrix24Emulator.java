package dev.b24emu.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.apps.Installation;
import dev.b24emu.emulator.internal.apps.OAuthRoutes;
import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.callcard.CallCards;
import dev.b24emu.emulator.internal.callcard.CallListMethods;
import dev.b24emu.emulator.internal.control.AppControl;
import dev.b24emu.emulator.internal.control.CardControl;
import dev.b24emu.emulator.internal.control.ControlGuard;
import dev.b24emu.emulator.internal.control.DashboardControl;
import dev.b24emu.emulator.internal.events.Outbound;
import dev.b24emu.emulator.internal.placements.PlacementMethods;
import dev.b24emu.emulator.internal.placements.WidgetPublisher;
import dev.b24emu.emulator.internal.events.EventMethods;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.telephony.CallEvents;
import dev.b24emu.emulator.internal.telephony.CardMethods;
import dev.b24emu.emulator.internal.telephony.ClickToCall;
import dev.b24emu.emulator.internal.telephony.LineMethods;
import dev.b24emu.emulator.internal.telephony.RecordMethods;
import dev.b24emu.emulator.internal.transport.Batch;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.contract.SchemaValidation;
import dev.b24emu.emulator.internal.control.ControlApi;
import dev.b24emu.emulator.internal.crm.CrmMethods;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.StateFile;
import dev.b24emu.emulator.internal.telephony.TelephonyMethods;
import dev.b24emu.emulator.internal.transport.Envelope;
import dev.b24emu.emulator.internal.transport.MethodRegistry;
import dev.b24emu.emulator.internal.transport.ParamDecoder;
import dev.b24emu.emulator.internal.transport.RestRouter;
import dev.b24emu.emulator.internal.users.UserMethods;
import dev.b24emu.specs.Contracts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;

/**
 * The emulator as a library: {@code try (var b24 = Bitrix24Emulator.start(EmulatorOptions.defaults())) {...}}
 * gives a running server with the demo portal, its port and its webhook URL.
 */
public final class Bitrix24Emulator implements AutoCloseable {
    /** Long request lines: GET-only clients put whole requests in the query string. */
    private static final int MAX_REQUEST_LINE = 1024 * 1024;

    private final Vertx vertx;
    private final PortalRegistry portals;
    private final MethodRegistry methods;
    private final ControlApi control;
    private final CallCards cards;
    private final Installation installation;
    /** the token the control API requires, or null when it listens on loopback only */
    private String controlToken;
    /** the --state-file, or null */
    private StateFile stateFile;
    private final String host;
    private volatile int port;
    /** the HTTPS port, or -1 without HTTPS */
    private volatile int httpsPort = -1;
    /** the certificate HTTPS clients should trust, or null */
    private volatile java.nio.file.Path trustedCertificate;

    private Bitrix24Emulator(EmulatorOptions options) {
        ObjectMapper json = new ObjectMapper();
        this.host = options.host();
        this.vertx = Vertx.vertx();
        this.portals = new PortalRegistry(EmulatorClock.system(),
                new Portal.Limits(options.journalSize(), options.finishedCalls()));
        this.methods = new MethodRegistry();
        Endpoints endpoints = new Endpoints(this::baseUrl);
        Outbound outbound = new Outbound(vertx);
        EventPublisher publisher = new EventPublisher(outbound, portals.oauth(), endpoints);
        CallEvents callEvents = new CallEvents(publisher);
        WidgetPublisher widgets = new WidgetPublisher(outbound, portals.oauth(), endpoints);
        this.cards = new CallCards(widgets);
        TelephonyMethods.registerAll(methods, callEvents, cards);
        CardMethods.registerAll(methods, cards);
        PlacementMethods.registerAll(methods);
        CallListMethods.registerAll(methods);
        RecordMethods.registerAll(methods, endpoints);
        LineMethods.registerAll(methods);
        CrmMethods.registerAll(methods);
        UserMethods.registerAll(methods);
        EventMethods.registerAll(methods);
        portals.create(new PortalRegistry.PortalSpec(PortalRegistry.DEFAULT_ID, options.webhookUserId(),
                options.webhookToken(), null, options.seed() == null ? PortalSeed.demo() : options.seed()));
        this.control = new ControlApi(portals, methods, json, this::baseUrl);
        SchemaValidation validation = new SchemaValidation(Contracts.shared());
        methods.add("batch", "", new Batch(methods, validation, new Envelope(json)));
        RestRouter rest = new RestRouter(vertx, methods, portals, new ParamDecoder(json), new Envelope(json), validation,
                options.bodyLimit());
        this.installation = new Installation(portals.oauth(), publisher, endpoints);
        Router router = Router.router(vertx);
        this.controlToken = ControlGuard.tokenFor(options.host(), options.controlToken());
        new ControlGuard(controlToken).mount(router);
        rest.mount(router);
        new OAuthRoutes(portals, installation, json).mount(router);
        control.mount(router);
        new AppControl(portals, installation, new ClickToCall(callEvents, cards), json).mount(router);
        new CardControl(portals, cards, widgets, json).mount(router);
        new DashboardControl(vertx, portals, json).mount(router);
        control.mountFallback(router);
        if (options.stateFile() != null) {
            stateFile = new StateFile(options.stateFile(), portals);
            try {
                stateFile.load();
            } catch (RuntimeException e) {
                vertx.close();
                throw e;
            }
        }
        listen(router, options);
        if (stateFile != null) {
            vertx.setPeriodic(options.stateSaveSeconds() * 1000L, id -> vertx.executeBlocking(() -> {
                stateFile.save();
                return null;
            }));
        }
        // Call-card timers run on each portal's clock; a tick a second closes cards whose delay ran out.
        vertx.setPeriodic(1000, id -> portals.all().forEach(cards::tick));
    }

    /** Starts an emulator and waits until it accepts requests. */
    public static Bitrix24Emulator start(EmulatorOptions options) {
        return new Bitrix24Emulator(options);
    }

    private void listen(Router router, EmulatorOptions options) {
        HttpServerOptions http = new HttpServerOptions()
                .setHost(options.host())
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setMaxHeaderSize(64 * 1024)
                .setHandle100ContinueAutomatically(true)
                // nginx in front of the real portal ignores an "Upgrade: h2c" request and answers in HTTP/1.1; so do we
                // (Vert.x would otherwise refuse one without "Connection: Upgrade" and leave the client waiting)
                .setHttp2ClearTextEnabled(false);
        int instances = options.eventLoops() > 0 ? options.eventLoops() : Runtime.getRuntime().availableProcessors();
        try {
            port = serve(router, new HttpServerOptions(http).setPort(options.port()), instances);
            if (options.httpsPort() >= 0) {
                trustedCertificate = Tls.trustedCertificate(options.tlsCert(), options.tlsDir());
                HttpServerOptions https = new HttpServerOptions(http).setPort(options.httpsPort()).setSsl(true)
                        .setKeyCertOptions(Tls.keyCert(options.tlsCert(), options.tlsKey(), options.tlsDir()));
                httpsPort = serve(router, https, instances);
            }
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Vert.x lets every instance share one listening socket, including a port 0 resolved once. */
    private int serve(Router router, HttpServerOptions options, int instances) {
        java.util.concurrent.atomic.AtomicInteger bound = new java.util.concurrent.atomic.AtomicInteger();
        await(vertx.deployVerticle(() -> new HttpVerticle(router, options, bound),
                new DeploymentOptions().setInstances(instances)));
        return bound.get();
    }

    /** One HTTP server on one event loop; all of them share the router. */
    private static final class HttpVerticle extends VerticleBase {
        private final Router router;
        private final HttpServerOptions options;
        private final java.util.concurrent.atomic.AtomicInteger bound;

        HttpVerticle(Router router, HttpServerOptions options, java.util.concurrent.atomic.AtomicInteger bound) {
            this.router = router;
            this.options = options;
            this.bound = bound;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(options).requestHandler(router).listen()
                    .onSuccess(server -> bound.set(server.actualPort()));
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The HTTP server did not start within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting", e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        String shownHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + (shownHost.contains(":") ? "[" + shownHost + "]" : shownHost) + ":" + port;
    }

    /** The HTTPS port, or -1 when HTTPS is off. */
    public int httpsPort() {
        return httpsPort;
    }

    /** https://localhost:port, or null when HTTPS is off. */
    public String httpsBaseUrl() {
        return httpsPort < 0 ? null : "https://localhost:" + httpsPort;
    }

    /** The PEM certificate HTTPS clients should trust (NODE_EXTRA_CA_CERTS, curl --cacert), or null. */
    public java.nio.file.Path trustedCertificate() {
        return trustedCertificate;
    }

    /** The default portal's webhook over HTTPS, or null when HTTPS is off. */
    public String httpsWebhookUrl() {
        String url = webhookUrl();
        return httpsPort < 0 ? null : httpsBaseUrl() + url.substring(baseUrl().length());
    }

    /** The default portal's incoming webhook URL, ending in a slash, ready for {@code + "telephony.externalcall.register"}. */
    public String webhookUrl() {
        return control.webhookUrl(defaultPortal());
    }

    public String webhookUrl(Portal portal) {
        return control.webhookUrl(portal);
    }

    public Portal defaultPortal() {
        return portals.require(PortalRegistry.DEFAULT_ID);
    }

    public PortalRegistry portals() {
        return portals;
    }

    public MethodRegistry methods() {
        return methods;
    }

    /** The control API from Java: new portals for tests, the clock, reset. */
    public Controls controls() {
        return new Controls(this, portals);
    }

    Installation installation() {
        return installation;
    }

    /** The token the control API and dashboard require (header X-Emulator-Token or ?token=), or null on loopback. */
    public String controlToken() {
        return controlToken;
    }

    /** Saves the state file now (it is also saved every 30 s and at close). */
    public void saveState() {
        if (stateFile != null) {
            stateFile.save();
        }
    }

    @Override
    public void close() {
        try {
            saveState();
        } finally {
            await(vertx.close());
        }
    }
}
