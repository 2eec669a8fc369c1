package dev.b24emu.emulator.internal.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The authorization server's token endpoint, /oauth/token/, in the real form
 * (?grant_type=refresh_token&amp;client_id=&amp;client_secret=&amp;refresh_token=, GET or POST): a refresh token is
 * spent once and answered with a new pair; errors are {error, error_description} (settings/oauth/error-codes.md).
 */
public final class OAuthRoutes {
    private final PortalRegistry portals;
    private final Installation installation;
    private final ObjectMapper json;

    public OAuthRoutes(PortalRegistry portals, Installation installation, ObjectMapper json) {
        this.portals = portals;
        this.installation = installation;
        this.json = json;
    }

    public void mount(Router router) {
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
        OAuthServer.Grant peek = refreshToken == null ? null : portals.oauth().peekRefresh(refreshToken).orElse(null);
        if (peek == null) {
            answer(ctx, 400, error("invalid_grant", "Invalid refresh token"));
            return;
        }
        Portal portal = portals.get(peek.portalId()).orElse(null);
        App app = portal == null ? null : portal.apps().byClientId(peek.clientId()).orElse(null);
        if (app == null || !app.clientId().equals(params.get("client_id"))
                || !app.clientSecret().equals(params.get("client_secret"))) {
            answer(ctx, 401, error("invalid_client", "Invalid client_id or client_secret"));
            return;
        }
        OAuthServer.Grant grant = portals.oauth().spendRefresh(refreshToken, portal).orElse(null);
        if (grant == null) {
            answer(ctx, 400, error("invalid_grant", "Invalid refresh token"));
            return;
        }
        OAuthServer.Tokens tokens = portals.oauth().issue(portal, app, grant.userId());
        answer(ctx, 200, installation.tokenResponse(portal, app, grant.userId(), tokens));
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
