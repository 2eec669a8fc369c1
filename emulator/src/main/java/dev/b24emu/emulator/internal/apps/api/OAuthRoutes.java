package dev.b24emu.emulator.internal.apps.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.apps.Authorization;
import dev.b24emu.emulator.internal.apps.Standing;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.apps.Installation;
import dev.b24emu.emulator.internal.apps.OAuthServer;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MagicCredentials;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.OwnPages;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The authorization server's token endpoint, /oauth/token/, in the real form (GET query or POST form;
 * grant_type=authorization_code with a code, or refresh_token): a code or a refresh token is spent once and answered
 * with a new pair; errors are {error, error_description} (settings/oauth/error-codes.md). And the portal's consent
 * page, /oauth/authorize/ (settings/oauth/index.md, step 1).
 */
final class OAuthRoutes {
    private final PortalRegistry portals;
    /** whether a Host is an address of the emulator */
    private final Predicate<String> ownHost;
    private final OAuthServer oauth;
    private final ObjectMapper json;
    private final Supplier<Endpoints> defaultEndpoints;
    private final Authorization authorization;

    OAuthRoutes(PortalRegistry portals, OAuthServer oauth, ObjectMapper json, Supplier<Endpoints> defaultEndpoints,
                Predicate<String> ownHost) {
        this.ownHost = ownHost;
        this.portals = portals;
        this.oauth = oauth;
        this.authorization = new Authorization(oauth);
        this.json = json;
        this.defaultEndpoints = defaultEndpoints;
    }

