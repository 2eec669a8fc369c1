package dev.b24emu.emulator.internal.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.apps.AppDirectory;
import dev.b24emu.emulator.internal.apps.OAuthServer;
import dev.b24emu.emulator.internal.apps.api.AppsArea;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.calendar.api.CalendarArea;
import dev.b24emu.emulator.internal.callcard.CallCardService;
import dev.b24emu.emulator.internal.callcard.api.CallCardArea;
import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.control.ControlGuard;
import dev.b24emu.emulator.internal.control.ControlRouter;
import dev.b24emu.emulator.internal.control.ControlViews;
import dev.b24emu.emulator.internal.control.FaultControl;
import dev.b24emu.emulator.internal.control.HealthCheck;
import dev.b24emu.emulator.internal.control.PortalControl;
import dev.b24emu.emulator.internal.control.ServerControl;
import dev.b24emu.emulator.internal.crm.api.CrmArea;
import dev.b24emu.emulator.internal.events.CrmEvents;
import dev.b24emu.emulator.internal.events.TaskEvents;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.events.UserEvents;
import dev.b24emu.emulator.internal.events.api.EventsArea;
import dev.b24emu.emulator.internal.followup.FollowUps;
import dev.b24emu.emulator.internal.disk.api.DiskArea;
import dev.b24emu.emulator.internal.voximplant.Lines;
import dev.b24emu.emulator.internal.followup.api.FollowUpArea;
import dev.b24emu.emulator.internal.im.api.ImArea;
import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.outbound.Outbound;
import dev.b24emu.emulator.internal.outbound.SelfGuard;
import dev.b24emu.emulator.internal.outbound.api.OutboundArea;
import dev.b24emu.emulator.internal.products.api.ProductsArea;
import dev.b24emu.emulator.internal.placements.PlacementStore;
import dev.b24emu.emulator.internal.placements.WidgetPublisher;
import dev.b24emu.emulator.internal.placements.api.PlacementsArea;
import dev.b24emu.emulator.internal.portal.HeapGuard;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.PortalSettings;
import dev.b24emu.emulator.internal.portal.SeedException;
import dev.b24emu.emulator.internal.portal.SeedFormat;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StateFile;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.FaultStore;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RateLimiter;
import dev.b24emu.emulator.internal.rest.RestService;
import dev.b24emu.emulator.internal.rest.SystemMethods;
import dev.b24emu.emulator.internal.rest.UserStatus;
import dev.b24emu.emulator.internal.telephony.CallChats;
import dev.b24emu.emulator.internal.telephony.CallService;
import dev.b24emu.emulator.internal.telephony.api.TelephonyArea;
import dev.b24emu.emulator.internal.timeman.WorkDays;
import dev.b24emu.emulator.internal.tasks.api.TasksArea;
import dev.b24emu.emulator.internal.lists.api.ListsArea;
import dev.b24emu.emulator.internal.timeman.api.TimemanArea;
import dev.b24emu.emulator.internal.tls.HostProxy;
import dev.b24emu.emulator.internal.tls.LocalCa;
import dev.b24emu.emulator.internal.tls.Tls;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.Envelope;
import dev.b24emu.emulator.internal.transport.ParamDecoder;
import dev.b24emu.emulator.internal.transport.RestRoute;
import dev.b24emu.emulator.internal.transport.WebPages;
import dev.b24emu.emulator.internal.ui.UiArea;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.users.api.UsersArea;
import dev.b24emu.emulator.internal.voximplant.BuiltInCalls;
import dev.b24emu.emulator.internal.voximplant.CallStatistics;
import dev.b24emu.emulator.internal.voximplant.api.VoximplantArea;
import dev.b24emu.specs.Contracts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator, assembled: the shared services, the list of areas, the REST pipeline and the control API's route
 * table, served by Vert.x on HTTP (and HTTPS). Adding an area is one line in {@link #areas}.
 */
public final class EmulatorServer implements AutoCloseable {
    /** Long request lines: GET-only clients put whole requests in the query string. */
    private static final int MAX_REQUEST_LINE = 1024 * 1024;
    private static final int MAX_HEADERS = 64 * 1024;
    /** The default portal's webhook token on a loopback address, unless another is given. */
    public static final String DEMO_WEBHOOK_TOKEN = PortalRegistry.DEMO_TOKEN;
    /** what the no-portal journal keeps: enough to find a mistyped URL, too little for a stranger's flood to matter */
    private static final int NO_PORTAL_ENTRIES = 500;
    private static final long NO_PORTAL_BYTES = 2L * 1024 * 1024;

    private final ServerConfig config;
    private final VertxLease lease;
    private final Vertx vertx;
    /** what this server made on its Vert.x instance, released at close (the instance may be shared) */
    private final List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Long> timers = new ArrayList<>();
    /** the connections all of this server's listeners hold (HttpVerticle) */
    private final ConnectionLimit connectionLimit;
    private final HeadBudget headBudget = HeadBudget.forHeap(Runtime.getRuntime().maxMemory(),
            MAX_REQUEST_LINE + MAX_HEADERS);
    private final Outbound outbound;
    private HostProxy proxy;
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    /**
     * Every body the server reads is one JSON document: {"a":1}x is no JSON to PHP's json_decode either, and the text
     * after it was dropped silently (audit 60c)
     */
    private final ObjectMapper json = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final PortalRegistry portals;
    /** the REST requests refused for credentials that name no portal of this emulator, with why (D184) */
    private final RequestJournal noPortal;
    private final HeapGuard heapGuard;
    private final MethodTable methods;
    private final AppsArea apps;
    private final String controlToken;
    private StateFile stateFile;
    /** the periodic saves' failures, said in the log (they went unseen: audit 60b) */
    private final SaveFailures saveFailures = new SaveFailures();
    private volatile int port;
    private volatile int httpsPort = -1;
    private volatile Path trustedCertificate;
    private volatile int interceptPort = -1;
    private volatile int proxyPort = -1;
    private volatile Path caCertificate;

    private EmulatorServer(ServerConfig config) {
        this.config = config;
        this.connectionLimit = ConnectionLimit.of(config.connections().max());
        // this thread reads the contracts (and made Jackson above) while a prepared Vert.x instance is still being made
        Contracts contracts = Contracts.shared();
        this.lease = VertxLease.take(); // the instance may still be being made: wired below once needed
        this.portals = new PortalRegistry(EmulatorClock.system(), config.bounds(), config.maxPortals());
        this.heapGuard = HeapGuard.start(portals, config.heapGuardPercent());
        // --journal-size bounds it too: 0 keeps no journal at all
        this.noPortal = new RequestJournal(Math.min(NO_PORTAL_ENTRIES, config.bounds().journalEntries()), NO_PORTAL_BYTES);
        portals.onResetAll(noPortal::clear);
        SelfGuard self = new SelfGuard(this::ports);
        this.outbound = new Outbound(lease::vertx, self);
        try {
            OAuthServer oauth = new OAuthServer();
            AppDirectory applications = new AppDirectory(portals, oauth);
            EventPublisher publisher = new EventPublisher(outbound, applications);
            WidgetPublisher widgets = new WidgetPublisher(outbound, oauth);
            CallService calls = new CallService(publisher);
            CallCardService cards = new CallCardService(widgets, calls);
            calls.listen(cards);
            BuiltInCalls builtIn = new BuiltInCalls(publisher);
            calls.listen(builtIn);
            calls.outgoingLine(Lines::chosen);
            calls.builtInEnded((portal, callId) -> {
                builtIn.tick(portal); // the calls the portal's clock has ended, as statistic.get sees them
                return portal.store(CallStatistics.class).has(callId);
            });
            FollowUps followUps = new FollowUps();
            calls.listen(followUps);
            calls.listen(new CallChats());
            this.controlToken = ControlGuard.tokenFor(config.host(), config.controlToken());
            ControlGuard guard = new ControlGuard(config.host(), controlToken, config.allowedHosts(),
                    config.allowedOrigins(), this::ports);
            this.apps = new AppsArea(portals, oauth, publisher, outbound, self, json, this::endpoints, guard::knowsHost);
            // "Handlers are removed together with the application" (widgets/index.md)
            apps.listen((portal, appKey) -> portal.store(PlacementStore.class).removeApp(appKey));
            List<Area> areas = areas(self, publisher, widgets, calls, builtIn, cards, followUps);

            List<StoreType<?>> stores = new ArrayList<>(List.of(
                    StoreType.of("journal", RequestJournal.class, p -> new RequestJournal(p.bounds().journalEntries())),
                    StoreType.of("faults", FaultStore.class, p -> new FaultStore()),
                    StoreType.of("limits", RateLimiter.class, p -> new RateLimiter())));
            List<SeedSection> sections = new ArrayList<>();
            areas.forEach(area -> {
                stores.addAll(area.stores());
                sections.addAll(area.seedSections());
            });
            PortalSettings base = config.validation() == null ? PortalSettings.defaults()
                    : withValidation(PortalSettings.defaults(), config.validation());
            SeedFormat seeds = new SeedFormat(sections, base);
            portals.define(stores, seeds, portal -> portal.store(UserStore.class).first().map(User::id).orElse(1L));

            this.methods = new MethodTable(contracts);
            // each area's methods when a name it may have is first asked for (MethodTable)
            areas.forEach(area -> methods.addWhenAsked(area.methodPrefixes(), area::methods));
            if (config.stateFile() != null) {
                // with no token configured, the default portal keeps the one its state was saved with
                boolean configured = config.webhookToken() != null && !config.webhookToken().isBlank();
                stateFile = new StateFile(config.stateFile(), portals, configured ? null
                        : token -> !DEMO_WEBHOOK_TOKEN.equals(token) || ControlGuard.isLoopback(config.host()));
            }
            // --fsync always: a change is on disk before it is acknowledged (REST calls that succeeded, control changes)
            Runnable commit = stateFile != null && config.fsyncAlways() ? stateFile::commit : () -> { };
            RestService rest = new RestService(portals, applications,
                    (portal, userId) -> portal.store(UserStore.class).get(userId)
                            .map(user -> user.active() ? UserStatus.State.ACTIVE : UserStatus.State.INACTIVE)
                            .orElse(UserStatus.State.UNKNOWN),
                    methods, contracts, json, noPortal, exchange -> {
                        if (exchange.error() == null) {
                            commit.run();
                        }
                        warmUpValidator(contracts);
                    });
            methods.add("batch", rest.batch(json));
            SystemMethods.register(methods);

            // the default portal (its seed read and applied, a state file's portals loaded) on a third thread, while
            // this one mounts the routes: nothing below reads a portal before a request does
            StateFile state = stateFile;
            CompletableFuture<Void> seeded = CompletableFuture.runAsync(() -> {
                portals.create(new PortalRegistry.PortalSpec(PortalRegistry.DEFAULT_ID, config.webhookUserId(),
                        ControlGuard.webhookTokenFor(config.host(), config.webhookToken(), DEMO_WEBHOOK_TOKEN), null,
                        defaultSeed(seeds)));
                if (state != null) {
                    state.load();
                }
            }, task -> daemon("b24-emulator-seed", task).start());

            // all of the above needs no Vert.x instance: a first start's is still being made on another thread
            this.vertx = lease.vertx();
            Router router = Router.router(vertx);
            RouterErrors.mount(router);
            router.route().handler(EmulatorServer::mergeSlashes);
            guard.mount(router);
            router.route().method(io.vertx.core.http.HttpMethod.HEAD).pathRegex("/_emulator(/.*)?")
                    .handler(EmulatorServer::headAsGet);
            RestRoute restRoute = new RestRoute(vertx, rest.pipeline(), new ParamDecoder(json), new Envelope(json),
                    config.bodyLimit(), this::endpoints, new WebPages(config.host(), config.allowedOrigins()));
            restRoute.mount(router);
            areas.forEach(area -> area.routes(router));
            ControlRouter control = new ControlRouter(router, portals, json, this::endpoints, commit);
            HealthCheck health = new HealthCheck();
            lease.onFailure(health::failed);
            control.addWhenAsked(table -> {
                new ServerControl(portals, methods, health, () -> new ControlViews.Connections(connectionLimit.open(),
                        connectionLimit.max(), lease.transport())).register(table);
                new PortalControl(portals, noPortal).register(table);
                new FaultControl(Contracts.shared()).register(table);
                areas.forEach(area -> area.control(table));
            });

            finish(seeded);
            listen(entry(router, restRoute));
            if (stateFile != null) {
                timers.add(vertx.setPeriodic(config.stateSaveSeconds() * 1000L, id -> vertx.<Void>executeBlocking(() -> {
                    stateFile.save();
                    return null;
                }).onComplete(saved -> saveFailures.report(saved.failed() ? saved.cause() : null))));
            }
            // Call-card timers and built-in calls run on each portal's clock; a tick a second moves them along.
            timers.add(vertx.setPeriodic(1000, id -> portals.all().forEach(portal -> {
                cards.tick(portal);
                builtIn.tick(portal);
            })));
        } catch (SeedException | StateException e) {
            release();
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    /**
     * After the first REST answer, loads the validator on a background thread (once per JVM): the first answers do not
     * wait for it (their own schema compiles on demand), and the requests an integration sends in its first seconds
     * (an install's binds, the first register) no longer each pay for loading the validator, which let a sample
     * connector's call overtake its own placement.bind in a cold container. Not before the first answer: on two cores
     * the loading made a cold server's first answer (the one a client waiting for the port sees) 40-80 ms later.
     * Only the loading: compiling every other schema too took a third more CPU, which a test suite's next start, right
     * after, had to share its cores with.
     */
    private static void warmUpValidator(Contracts contracts) {
        if (!VALIDATOR_WARMED.get() && VALIDATOR_WARMED.compareAndSet(false, true)) {
            // this stage runs before the answer is written: start once the event loop has written it
            io.vertx.core.Context context = Vertx.currentContext();
            if (context != null) {
                context.runOnContext(v -> loadValidatorInBackground(contracts));
            } else {
                loadValidatorInBackground(contracts);
            }
        }
    }

    private static void loadValidatorInBackground(Contracts contracts) {
        Thread thread = daemon("b24-emulator-validator-warm-up", () -> {
            try {
                contracts.loadValidator("telephony.externalcall.register");
            } catch (RuntimeException broken) {
                // a broken schema is reported by the request that needs it (and ContractsTest fails the build)
            }
        });
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** A thread that does not keep the JVM alive: a part of a start, or work a start leaves running. */
    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Waits for a part of the start, failing it as that part failed (a bad seed or state file as themselves). */
    private static void finish(CompletableFuture<Void> part) {
        try {
            part.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException failed) {
                throw failed;
            }
            if (e.getCause() instanceof Error failed) {
                throw failed;
            }
            throw e;
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean VALIDATOR_WARMED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts making the Vert.x instance every server needs whatever its options on another thread (Netty's platform
     * probes, the event loops: the longest part of a start), while the caller reads its command line, makes Jackson
     * and reads the contracts: on two cores the two overlap. The next server of this JVM takes it as its own. Call it
     * only when a server will start (the instance's threads would otherwise keep the JVM alive).
     */
    public static void prepare() {
        VertxLease.prepareOwn();
    }

    /** The API areas, in dependency order: each may use the ones above it. */
    private List<Area> areas(SelfGuard self, EventPublisher publisher, WidgetPublisher widgets, CallService calls,
                             BuiltInCalls builtIn,
                             CallCardService cards, FollowUps followUps) {
        return List.of(
                new UsersArea(new WorkDays(), new UserEvents(publisher)),
                new ListsArea(),
                new TimemanArea(),
                new CrmArea(new CrmEvents(publisher)),
                new ProductsArea(),
                new TasksArea(new TaskEvents(publisher)),
                new CalendarArea(),
                new OutboundArea(portals),
                new EventsArea(self),
                apps,
                new ImArea(),
                new PlacementsArea(self, widgets),
                new TelephonyArea(portals, calls),
                new DiskArea(portals),
                new VoximplantArea(builtIn, calls),
                new FollowUpArea(followUps),
                new CallCardArea(cards, calls, widgets),
                new UiArea(portals, noPortal));
    }

    /** Starts a server and waits until it accepts requests. */
    public static EmulatorServer start(ServerConfig config) {
        VertxLease.prepare();
        return new EmulatorServer(config);
    }

    private PortalSeed defaultSeed(SeedFormat seeds) {
        if (config.seed() == null) {
            return seeds.demo();
        }
        try (InputStream in = config.seed().call()) {
            return seeds.read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the seed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot open the seed: " + e.getMessage(), e);
        }
    }

    private static PortalSettings withValidation(PortalSettings settings, PortalSettings.Validation validation) {
        return settings.patch(new ObjectMapper().createObjectNode().put("validation", validation.name()));
    }

    /**
     * A HEAD of a page or of a control API GET answers as the GET does, without its body (Vert.x writes none to a
     * HEAD): link checkers and health probes ask so, and were answered 404. Not the event stream, which never ends.
     */
    private static void headAsGet(io.vertx.ext.web.RoutingContext ctx) {
        if (ctx.request().path().endsWith("/stream")) {
            ctx.next();
            return;
        }
        ctx.reroute(io.vertx.core.http.HttpMethod.GET, ctx.request().uri());
    }

    /** Repeated slashes in a path read as one, as nginx's merge_slashes does (/rest/ reads its own path). */
    private static void mergeSlashes(io.vertx.ext.web.RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && path.contains("//") && !path.startsWith("/rest/")) {
            ctx.put(RestRoute.MERGED_SLASHES, Boolean.TRUE);
            String query = ctx.request().query();
            ctx.reroute(path.replaceAll("/{2,}", "/") + (query == null ? "" : "?" + query));
            return;
        }
        ctx.next();
    }

    /**
     * What every listener hands its requests to: plain /rest/ requests straight to their route, the rest to the
     * router. A REST call is most of the traffic, and the router's routing context, route matching and path
     * normalisation were a twentieth of its CPU (bench/run.sh profile); a failure answers as the router's 500 would.
     */
    private static Handler<HttpServerRequest> entry(Router router, RestRoute rest) {
        return request -> {
            if (!RestRoute.direct(request.path())) {
                router.handle(request);
                return;
            }
            try {
                rest.receive(request);
            } catch (RuntimeException unexpected) {
                RouterErrors.unexpected(request, unexpected);
            }
        };
    }

    private void listen(Handler<HttpServerRequest> entry) {
        HttpServerOptions http = new HttpServerOptions()
                .setHost(config.host())
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setMaxHeaderSize(MAX_HEADERS)
                .setHandle100ContinueAutomatically(true)
                // nginx in front of the real portal ignores an "Upgrade: h2c" request and answers in HTTP/1.1; so do we
                // (Vert.x would otherwise refuse one without "Connection: Upgrade" and leave the client waiting)
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout(config.connections().idleSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        // a multipart form is read as PHP reads it, to the body limit: Vert.x's own limits (8192 bytes a field, 256
        // fields) dropped every parameter of a form past them, a base64 FILE_CONTENT among them (audit 60c)
        int formLimit = (int) Math.min(Integer.MAX_VALUE, config.bodyLimit());
        http.setMaxFormAttributeSize(formLimit).setMaxFormBufferedBytes(formLimit).setMaxFormFields(-1);
        int instances = lease.listeners(config.eventLoops(), Runtime.getRuntime().availableProcessors());
        // the plain HTTP port last: clients, health checks and the banner wait for it, and once it answers, the HTTPS
        // webhook URL and the proxy must answer too (their certificates can take a few hundred milliseconds to make)
        if (config.httpsPort() >= 0) {
            trustedCertificate = Tls.trustedCertificate(config.tlsCert(), config.tlsDir());
            HttpServerOptions https = Tls.listener(new HttpServerOptions(http).setPort(config.httpsPort()),
                    Tls.keyCert(config.tlsCert(), config.tlsKey(), config.tlsDir()));
            httpsPort = serve("the HTTPS port", entry, https, instances,
                    new TlsRefusals(() -> "the HTTPS port " + config.host() + ":" + httpsPort, trustedCertificate));
        }
        if (config.proxyPort() >= 0) {
            listenAsBitrix24(entry, http, instances);
        }
        port = serve("the HTTP port", entry, new HttpServerOptions(http).setPort(config.port()), instances);
    }

    /**
     * The proxy and, behind it, a loopback TLS listener that presents the local CA's certificate for whichever of
     * Bitrix24's host names the client asks for: the same entry answers there, under that host name.
     */
    private void listenAsBitrix24(Handler<HttpServerRequest> entry, HttpServerOptions http, int instances) {
        LocalCa ca = LocalCa.in(config.tlsDir());
        caCertificate = ca.pem();
        HttpServerOptions intercept = Tls.listener(new HttpServerOptions(http).setHost("127.0.0.1").setPort(0),
                Tls.forHosts(ca, portals::answersFor));
        interceptPort = serve("the proxy's TLS listener", entry, intercept, instances,
                new TlsRefusals(() -> "the proxy's TLS listener (for Bitrix24's host names)", caCertificate));
        proxy = new HostProxy(vertx, portals::answersFor, this::bitrix24Hosts, entry, () -> interceptPort, () -> port,
                () -> httpsPort);
        proxyPort = serve("the proxy port", proxy.handler(), new HttpServerOptions(http).setPort(config.proxyPort()),
                instances);
    }

    /** The names the proxy answers for, as its refusals list them. */
    private String bitrix24Hosts() {
        List<String> names = new ArrayList<>(Endpoints.OAUTH_HOSTS);
        portals.all().stream().map(Portal::domain).sorted().limit(10).forEach(names::add);
        return String.join(", ", names) + (portals.all().size() > 10 ? ", ..." : "");
    }

    /**
     * Vert.x lets every instance share one listening socket of a given port, but not of port 0: there each instance
     * bound a random port of its own (a server of three event loops listened on three intercept ports and knew one,
     * which a handler URL could name past the check for the emulator's own ports), and only the known one was ever
     * called. So a port 0 gets one listener: what was reachable before, without the strays.
     */
    private int serve(String listener, Handler<HttpServerRequest> entry, HttpServerOptions options, int instances) {
        return serve(listener, entry, options, instances, null);
    }

    /** @param tlsFailures what a TLS listener logs of a client's broken handshake; null for a plain one */
    private int serve(String listener, Handler<HttpServerRequest> entry, HttpServerOptions options, int instances,
                      Handler<Throwable> tlsFailures) {
        int listeners = options.getPort() == 0 ? 1 : instances;
        AtomicInteger bound = new AtomicInteger();
        try {
            lease.claim(options.getPort());
            deployments.add(await(vertx.deployVerticle(() -> new HttpVerticle(entry, options, bound,
                    config.connections().headerSeconds(), connectionLimit, headBudget, tlsFailures),
                    new DeploymentOptions().setInstances(listeners))));
        } catch (IllegalStateException e) {
            // which of the three ports was taken: a taken proxy port was reported as the HTTP port (audit 50c)
            throw new IllegalStateException(listener + " " + options.getHost() + ":" + options.getPort() + ": "
                    + e.getMessage(), e);
        }
        return bound.get();
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

    /** The ports the emulator listens on (HTTP, and HTTPS when on). */
    public Set<Integer> ports() {
        Set<Integer> ports = new LinkedHashSet<>();
        if (port > 0) {
            ports.add(port);
        }
        if (httpsPort > 0) {
            ports.add(httpsPort);
        }
        if (interceptPort > 0) {
            ports.add(interceptPort);
        }
        if (proxyPort > 0) {
            ports.add(proxyPort);
        }
        return ports;
    }

    /** The default address: http://host:port, with 127.0.0.1 for a server listening on every interface. */
    public Endpoints endpoints() {
        DefaultEndpoints known = defaultEndpoints;
        if (known == null || known.port() != port) { // made again once the port is known, not for every request
            known = new DefaultEndpoints(port, new Endpoints(baseUrl()));
            defaultEndpoints = known;
        }
        return known.endpoints();
    }

    /** The default address and the port it was made for. */
    private record DefaultEndpoints(int port, Endpoints endpoints) {
    }

    private volatile DefaultEndpoints defaultEndpoints;

    public int port() {
        return port;
    }

    public String baseUrl() {
        String host = config.host();
        String shownHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + (shownHost.contains(":") ? "[" + shownHost + "]" : shownHost) + ":" + port;
    }

    public int httpsPort() {
        return httpsPort;
    }

    /** https://localhost:port, or null when HTTPS is off. */
    public String httpsBaseUrl() {
        return httpsPort < 0 ? null : "https://localhost:" + httpsPort;
    }

    public Path trustedCertificate() {
        return trustedCertificate;
    }

    public int proxyPort() {
        return proxyPort;
    }

    /** The local CA's PEM (it signs the proxy's certificates), or null when the proxy is off. */
    public Path caCertificate() {
        return caCertificate;
    }

    public PortalRegistry portals() {
        return portals;
    }

    /** The REST requests refused for credentials that name no portal of this emulator (D184), oldest first. */
    public RequestJournal noPortalRequests() {
        return noPortal;
    }

    public MethodTable methods() {
        return methods;
    }

    /** Installs an application as POST /_emulator/portals/{id}/apps does; answers its token response. */
    public com.fasterxml.jackson.databind.node.ObjectNode installApp(Portal portal,
                                                                     com.fasterxml.jackson.databind.JsonNode spec) {
        return apps.installation().install(portal, spec, endpoints());
    }

    /** The portal's incoming webhook URL on this server's default address, ending in a slash. */
    public String webhookUrl(Portal portal) {
        return ControlViews.webhookUrl(portal, endpoints());
    }

    /** The portal's webhook on the HTTPS listener, or null when there is none. */
    public String httpsWebhookUrl(Portal portal) {
        return httpsPort < 0 ? null : httpsBaseUrl() + webhookUrl(portal).substring(baseUrl().length());
    }

    /** The token the control API and dashboard require, or null on loopback. */
    public String controlToken() {
        return controlToken;
    }

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
            release();
        }
    }

    /** Whether {@link #close()} has run (or a failed start released what it had made). */
    public boolean closed() {
        return released.get();
    }

    /** Releases what this server made on its Vert.x instance (its listeners, timers, clients), then the instance. */
    private void release() {
        if (!released.compareAndSet(false, true)) {
            return; // closed before: closing again changes nothing, as closing a Vert.x instance twice did
        }
        heapGuard.close();
        // the outbound client first, while the listener's verticle it was made on still holds it (OutboundCloseTest)
        List<Future<?>> closing = new ArrayList<>(List.of(outbound.close()));
        if (vertx != null) { // null when the start failed before it needed the instance
            timers.forEach(vertx::cancelTimer);
            deployments.forEach(id -> closing.add(vertx.undeploy(id)));
        }
        if (proxy != null) {
            closing.add(proxy.close());
        }
        try {
            await(Future.join(closing));
        } finally {
            await(lease.close());
        }
    }
}
