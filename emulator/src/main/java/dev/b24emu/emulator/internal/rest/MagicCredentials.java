package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalRegistry;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.transport.RestExchange;

import java.util.Map;
import java.util.Optional;

/**
 * Credentials every portal answers with a situation a real account cannot easily produce (README, "Magic
 * credentials"; specs/DECISIONS.md D112-D113): each works as a webhook token ({@code /rest/{any user}/{token}/method})
 * and as an OAuth token ({@code auth=token}), and answers what the real server answers in that situation.
 */
public final class MagicCredentials {
    public static final String FIRED_USER = "b24emu-fired-user";
    public static final String APP_NOT_INSTALLED = "b24emu-app-not-installed";
    public static final String PAYMENT_REQUIRED = "b24emu-payment-required";
    public static final String PORTAL_MOVED = "b24emu-portal-moved";
    public static final String PORTAL_DELETED = "b24emu-portal-deleted";

    /** The refusals: the real server's codes and texts (lifecycle notes §5). */
    private static final Map<String, RestError> REFUSALS = Map.of(
            FIRED_USER, RestError.authorizationError(),
            APP_NOT_INSTALLED, new RestError(401, "APPLICATION_NOT_FOUND", "Application not found"),
            PAYMENT_REQUIRED, paymentRequired(),
            PORTAL_DELETED, new RestError(403, "PORTAL_DELETED", "Portal was deleted"));

    private MagicCredentials() {
    }

    /** The trial or paid period is over (settings/oauth/error-codes.md); 401 as the portal relays the check (D112). */
    public static RestError paymentRequired() {
        return new RestError(401, "PAYMENT_REQUIRED", "Payment required");
    }

    public static boolean isMagic(String token) {
        return token != null && (REFUSALS.containsKey(token) || PORTAL_MOVED.equals(token));
    }

    /** What the credential of the exchange answers, or empty when it is not a magic one. */
    static Optional<RestError> refusal(RestExchange exchange, PortalRegistry portals) {
        String token = exchange.path().isWebhook() ? exchange.path().token() : exchange.authToken();
        if (!isMagic(token)) {
            return Optional.empty();
        }
        if (!PORTAL_MOVED.equals(token)) {
            return Optional.of(REFUSALS.get(token));
        }
        return Optional.of(RestError.moved(movedLocation(exchange, portals)));
    }

    /**
     * The new address of a moved portal: the same call on the emulator's other host name; a webhook call is sent
     * to the default portal's webhook there when that is the well-known demo token, so a client that follows the
     * redirect gets a real answer. Any other token stays out of it: a redirect anyone may ask for gave away the
     * random webhook token of an emulator reachable beyond loopback (an administrator's REST access), and a page of
     * any local origin could read it; the path then keeps the magic token, which redirects again.
     */
    private static String movedLocation(RestExchange exchange, PortalRegistry portals) {
        String base = exchange.endpoints().movedTo().baseUrl();
        String prefix = exchange.path().v3() ? "/rest/api/" : "/rest/";
        String path;
        if (exchange.path().isWebhook()) {
            Portal portal = portals.get(PortalRegistry.DEFAULT_ID).orElse(null);
            path = portal == null || !PortalRegistry.DEMO_TOKEN.equals(portal.webhook().token())
                    ? prefix + exchange.path().userId() + "/" + PORTAL_MOVED + "/" + exchange.path().method()
                    : prefix + portal.webhook().userId() + "/" + portal.webhook().token() + "/" + exchange.path().method();
        } else {
            path = prefix + exchange.path().method();
        }
        return base + path + (exchange.query() == null || exchange.query().isEmpty() ? "" : "?" + exchange.query());
    }
}
