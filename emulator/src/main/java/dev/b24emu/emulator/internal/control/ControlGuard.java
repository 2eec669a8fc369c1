package dev.b24emu.emulator.internal.control;

import dev.b24emu.emulator.internal.portal.RandomHex;
import dev.b24emu.emulator.internal.transport.WebPages;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps the control API and the dashboard to whoever may drive the emulator, so no web page the developer opens can
 * (README, "Security model"):
 * <ul>
 *   <li>the Host must be an address of this emulator (loopback names, the listening address, --allowed-host), which
 *   defeats DNS rebinding; any host when it listens on all interfaces, where the token is required;</li>
 *   <li>a request with an Origin must come from the emulator's own pages (or an --allowed-origin): a foreign page's
 *   fetch, form or beacon is refused;</li>
 *   <li>a body must be JSON, so no cross-site "simple request" (text/plain, form) carries one;</li>
 *   <li>beyond loopback, the control token (header X-Emulator-Token, "Authorization: Bearer", or ?token=).</li>
 * </ul>
 * The REST API itself stays guarded by its webhook and OAuth tokens.
 */
public final class ControlGuard {
    private static final String WIDGET_SHIM = "/_emulator/ui/bx24.js";
    /**
     * Static files with no secret in them, served without the control token: the widgets' shim, and what the
     * simulator pages load beside themselves (a page's own address carries the token; its script and style tags
     * cannot, and the simulators did not work in token mode)
     */
    private static final Set<String> SCRIPTS = Set.of(WIDGET_SHIM, "/_emulator/ui/control-token.js",
            "/_emulator/ui/host.js", "/_emulator/ui/simulator.css");

    private final String token;
    private final boolean anyHost;
    private final Set<String> hosts = new HashSet<>();
    private final Set<String> origins = new HashSet<>();
    private final Supplier<Set<Integer>> ports;

    /**
     * @param listenHost     the address the emulator listens on
     * @param token          the control token, or null when none is required (loopback)
     * @param allowedHosts   further host names that reach this emulator (a proxy's, a container's)
     * @param allowedOrigins further origins whose pages may drive it (scheme://host:port)
     * @param ports          the ports it listens on, once it listens
     */
    public ControlGuard(String listenHost, String token, Set<String> allowedHosts, Set<String> allowedOrigins,
                        Supplier<Set<Integer>> ports) {
        this.token = token;
        this.anyHost = isAnyLocal(listenHost);
        this.ports = ports;
        hosts.addAll(Set.of("localhost", "127.0.0.1", "::1"));
        hosts.add(bare(listenHost));
        allowedHosts.forEach(h -> hosts.add(bare(h)));
        allowedOrigins.forEach(o -> origins.add(o.toLowerCase(Locale.ROOT).replaceAll("/+$", "")));
    }

    /**
     * The token to require: the given one wherever it listens, else none on loopback and a random one elsewhere. A
     * token given on loopback is required too: on a machine shared with other users, any of them read every portal's
     * tokens and state through a control API open to local programs (audit 49d).
     */
    public static String tokenFor(String host, String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return isLoopback(host) ? null : RandomHex.of(16);
    }

    /**
     * The default portal's webhook token: the given one, else the well-known demo token on a loopback address, else a
     * random one (printed at start): beyond loopback anyone on the network could use a secret everyone knows.
     */
    public static String webhookTokenFor(String host, String configured, String demoToken) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return isLoopback(host) ? demoToken : RandomHex.of(16);
    }

    public void mount(Router router) {
        router.route("/_emulator/*").handler(this::check);
    }

    /**
     * Whether the name is an address of this emulator (loopback names, the listening address, --allowed-host), or any
     * name when it listens on all interfaces: a page that rebinds its own name to 127.0.0.1 sends its own name.
     */
    public boolean knowsHost(String host) {
        return anyHost || host != null && hosts.contains(bare(host));
    }

    private void check(RoutingContext ctx) {
        HostAndPort authority = ctx.request().authority();
        if (!knowsHost(authority == null ? null : authority.host())) {
            refuse(ctx, 403, "CONTROL_HOST_REFUSED", "The Host of this request is not an address of the emulator;"
                    + " start it with --allowed-host to add one");
            return;
        }
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && WIDGET_SHIM.equals(ctx.normalizedPath()) && readOnly(ctx.request().method())) {
            // the BX24 shim is a static script every widget loads, from its own origin: Chromium asks first
            // (Private Network Access) when that origin is not local, a widget on a LAN address or a tunnel
            if (ctx.request().method() == HttpMethod.OPTIONS) {
                ctx.response().setStatusCode(204).putHeader("Access-Control-Allow-Origin", origin)
                        .putHeader("Access-Control-Allow-Methods", "GET")
                        .putHeader("Access-Control-Allow-Private-Network", "true").putHeader("Vary", "Origin").end();
                return;
            }
            ctx.next();
            return;
        }
        if (origin != null && !allowedOrigin(origin)) {
            refuse(ctx, 403, "CONTROL_ORIGIN_REFUSED", "Pages of another origin may not drive the emulator;"
                    + " start it with --allowed-origin to allow one");
            return;
        }
        if (carriesBody(ctx) && !isJson(ctx.request().getHeader("Content-Type"))) {
            refuse(ctx, 415, "CONTROL_JSON_REQUIRED", "Control API bodies must be application/json");
            return;
        }
        if (token != null && !SCRIPTS.contains(ctx.normalizedPath())) {
            String given = givenToken(ctx);
            if (given == null) {
                refuse(ctx, 401, "CONTROL_TOKEN_REQUIRED", "The control API needs the emulator's control token"
                        + " (header X-Emulator-Token, Authorization: Bearer, or ?token= on the dashboard's address)");
                return;
            }
            if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
                // the same code, as clients test it; the words say which mistake it is (audit 50c)
                refuse(ctx, 401, "CONTROL_TOKEN_REQUIRED", "The control token given is not this emulator's: it"
                        + " printed its own at start, or wrote it to its --control-token-file");
                return;
            }
        }
        ctx.next();
    }

    private boolean allowedOrigin(String origin) {
        if (origins.contains(origin.toLowerCase(Locale.ROOT))) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return (anyHost || hosts.contains(bare(uri.getHost()))) && ports.get().contains(port);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The control token the request carries, in any of the three places, or null. */
    private static String givenToken(RoutingContext ctx) {
        String given = ctx.request().getHeader("X-Emulator-Token");
        String authorization = ctx.request().getHeader("Authorization");
        if (given == null && authorization != null && authorization.startsWith("Bearer ")) {
            given = authorization.substring("Bearer ".length());
        }
        return given != null ? given : ctx.queryParams().get("token");
    }

    private static boolean readOnly(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    private static boolean carriesBody(RoutingContext ctx) {
        if (readOnly(ctx.request().method())) {
            return false;
        }
        String length = ctx.request().getHeader("Content-Length");
        return ctx.request().getHeader("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/json");
    }

    private static void refuse(RoutingContext ctx, int status, String code, String description) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end("{\"error\":\"" + code + "\",\"error_description\":\"" + description + "\"}");
    }

    private static String bare(String host) {
        return WebPages.bare(host);
    }

    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isAnyLocal(String host) {
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
