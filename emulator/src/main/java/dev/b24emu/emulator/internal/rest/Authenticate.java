package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.transport.RestExchange;
import dev.b24emu.emulator.internal.transport.Stage;

/**
 * Who is calling: a webhook path (/rest/{user}/{token}/) or an OAuth token (auth / access_token). Sets the caller,
 * the portal's answer style, and looks the method up, since the real server answers an unknown method 404 before it
 * looks at credentials.
 */
final class Authenticate implements Stage {
    private final PortalRegistry portals;
    private final TokenResolver tokens;
    private final MethodTable methods;
    private final UserStatus users;

    Authenticate(PortalRegistry portals, TokenResolver tokens, MethodTable methods, UserStatus users) {
        this.portals = portals;
        this.tokens = tokens;
        this.methods = methods;
        this.users = users;
    }

    @Override
    public void apply(RestExchange exchange) {
        if (exchange.principal() != null) {
            return; // already judged from the URL before the body was read
        }
        Resolution resolution = resolve(exchange);
        if (resolution.caller() != null) {
            accept(exchange, resolution.caller());
        } else if (resolution.refusal() != null) {
            noPortal(exchange, resolution);
        }
        if (resolution.refusal() != null) {
            throw unknownMethodFirst(exchange, resolution.refusal());
        }
    }

    /**
     * The stage that runs before the body is read: it judges credentials the URL carries (a webhook path, or auth in
     * the query string) and refuses what it can; an expired token is left to the full path, which journals it.
     */
    Stage beforeBody() {
        return exchange -> {
            if (!exchange.path().isWebhook() && (exchange.authToken() == null || exchange.authToken().isBlank())) {
                return;
            }
            Resolution resolution = resolve(exchange);
            if (resolution.refusal() == null) {
                accept(exchange, resolution.caller());
            } else if (resolution.caller() == null) {
                noPortal(exchange, resolution);
                throw unknownMethodFirst(exchange, resolution.refusal());
            }
        };
    }

    /** @param otherDomains the portal whose credentials came to another portal's domain, else null */
    private record Resolution(Caller caller, RestError refusal, Portal otherDomains) {
        Resolution(Caller caller, RestError refusal) {
            this(caller, refusal, null);
        }
    }

    private void noPortal(RestExchange exchange, Resolution resolution) {
        exchange.note(NoPortal.class, NoPortal.explain(exchange, portals, resolution.refusal(), resolution.otherDomains()));
    }

    /**
     * Right credentials of a deactivated user, or of one the portal does not have (a webhookUserId, an auth_type or
     * a token's user naming nobody), are refused as the real portal refuses a user it cannot authorize (D100): a
     * token minted for an event bound with auth_type 999 worked for CRM and telephony (audit 60a).
     */
    private Resolution resolve(RestExchange exchange) {
        Resolution resolution = credentials(exchange);
        Caller caller = resolution.caller();
        if (caller != null && anotherPortalsDomain(exchange, caller.portal())) {
            // each portal is its own server: another portal's credentials are unknown at this one's domain
            return new Resolution(null, exchange.path().isWebhook() ? RestError.noAuthFound() : RestError.invalidToken(),
                    caller.portal());
        }
        if (resolution.refusal() == null && caller != null && caller.portal().settings().refuseInactiveUsers()) {
            UserStatus.State state = users.of(caller.portal(), caller.userId());
            if (state == UserStatus.State.UNKNOWN && exchange.warnings().stream().noneMatch(w -> w.startsWith(
                    "User " + caller.userId() + ", whose "))) { // credentials are judged before the body and after it
                exchange.warn("User " + caller.userId() + ", whose " + (exchange.path().isWebhook() ? "webhook" : "token")
                        + " this is, is not a user of portal " + caller.portal().id() + ": a portal cannot authorize"
                        + " a user it does not have (add the user to the portal's seed or with POST /_emulator/portals/"
                        + caller.portal().id() + "/users)");
            }
            if (state != UserStatus.State.ACTIVE) {
                return new Resolution(caller, RestError.authorizationError());
            }
        }
        return resolution;
    }

    /** Whether the request came (through the proxy) to the domain of a portal other than the caller's. */
    private boolean anotherPortalsDomain(RestExchange exchange, Portal portal) {
        String host = exchange.endpoints().host();
        return !host.equals(portal.domain()) && !host.equals("localhost") && !host.isEmpty()
                && Character.isLetter(host.charAt(host.length() - 1)) && portals.byDomain(host).isPresent();
    }

    private Resolution credentials(RestExchange exchange) {
        RestError magic = MagicCredentials.refusal(exchange, portals).orElse(null);
        if (magic != null) {
            return new Resolution(null, magic);
        }
        if (exchange.path().isWebhook()) {
            Portal portal = portals.byWebhookToken(exchange.path().token()).orElse(null);
            if (portal == null || !Long.toString(portal.webhook().userId()).equals(exchange.path().userId())) {
                return new Resolution(null, RestError.noAuthFound());
            }
            if (exchange.foreignPage() != null && exchange.path().token().equals(PortalRegistry.DEMO_TOKEN)) {
                // every web page knows the token, and /rest/ answers CORS to any origin: a site open in the
                // developer's browser read and wrote the portal (audit 49d)
                return new Resolution(null, new RestError(401, "NO_AUTH_FOUND", "The demo webhook token answers"
                        + " programs and this machine's pages, not a page of " + exchange.foreignPage() + " (D205):"
                        + " start the emulator with --webhook-token, or --allowed-origin for that page"));
            }
            return new Resolution(new Caller(portal, portal.webhook().userId(), Caller.AuthType.WEBHOOK, "", null,
                    Caller.fingerprint(exchange.path().token()), portal.webhook().scopes()), null);
        }
        String token = exchange.authToken();
        if (token == null || token.isBlank()) {
            return new Resolution(null, RestError.noAuthFound());
        }
        TokenResolver.Resolution resolved = tokens.resolve(token);
        return new Resolution(resolved.caller(), resolved.refusal());
    }

    private static void accept(RestExchange exchange, Caller caller) {
        Portal portal = caller.portal();
        exchange.principal(caller);
        exchange.tenant(portal.id());
        exchange.style(new RestExchange.Style(portal.now(), portal.settings().timeZone(),
                portal.settings().emptyErrorCode()));
    }

    /** The real server looks the method up before the credentials: an unknown method is 404 whoever asks. */
    private RestError unknownMethodFirst(RestExchange exchange, RestError refusal) {
        if (refusal.httpStatus() == 302 || "PORTAL_DELETED".equals(refusal.code())) {
            return refusal; // the portal's own state comes before any method (CRestServer::init)
        }
        return methods.find(exchange.method(), exchange.path().v3()).isEmpty()
                ? RestError.methodNotFound(exchange.path()) : refusal;
    }
}
