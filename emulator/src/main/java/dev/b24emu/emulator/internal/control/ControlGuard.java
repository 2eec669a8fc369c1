package dev.b24emu.emulator.internal.control;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Keeps the control API and the dashboard to whoever may drive the emulator: open on a loopback address (the
 * default), and behind a token (header X-Emulator-Token, "Authorization: Bearer", or ?token=) when the emulator
 * listens beyond loopback. The REST API itself stays guarded by its webhook and OAuth tokens.
 */
public final class ControlGuard {
    private final String token;

    public ControlGuard(String token) {
        this.token = token;
    }

    /** The token to require for a listening address: none on loopback, the given one or a random one elsewhere. */
    public static String tokenFor(String host, String configured) {
        if (isLoopback(host)) {
            return null;
        }
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    public void mount(Router router) {
        if (token != null) {
            router.route("/_emulator/*").handler(this::check);
        }
    }

    private void check(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.startsWith("/_emulator/ui/") && path.endsWith(".js")) {
            ctx.next(); // static scripts hold no data; pages and APIs behind them carry the token
            return;
        }
        String given = ctx.request().getHeader("X-Emulator-Token");
        String authorization = ctx.request().getHeader("Authorization");
        if (given == null && authorization != null && authorization.startsWith("Bearer ")) {
            given = authorization.substring("Bearer ".length());
        }
        if (given == null) {
            given = ctx.queryParams().get("token");
        }
        if (given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(401).putHeader("Content-Type", "application/json; charset=utf-8")
                .end("{\"error\":\"CONTROL_TOKEN_REQUIRED\",\"error_description\":\"The control API needs the emulator's control token\"}");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
