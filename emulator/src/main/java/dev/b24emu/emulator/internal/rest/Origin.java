package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.transport.Endpoints;

import java.util.function.Supplier;

/**
 * Who caused a change, as the events it produces need to know: a REST call, the control API, or the portal itself
 * (a call it placed on a click).
 *
 * @param actingUserId  the user whose action it was (deliveries carry this user's token unless a handler names one)
 * @param appKey        the application whose token made the call, or null (an incoming webhook, the control API, the
 *                      portal itself): its offline handlers do not hear of its own change (ProviderOffline)
 * @param authConnector the source key of the request (auth_connector: offline handlers with the same key skip the
 *                      echo of their own change), or null
 * @param endpoints     the address of the request that caused it (the auth block's domain and client_endpoint)
 * @param hit           the REST request it is part of (its events go to each handler once), or null outside REST
 */
public record Origin(long actingUserId, String appKey, String authConnector, Endpoints endpoints, Hit hit) {
    /** A REST call's origin: its user, its application, its auth_connector and the address it came to. */
    public static Origin of(RestCall call) {
        String appKey = call.caller().appKey();
        return new Origin(call.userId(), appKey == null || appKey.isEmpty() ? null : appKey,
                call.params().text("auth_connector").orElse(null), call.endpoints(), call.hit());
    }

    /** A change a user made outside REST (Bitrix24's own pages, as the control API plays them; the portal itself). */
    public static Origin user(long userId, Endpoints endpoints) {
        return new Origin(userId, null, null, endpoints, null);
    }

    /**
     * A hit no user made: the telephony cloud calling the portal's controller about a call it runs (Sender's
     * LOCAL_USER is then 0, so deliveries carry no token unless a handler was bound with auth_type, D156).
     */
    public static Origin noUser(Endpoints endpoints) {
        return new Origin(0, null, null, endpoints, null);
    }

    /**
     * Whether an online handler or outgoing webhook gets this delivery: the request's first of its kind (a change
     * outside REST sends each of its events).
     */
    public boolean firstInHit(Supplier<String> delivery) {
        return hit == null || hit.first(delivery.get()); // the key only built when there is a hit to check
    }

    /** A change the portal makes itself on behalf of this one (a notice of it), in the same hit. */
    public Origin portalNotice() {
        return new Origin(actingUserId, null, null, endpoints, hit);
    }

    /**
     * Whether an offline handler of this application and source key records the change: not when the change is the
     * application's own request with the handler's source key (ProviderOffline::finalize: client_id and
     * auth_connector, "" when not given, both the handler's), so a connector does not read back what it wrote. With
     * {@code ownUnkeyed} (offline-events.md's reading) a request without a key is recorded whatever the handler's.
     */
    public boolean recordsFor(String handlerAppKey, String handlerConnector, boolean ownUnkeyed) {
        String key = authConnector == null ? "" : authConnector;
        if (appKey == null || !appKey.equals(handlerAppKey) || (ownUnkeyed && key.isEmpty())) {
            return true;
        }
        return !key.equals(handlerConnector == null ? "" : handlerConnector);
    }
}
