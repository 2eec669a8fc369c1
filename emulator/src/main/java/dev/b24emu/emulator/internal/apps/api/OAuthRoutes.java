package dev.b24emu.emulator.internal.apps.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.apps.App;
import dev.b24emu.emulator.internal.apps.AppStore;
import dev.b24emu.emulator.internal.apps.Installation;
import dev.b24emu.emulator.internal.apps.OAuthServer;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;

/**
 * The authorization server's token endpoint, /oauth/token/, in the real form
 * (?grant_type=refresh_token&amp;client_id=&amp;client_secret=&amp;refresh_token=, GET or POST): a refresh token is
 * spent once and answered with a new pair; errors are {error, error_description} (settings/oauth/error-codes.md).
 */
final class OAuthRoutes {
    private final PortalRegistry portals;
    private final OAuthServer oauth;
    private final ObjectMapper json;
    private final Supplier<Endpoints> defaultEndpoints;

    OAuthRoutes(PortalRegistry portals, OAuthServer oauth, ObjectMapper json, Supplier<Endpoints> defaultEndpoints) {
        this.portals = portals;
        this.oauth = oauth;
        this.json = json;
        this.defaultEndpoints = defaultEndpoints;
    }

    void mount(Router router) {
        router.route("/oauth/token*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        router.route("/oauth/token*").handler(this::token);
    }

    private void token(RoutingContext ctx) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(ctx.queryParams());
        params.addAll(ctx.request().formAttributes());
        String grantType = params.get("grant_type");
        if (!"refresh_token".equals(grantType)) {
            answer(ctx, 400, error("invalid_request", "grant_type must be refresh_token"));
            return;
        }
        String refreshToken = params.get("refresh_token");
        OAuthServer.Grant peek = refreshToken == null ? null : oauth.peekRefresh(refreshToken).orElse(null);
        if (peek == null) {
            answer(ctx, 400, error("invalid_grant", "Invalid refresh token"));
            return;
        }
        Portal portal = portals.get(peek.portalId()).orElse(null);
        App app = portal == null ? null : portal.store(AppStore.class).byClientId(peek.clientId()).orElse(null);
        if (app == null || !app.clientId().equals(params.get("client_id"))
                || !app.clientSecret().equals(params.get("client_secret"))) {
            answer(ctx, 401, error("invalid_client", "Invalid client_id or client_secret"));
            return;
        }
        OAuthServer.Grant grant = oauth.spendRefresh(refreshToken, portal).orElse(null);
        if (grant == null) {
            answer(ctx, 400, error("invalid_grant", "Invalid refresh token"));
            return;
        }
        OAuthServer.Tokens tokens = oauth.issue(portal, app, grant.userId());
        answer(ctx, 200, Installation.tokenResponse(portal, app, grant.userId(), tokens,
                Endpoints.of(ctx.request(), defaultEndpoints.get())));
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