    void mount(Router router) {
        router.route("/oauth/token*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        router.route("/oauth/token*").handler(this::token);
        router.route("/oauth/authorize*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        router.get("/oauth/authorize*").handler(this::consentPage);
        router.post("/oauth/authorize*").handler(this::consent);
    }

    private static MultiMap params(RoutingContext ctx) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(ctx.queryParams());
        params.addAll(ctx.request().formAttributes());
        return params;
    }

    private void token(RoutingContext ctx) {
        MultiMap params = params(ctx);
        String grantType = params.get("grant_type");
        if ("authorization_code".equals(grantType)) {
            exchangeCode(ctx, params);
        } else if ("refresh_token".equals(grantType)) {
            refresh(ctx, params);
        } else {
            answer(ctx, 400, error("invalid_request", "grant_type must be authorization_code or refresh_token"));
        }
    }

    private void refresh(RoutingContext ctx, MultiMap params) {
        String refreshToken = params.get("refresh_token");
        if (MagicCredentials.PAYMENT_REQUIRED.equals(refreshToken)) {
            answer(ctx, 400, error("PAYMENT_REQUIRED", "Payment required"));
            return;
        }
        if (MagicCredentials.APP_NOT_INSTALLED.equals(refreshToken)) {
            answer(ctx, 401, error("invalid_client", "Application not installed"));
            return;
        }
        OAuthServer.Grant peek = refreshToken == null ? null : oauth.peekRefresh(refreshToken).orElse(null);
        if (peek == null) {
            answer(ctx, 400, error("invalid_grant", "Invalid refresh token"));
            return;
        }
        Portal portal = portals.get(peek.portalId()).orElse(null);
        App app = client(ctx, params, portal, peek.clientId());
        if (app == null) {
            return;
        }
        OAuthServer.Tokens renewed = oauth.renew(refreshToken, portal, app).orElse(null);
        if (renewed == null) {
            answer(ctx, 400, error("invalid_grant", "Invalid refresh token"));
            return;
        }
        answerTokens(ctx, portal, app, peek.userId(), renewed);
    }

    /** Step 2 of settings/oauth/index.md: a code is good once, for 30 seconds (D110 for the refusals). */
    private void exchangeCode(RoutingContext ctx, MultiMap params) {
        String code = params.get("code");
        OAuthServer.Grant peek = oauth.peekCode(code).orElse(null);
        if (peek == null) {
            answer(ctx, 400, error("invalid_grant", "Invalid authorization code"));
            return;
        }
        Portal portal = portals.get(peek.portalId()).orElse(null);
        App app = client(ctx, params, portal, peek.clientId());
        if (app == null) {
            return;
        }
        OAuthServer.Exchange exchange = oauth.spendCode(code, portal);
        if (exchange.state() != OAuthServer.CodeState.GOOD) {
            answer(ctx, 400, error("expired_token", "The authorization token provided has expired."));
            return;
        }
        issue(ctx, portal, app, exchange.grant().userId());
    }

    /**
     * The application the request names, with its secret, whose trial or paid period allows tokens ("the
     * authorization server will not issue tokens"); null after answering invalid_client or PAYMENT_REQUIRED, with
     * the code or refresh token not spent.
     */
    private App client(RoutingContext ctx, MultiMap params, Portal portal, String clientId) {
        App app = portal == null ? null : portal.store(AppStore.class).byClientId(clientId).orElse(null);
        if (app == null || !app.clientId().equals(params.get("client_id"))
                || !app.clientSecret().equals(params.get("client_secret"))) {
            answer(ctx, 401, error("invalid_client", "Invalid client_id or client_secret"));
            return null;
        }
        if (!Standing.of(app, portal.now()).paymentAllowed()) {
            answer(ctx, 400, error("PAYMENT_REQUIRED", "Payment required")); // D111: status as invalid_grant's
            return null;
        }
        return app;
    }

    /**
     * The authorization server's answer: its own domain in "domain" (settings/oauth/index.md: "the domain of the
     * authorization server"; oauth.bitrix.info for a portal with a Bitrix24 domain, the emulator's address otherwise),
     * where the install callback and events carry the portal's (D35); no application token: an application reads it
     * from ONAPPINSTALL or the install form (D164).
     */
    private void issue(RoutingContext ctx, Portal portal, App app, long userId) {
        answerTokens(ctx, portal, app, userId, oauth.issue(portal, app, userId));
    }

    private void answerTokens(RoutingContext ctx, Portal portal, App app, long userId, OAuthServer.Tokens tokens) {
        var body = Installation.tokenResponse(portal, app, userId, tokens, endpoints(ctx));
        body.put("domain", java.net.URI.create(body.get("server_endpoint").asText()).getRawAuthority());
        answer(ctx, 200, body);
    }

    private Endpoints endpoints(RoutingContext ctx) {
        return Endpoints.of(ctx.request(), defaultEndpoints.get());
    }

    /** The portal's consent page: which application asks, and a button per active user to allow it. */
    private void consentPage(RoutingContext ctx) {
        if (!atOwnHost(ctx)) {
            return;
        }
        MultiMap params = params(ctx);
        String clientId = params.get("client_id");
        Portal portal = Authorization.portalOf(portals, clientId, endpoints(ctx).host()).orElse(null);
        if (portal == null) {
            page(ctx, 400, "<h1>Authorization error</h1><p>Application not installed</p>");
            return;
        }
        App app = Authorization.installed(portal, clientId);
        StringBuilder users = new StringBuilder();
        portal.store(UserStore.class).all().stream().filter(User::active).forEach(user -> users
                .append("<button name=\"user_id\" value=\"").append(user.id()).append("\">Allow as ")
                .append(Html.escape(user.fullName())).append(" (").append(user.id()).append(")</button> "));
        page(ctx, 200, "<h1>" + Html.escape(app.name()) + " asks for access</h1><p>Scopes: "
                + Html.escape(app.scopeList()) + "</p><form method=\"post\"><input type=\"hidden\" name=\"client_id\" value=\""
                + Html.escape(clientId) + "\"><input type=\"hidden\" name=\"state\" value=\""
                + Html.escape(params.get("state") == null ? "" : params.get("state")) + "\">" + users + "</form>");
    }

    /** The consent button: a redirect with the code, or the code on the page when there is no redirect URI. */
    private void consent(RoutingContext ctx) {
        if (!atOwnHost(ctx)) {
            return;
        }
        if (!fromThisPage(ctx)) {
            // a foreign page's auto-submitted form gave consent as any user it named, with its own state, no click
            page(ctx, 403, "<h1>Authorization error</h1><p>Consent is given on the consent page only</p>");
            return;
        }
        MultiMap params = params(ctx);
        Portal portal = Authorization.portalOf(portals, params.get("client_id"), endpoints(ctx).host()).orElse(null);
        long userId;
        try {
            userId = Long.parseLong(params.get("user_id"));
        } catch (NumberFormatException e) {
            page(ctx, 400, "<h1>Authorization error</h1><p>Choose a user</p>");
            return;
        }
        if (portal == null) {
            page(ctx, 400, "<h1>Authorization error</h1><p>Application not installed</p>");
            return;
        }
        Authorization.Approval approval;
        try {
            approval = authorization.approve(portal, params.get("client_id"), userId, params.get("state"), endpoints(ctx));
        } catch (IllegalArgumentException | dev.b24emu.emulator.internal.transport.RestError refused) {
            page(ctx, 400, "<h1>Authorization error</h1><p>" + Html.escape(refused.getMessage()) + "</p>");
            return;
        }
        if (approval.location() == null) {
            page(ctx, 200, "<h1>Authorization code</h1><p><code>" + approval.code() + "</code></p>");
        } else {
            ctx.response().setStatusCode(302).putHeader("Location", approval.location()).end();
        }
    }

    /**
     * Whether the request came to an address of the emulator or a portal's domain, else refuses it: a page that
     * rebinds its own name to 127.0.0.1 read the consent page (users and applications) and consented as a user of
     * its choosing, its Origin matching its Host (audit 49d).
     */
    private boolean atOwnHost(RoutingContext ctx) {
        io.vertx.core.net.HostAndPort authority = ctx.request().authority();
        String host = authority == null ? null : authority.host();
        if (host != null && (ownHost.test(host) || portals.byDomain(host).isPresent())) {
            return true;
        }
        // the authorization server's name is served by the proxy for tokens alone: the page is the portal's, as on
        // Bitrix24 (https://<portal>/oauth/authorize/), and --allowed-host would not help (audit 50c)
        boolean authServer = host != null && Endpoints.OAUTH_HOSTS.contains(host.toLowerCase(java.util.Locale.ROOT));
        page(ctx, 403, authServer ? "<h1>Authorization error</h1><p>The authorization page is the portal's, as on"
                + " Bitrix24: open https://&lt;the portal's domain&gt;/oauth/authorize/ (" + host + " answers"
                + " /oauth/token/ only)</p>"
                : "<h1>Authorization error</h1><p>The Host of this request is not an address of the emulator"
                + " or of a portal; start it with --allowed-host to add one</p>");
        return false;
    }

    /**
     * A browser's POST carries its page's Origin: the consent page's own, or none (curl, a test's client). Without
     * one, what the browser says of the page (Sec-Fetch-Site, Referer) must not name another site.
     */
    private static boolean fromThisPage(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            String site = ctx.request().getHeader("Sec-Fetch-Site");
            String referer = ctx.request().getHeader("Referer");
            return (site == null || site.equalsIgnoreCase("same-origin")) && (referer == null || sameOrigin(ctx, referer));
        }
        return sameOrigin(ctx, origin);
    }

    private static boolean sameOrigin(RoutingContext ctx, String url) {
        io.vertx.core.net.HostAndPort authority = ctx.request().authority();
        try {
            java.net.URI from = java.net.URI.create(url.trim());
            String scheme = ctx.request().scheme();
            return authority != null && from.getHost() != null && scheme.equalsIgnoreCase(from.getScheme())
                    && from.getHost().equalsIgnoreCase(authority.host())
                    && portOf(from.getPort(), scheme) == portOf(authority.port(), scheme);
        } catch (IllegalArgumentException unreadable) {
            return false; // "null" (a sandboxed frame) among them
        }
    }

    private static int portOf(int port, String scheme) {
        return port >= 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static void page(RoutingContext ctx, int status, String body) {
        OwnPages.unframed(ctx.response()).setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .end("<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                        + " content=\"width=device-width\"><title>Bitrix24 authorization</title></head><body>"
                        + body + "</body></html>");
    }

    private ObjectNode error(String code, String description) {
        return json.createObjectNode().put("error", code).put("error_description", description);
    }

    private void answer(RoutingContext ctx, int status, ObjectNode body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(Buffer.buffer(json.writeValueAsBytes(body)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
