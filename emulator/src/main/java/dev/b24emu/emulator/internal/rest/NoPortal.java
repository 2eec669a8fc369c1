package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.transport.RestExchange;

/**
 * Why a refused request named no portal: its credentials are none this emulator issued, or another portal's. Such a
 * request is answered as the real server answers it (NO_AUTH_FOUND, invalid_token) and, without this, left no trace
 * but the client's own log; the emulator-wide journal of such requests keeps it with this explanation, which is never
 * sent to the client (a real portal says no more than its error).
 *
 * @param auth       how the request tried to authenticate: "webhook", "oauth" or "none"
 * @param credential the token's fingerprint ({@link Caller#fingerprint}), null without one: never the token itself
 * @param why        what was wrong with its credentials, in a developer's terms
 */
record NoPortal(String auth, String credential, String why) {
    /** The webhook user of a known token was not the path's, or its portal was not the domain's, or it is unknown. */
    static NoPortal explain(RestExchange exchange, PortalRegistry portals, RestError refusal, Portal otherDomains) {
        boolean webhook = exchange.path().isWebhook();
        String token = webhook ? exchange.path().token() : exchange.authToken();
        String auth = webhook ? "webhook" : token == null || token.isBlank() ? "none" : "oauth";
        String credential = auth.equals("none") ? null : Caller.fingerprint(token);
        if (MagicCredentials.isMagic(token)) {
            return new NoPortal(auth, credential, "the reserved credential " + token + ", answered " + refusal.code()
                    + " as a real portal answers that situation");
        }
        if (otherDomains != null) {
            return new NoPortal(auth, credential, "credentials of portal '" + otherDomains.id() + "' sent to the domain of another"
                    + " portal (" + exchange.endpoints().host() + "): each portal answers only its own");
        }
        if (auth.equals("none")) {
            return new NoPortal(auth, credential, "no credentials: neither a webhook path (/rest/{user}/{token}/{method}) nor an"
                    + " auth or access_token parameter");
        }
        if (webhook) {
            return portals.byWebhookToken(token)
                    .map(portal -> new NoPortal(auth, credential, "the webhook token of portal '" + portal.id() + "', whose webhook"
                            + " user is " + portal.webhook().userId() + ", not " + exchange.path().userId()
                            + ": its URL is /rest/" + portal.webhook().userId() + "/<the token>/"))
                    .orElseGet(() -> new NoPortal(auth, credential, portals.goneWith(token)
                            .map(how -> "the webhook token of " + how + ": its calls are answered as unknown credentials")
                            .orElse("no portal of this emulator has this webhook token: each portal's webhook URL is in"
                                    + " GET /_emulator/portals and on its dashboard")));
        }
        return new NoPortal(auth, credential, "an access token no portal of this emulator has issued, or one it has forgotten"
                + " (a reset, a restart without a state file, a deleted portal): tokens come from an installation and"
                + " from /oauth/token/");
    }
}
