package dev.b24emu.emulator.internal.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.b24emu.emulator.internal.clock.EmulatorClock;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.transport.Endpoints;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The control table is filled by the first request below /_emulator, not at start (each handler is a class the JVM
 * spins): every request, the first ones arriving together included, must still see the whole table, and a fill
 * that fails must leave no half table behind.
 */
class ControlRouterTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Vertx vertx;
    /** four servers of one router, each on an event loop of its own: the first requests race to fill the table */
    private final List<HttpServer> servers = new ArrayList<>();
    private ControlRouter control;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        // the server's own answer to a failure (RouterErrors), without Vert.x's log of the failed fill's stack trace
        router.route().failureHandler(ctx -> ctx.response().setStatusCode(ctx.statusCode()).end());
        PortalRegistry portals = new PortalRegistry(new EmulatorClock(Clock.systemUTC()), Portal.Bounds.defaults(),
                PortalRegistry.DEFAULT_MAX_PORTALS);
        control = new ControlRouter(router, portals, new ObjectMapper(), () -> new Endpoints("http://127.0.0.1"),
                () -> { });
        for (int i = 0; i < 4; i++) {
            servers.add(vertx.createHttpServer().requestHandler(router).listen(0)
                    .toCompletionStage().toCompletableFuture().get());
        }
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static HttpRequest request(HttpServer server, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + ControlRouter.PREFIX + path))
                .timeout(Duration.ofSeconds(10)).build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(servers.get(0), path), HttpResponse.BodyHandlers.ofString());
    }

    /** A table of forty routes, /r0 … /r39, each answering its own number, counting how often it was filled. */
    private static Consumer<ControlRoutes> forty(AtomicInteger fills) {
        return table -> {
            fills.incrementAndGet();
            for (int i = 0; i < 40; i++) {
                int number = i;
                table.get("/r" + i, request -> List.of(number));
            }
        };
    }

    @Test
    void theRoutesAreAddedOnceByTheFirstRequestsEvenWhenTheyArriveTogether() throws Exception {
        AtomicInteger fills = new AtomicInteger();
        control.addWhenAsked(forty(fills));
        assertEquals(0, fills.get(), "nothing is made before a request asks");
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(HTTP.sendAsync(request(servers.get(i % servers.size()), "/r" + i),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> answer = answers.get(i).get();
            assertEquals(200, answer.statusCode(), "/r" + i + ": " + answer.body());
            assertEquals("[" + i + "]", answer.body());
        }
        assertEquals(404, get("/r40").statusCode());
        assertEquals(1, fills.get(), "filled once");
        assertThrows(IllegalStateException.class, () -> control.get("/late", request -> null),
                "no route is added once the table is in use");
    }

    @Test
    void aFillThatFailsLeavesNoHalfTableAndTheNextRequestTriesAgain() throws Exception {
        AtomicInteger fills = new AtomicInteger();
        Consumer<ControlRoutes> table = forty(fills);
        control.addWhenAsked(routes -> {
            int attempt = fills.get();
            routes.get("/first", request -> "attempt " + attempt);
            if (attempt == 0) {
                fills.incrementAndGet();
                throw new IllegalStateException("a route the fill could not make");
            }
            table.accept(routes);
        });
        assertEquals(500, get("/r1").statusCode());
        HttpResponse<String> again = get("/r1");
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("[1]", again.body());
        assertEquals("\"attempt 1\"", get("/first").body(), "the failed fill's routes are gone");
        assertEquals(2, fills.get(), "the failed fill, then the one that worked");
        assertThrows(IllegalStateException.class, () -> control.route(HttpMethod.GET, "/r0", 200, request -> null));
    }
}
