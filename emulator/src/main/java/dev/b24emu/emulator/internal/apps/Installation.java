package dev.b24emu.emulator.internal.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.events.EventPublisher;
import dev.b24emu.emulator.internal.outbound.Outbound;
import dev.b24emu.emulator.internal.outbound.SelfGuard;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.RandomHex;
import dev.b24emu.emulator.internal.transport.FormCodec;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.Urls;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Installs an application on a portal, as an administrator does in the Bitrix24 UI: the application gets its
 * REST_APP_ID, an application_token and a first token pair for the installing user, and ONAPPINSTALL goes to its
 * handler URL. Installing the same client_id again updates the application and issues new tokens.
 */
public final class Installation {

    private final OAuthServer oauth;
    private final EventPublisher publisher;
    private final Outbound outbound;
    private final SelfGuard self;

    public Installation(OAuthServer oauth, EventPublisher publisher, Outbound outbound, SelfGuard self) {
        this.oauth = oauth;
        this.publisher = publisher;
        this.outbound = outbound;
        this.self = self;
    }

    /** The statuses of app.info: local, free, demo, trial, paid, subscription. */
    static final Set<String> STATUSES = Set.of("L", "F", "D", "T", "P", "S");

    /**
     * Body of POST /_emulator/portals/{id}/apps: clientId, clientSecret, scopes, and optionally handlerUrl (the
     * installation callback of an API-only application), installUrl (a wizard: the portal opens it with the page
     * form, and the application is not installed until installFinish), redirectUri (authorization code), name,
     * userId, version, status and days (the trial or paid period); a bad value is an IllegalArgumentException naming it.
     */
    public ObjectNode install(Portal portal, JsonNode spec, Endpoints endpoints) {
        String clientId = required(spec, "clientId");
        String clientSecret = required(spec, "clientSecret");
        JsonNode scopeList = spec.get("scopes");
        if (scopeList == null || !scopeList.isArray()) {
            throw new IllegalArgumentException("scopes must be an array such as [\"telephony\", \"crm\"]");
        }
        Set<String> scopes = new LinkedHashSet<>();
        scopeList.forEach(s -> scopes.add(s.asText()));
        String handlerUrl = url(spec, "handlerUrl");
        String installUrl = url(spec, "installUrl");
        String redirectUri = url(spec, "redirectUri");
        int version = spec.hasNonNull("version") ? spec.get("version").asInt() : 1;
        String status = spec.hasNonNull("status") ? spec.get("status").asText() : "L";
        if (version < 1 || !STATUSES.contains(status)) {
            throw new IllegalArgumentException("version must be a positive integer and status one of L, F, D, T, P, S");
        }
        java.time.Instant paidUntil = spec.hasNonNull("days") ? portal.now().plus(java.time.Duration.ofDays(
                spec.get("days").asLong())) : null;
        User user = activeUser(portal, spec.hasNonNull("userId") ? spec.get("userId").asLong() : portal.webhook().userId());
        App app = portal.exclusive(() -> {
            App existing = portal.store(AppStore.class).byClientId(clientId).orElse(null);
            if (existing == null) { // a reinstallation replaces the application it installs again
                ConfigBound.admit(portal, portal.store(AppStore.class).all(), spec, "applications");
            }
            App installed = new App(existing == null ? portal.store(AppStore.class).nextAppKey() : existing.appKey(), clientId,
                    clientSecret, spec.hasNonNull("name") ? spec.get("name").asText() : clientId, scopes, handlerUrl,
                    existing == null ? RandomHex.of(16) : existing.applicationToken(), user.id(), version, status,
                    installUrl != null, installUrl, redirectUri, paidUntil);
            portal.store(AppStore.class).put(installed);
            return installed;
        });
        oauth.reinstalled(portal.id(), clientId);
        OAuthServer.Tokens tokens = oauth.issue(portal, app, user.id());
        if (installUrl != null) {
            AppPage page = AppPage.open(portal, app, installUrl, "DEFAULT", "{}", tokens, endpoints);
            outbound.post(portal, "INSTALL", 0, page.url(), "application/x-www-form-urlencoded",
                    FormCodec.encode(page.form()), page.form());
        } else if (handlerUrl != null) {
            publisher.installed(portal, app.appKey(), app.version(), handlerUrl, user.id(), endpoints);
        }
        // the control API's answer: the authorization server's, plus the application's IDs a test needs next
        return tokenResponse(portal, app, user.id(), tokens, endpoints)
                .put("application_token", app.applicationToken()).put("app_id", app.appKey());
    }

    /** The token response of the authorization server (settings/oauth/auto-renewal.md): its eleven keys (D164). */
    public static ObjectNode tokenResponse(Portal portal, App app, long userId, OAuthServer.Tokens tokens,
                                           Endpoints endpoints) {
        Endpoints announced = portal.endpoints(endpoints); // its Bitrix24 domain, if it has one
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("access_token", tokens.accessToken());
        body.put("client_endpoint", announced.clientEndpoint());
        body.put("domain", announced.domain());
        body.put("expires", tokens.expiresAt().getEpochSecond());
        body.put("expires_in", tokens.expiresIn());
        body.put("member_id", portal.memberId());
        body.put("refresh_token", tokens.refreshToken());
        body.put("scope", app.scopeList());
        body.put("server_endpoint", announced.serverEndpoint());
        body.put("status", app.status());
        body.put("user_id", userId);
        return body;
    }

    /** The user an application acts as: an active user of the portal, or a 400 saying so. */
    public static User activeUser(Portal portal, long userId) {
        return portal.store(UserStore.class).requireActive(userId, "userId");
    }

    private String url(JsonNode spec, String name) {
        String url = spec.hasNonNull(name) ? spec.get(name).asText() : null;
        if (url != null && (!Urls.isHttp(url) || self.reachesEmulator(url))) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL outside the emulator itself (D204)");
        }
        return url;
    }

    private static String required(JsonNode spec, String name) {
        JsonNode value = spec.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.asText();
    }

}
