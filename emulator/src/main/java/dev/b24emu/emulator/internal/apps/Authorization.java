package dev.b24emu.emulator.internal.apps;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;

/**
 * Step 1 of the authorization-code flow (settings/oauth/index.md): a user of the portal consents for an installed
 * application, the portal issues a code living 30 seconds and sends the browser to the application's redirect URI
 * with code, state, domain, member_id, scope and server_domain. An application not installed on the portal ends on
 * the portal's error page, without a redirect.
 */
public final class Authorization {
    private final OAuthServer oauth;

    public Authorization(OAuthServer oauth) {
        this.oauth = oauth;
    }

    /**
     * The consent given.
     *
     * @param location the redirect URI with the parameters, or null when the application has none (the portal then
     *                 shows the code on its page)
     */
    public record Approval(String code, String state, String domain, String member_id, String scope,
                           String server_domain, String location) {
    }

    /**
     * The portal that has the application installed: the one whose domain the page was reached at (through the
     * proxy), else the default portal first, as it answers an unnamed host.
     */
    public static Optional<Portal> portalOf(PortalRegistry portals, String clientId, String host) {
        Optional<Portal> atDomain = portals.byDomain(host)
                .filter(p -> clientId != null && p.store(AppStore.class).byClientId(clientId).isPresent());
        if (atDomain.isPresent()) {
            return atDomain;
        }
        return portals.all().stream().filter(p -> clientId != null && p.store(AppStore.class).byClientId(clientId).isPresent())
                .min(Comparator.comparing((Portal p) -> !p.id().equals(PortalRegistry.DEFAULT_ID)).thenComparing(Portal::id));
    }

    public static App installed(Portal portal, String clientId) {
        return portal.store(AppStore.class).byClientId(clientId == null ? "" : clientId)
                .orElseThrow(() -> new RestError(400, "ERROR_OAUTH", "Application not installed"));
    }

    public Approval approve(Portal portal, String clientId, long userId, String state, Endpoints endpoints) {
        App app = installed(portal, clientId);
        Endpoints announced = portal.endpoints(endpoints); // its Bitrix24 domain, if it has one
        User user = portal.store(UserStore.class).get(userId).filter(User::active)
                .orElseThrow(() -> new IllegalArgumentException("userId must be an active user of the portal"));
        String code = oauth.issueCode(portal, app, user.id());
        String safeState = state == null ? "" : state;
        String location = app.redirectUri() == null ? null : app.redirectUri() + (app.redirectUri().contains("?") ? "&" : "?")
                + "code=" + encode(code) + "&state=" + encode(safeState) + "&domain=" + encode(announced.domain())
                + "&member_id=" + encode(portal.memberId()) + "&scope=" + encode(app.scopeList())
                + "&server_domain=" + encode(announced.serverDomain());
        return new Approval(code, safeState, announced.domain(), portal.memberId(), app.scopeList(),
                announced.serverDomain(), location);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
