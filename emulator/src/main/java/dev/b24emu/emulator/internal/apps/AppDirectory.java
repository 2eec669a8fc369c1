package dev.b24emu.emulator.internal.apps;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.events.Applications;
import dev.b24emu.emulator.internal.events.Applications.Handout;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.portal.RandomHex;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.rest.TokenResolver;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.Optional;
import java.util.Set;

/**
 * The installed applications as the rest of the emulator sees them: the request path resolves their access tokens
 * here ({@link TokenResolver}), and event delivery asks here for their scopes and the auth block of a delivery
 * ({@link Applications}).
 */
public final class AppDirectory implements TokenResolver, Applications {
    /** A token of an application the portal no longer has (the server's oauth/auth.php check of the app row). */
    static final RestError APPLICATION_NOT_FOUND = new RestError(401, "APPLICATION_NOT_FOUND", "Application not found");
    private final PortalRegistry portals;
    private final OAuthServer oauth;

    public AppDirectory(PortalRegistry portals, OAuthServer oauth) {
        this.portals = portals;
        this.oauth = oauth;
    }

    @Override
    public Resolution resolve(String accessToken) {
        OAuthServer.Grant gone = oauth.orphaned(accessToken).orElse(null);
        if (gone != null) {
            return new Resolution(departed(gone, accessToken), APPLICATION_NOT_FOUND);
        }
        OAuthServer.Grant revoked = oauth.revoked(accessToken).orElse(null);
        if (revoked != null) {
            return new Resolution(departed(revoked, accessToken), RestError.invalidToken());
        }
        OAuthServer.Grant grant = oauth.access(accessToken).orElse(null);
        Portal portal = grant == null ? null : portals.get(grant.portalId()).orElse(null);
        App app = portal == null ? null : portal.store(AppStore.class).byClientId(grant.clientId()).orElse(null);
        if (app == null) {
            return new Resolution(null, RestError.invalidToken());
        }
        Caller caller = new Caller(portal, grant.userId(), Caller.AuthType.OAUTH, app.appKey(), app.clientId(),
                Caller.fingerprint(accessToken), app.scopes());
        return portal.now().isAfter(grant.expiresAt()) ? new Resolution(caller, RestError.expiredToken())
                : new Resolution(caller, null);
    }

    /**
     * The caller a refused token of a deleted application or a revoked token stands for, so the refusal is journaled
     * on its portal under its client_id (the conformance kit's lifecycle rule reads it); null when the portal is gone.
     */
    private Caller departed(OAuthServer.Grant grant, String accessToken) {
        Portal portal = portals.get(grant.portalId()).orElse(null);
        return portal == null ? null : new Caller(portal, grant.userId(), Caller.AuthType.OAUTH, "", grant.clientId(),
                Caller.fingerprint(accessToken), Set.of());
    }

    /** An application not yet through installFinish, or whose payment ran out, gets no events (installation-finish.md). */
    @Override
    public Optional<Set<String>> scopes(Portal portal, String appKey) {
        return portal.store(AppStore.class).byAppKey(appKey)
                .filter(app -> app.eventsWithheld(portal.now()).isEmpty())
                .map(App::scopes);
    }

    /** The auth block of a delivery (_includes/auth-params-in-events.md); every value a string. */
    @Override
    public ObjectNode auth(Portal portal, String appKey, long userId, Endpoints endpoints, Handout handout) {
        App app = app(portal, appKey);
        if (userId <= 0) { // Sender: LOCAL_USER 0, so no token is issued for anyone
            return EventPublisher.tokenlessAuth(portal, app.applicationToken(), endpoints);
        }
        OAuthServer.Tokens tokens = handout == Handout.INSTALLATION_PAIR ? oauth.issue(portal, app, userId)
                : oauth.forDelivery(portal, app, userId, handout == Handout.PAIR);
        ObjectNode auth = auth(portal, app, userId, endpoints, tokens, app.applicationToken());
        if (handout == Handout.ACCESS_TOKEN) {
            auth.remove("refresh_token");
        }
        return auth;
    }

    @Override
    public ObjectNode forgedAuth(Portal portal, String appKey, long userId, Endpoints endpoints) {
        OAuthServer.Tokens made = new OAuthServer.Tokens(RandomHex.of(16), RandomHex.of(16),
                portal.now().plus(OAuthServer.ACCESS_LIFETIME), OAuthServer.ACCESS_LIFETIME.toSeconds());
        return auth(portal, app(portal, appKey), userId, endpoints, made, RandomHex.of(16));
    }

    private static App app(Portal portal, String appKey) {
        return portal.store(AppStore.class).byAppKey(appKey).orElseThrow(() ->
                new IllegalStateException("No application " + appKey + " on portal " + portal.id()));
    }

    private static ObjectNode auth(Portal portal, App app, long userId, Endpoints endpoints, OAuthServer.Tokens tokens,
                                   String applicationToken) {
        Endpoints announced = portal.endpoints(endpoints); // its Bitrix24 domain, if it has one
        ObjectNode auth = JsonNodeFactory.instance.objectNode();
        auth.put("access_token", tokens.accessToken());
        auth.put("expires", Long.toString(tokens.expiresAt().getEpochSecond()));
        auth.put("expires_in", Long.toString(tokens.expiresIn()));
        auth.put("scope", app.scopeList());
        auth.put("domain", announced.domain());
        auth.put("server_endpoint", announced.serverEndpoint());
        auth.put("status", app.status());
        auth.put("client_endpoint", announced.clientEndpoint());
        auth.put("member_id", portal.memberId());
        auth.put("user_id", Long.toString(userId));
        auth.put("refresh_token", tokens.refreshToken());
        auth.put("application_token", applicationToken);
        return auth;
    }
}
