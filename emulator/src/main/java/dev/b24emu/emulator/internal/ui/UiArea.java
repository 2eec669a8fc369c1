package dev.b24emu.emulator.internal.ui;

import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.journal.RequestJournal;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.transport.OwnPages;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The emulator's pages under /_emulator/ui/: the dashboard (over the control API, with a server-sent event stream that
 * says when a portal served a request or sent a delivery), the call-card, application and portal-page simulators (the
 * last loading a user's background workers beside their external call card), and the scripts
 * they share (the BX24 shim for widgets, the portal side of its protocol, the control-token helper).
 */
public final class UiArea implements Area {
    /** The static files of the UI, by path below /_emulator/ui/. */
    public static final Map<String, String[]> FILES = Map.of(
            "", new String[] {"/ui/dashboard.html", "text/html; charset=utf-8"},
            "call-card", new String[] {"/ui/call-card.html", "text/html; charset=utf-8"},
            "app", new String[] {"/ui/app.html", "text/html; charset=utf-8"},
            "page", new String[] {"/ui/portal-page.html", "text/html; charset=utf-8"},
            "bx24.js", new String[] {"/ui/bx24.js", "application/javascript; charset=utf-8"},
            "host.js", new String[] {"/ui/host.js", "application/javascript; charset=utf-8"},
            "simulator.css", new String[] {"/ui/simulator.css", "text/css; charset=utf-8"},
            "control-token.js", new String[] {"/ui/control-token.js", "application/javascript; charset=utf-8"});

    private final PortalRegistry portals;
    private final EventStreams streams;

    public UiArea(PortalRegistry portals, RequestJournal noPortal) {
        this.portals = portals;
        this.streams = new EventStreams(portals::all, noPortal);
    }

    @Override
    public void routes(Router router) {
        FILES.forEach((path, file) -> router.get("/_emulator/ui/" + path).handler(ctx -> resource(ctx, file[0], file[1])));
        // the dashboard's address typed without its slash: its relative links need the slash, so it is added
        router.get("/_emulator/ui").handler(ctx -> ctx.response().setStatusCode(302)
                .putHeader("Location", "/_emulator/ui/" + (ctx.request().query() == null ? "" : "?" + ctx.request().query()))
                .end());
        router.get("/_emulator/ui/stream").handler(this::stream);
    }

    /**
     * text/event-stream: an "update" event whenever the journals grow, a comment every 15 s to keep it open. It watches
     * one portal (?portal=ID, default "default") or, with ?portal=*, every portal there is at each tick (the command
     * line's tail).
     */
    private void stream(RoutingContext ctx) {
        String portalId = ctx.queryParams().get("portal");
        Portal portal = null;
        if (!"*".equals(portalId)) {
            portal = portals.get(portalId == null ? PortalRegistry.DEFAULT_ID : portalId).orElse(null);
            if (portal == null) {
                ctx.response().setStatusCode(404).end();
                return;
            }
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        response.write(": connected\n\n");
        streams.open(ctx.vertx(), response, portal);
    }

    private static void resource(RoutingContext ctx, String path, String contentType) {
        try (InputStream in = UiArea.class.getResourceAsStream(path)) {
            if (in == null) {
                ctx.response().setStatusCode(404).end();
                return;
            }
            HttpServerResponse response = OwnPages.unframed(ctx.response()).putHeader("Content-Type", contentType);
            if (contentType.startsWith("text/html")) {
                // a page that opens a simulator in a popup keeps no handle on it, so cannot reach its frames at all
                // (the shim and the host page also hear only each other: a backstop)
                response.putHeader("Cross-Origin-Opener-Policy", "same-origin");
            }
            response.end(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
