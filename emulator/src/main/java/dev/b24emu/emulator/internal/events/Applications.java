package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Endpoints;

import java.util.Optional;
import java.util.Set;

/**
 * What event delivery needs to know of an installed application. Declared here and implemented by the applications
 * area, so events do not depend on how applications are installed or authorised.
 */
public interface Applications {
    /** The application's scopes, or empty when it is not (or no longer) installed on the portal. */
    Optional<Set<String>> scopes(Portal portal, String appKey);

    /** Which tokens a delivery hands out (D94, D207). */
    enum Handout {
        /** the access token alone: a pair no receiver can spend, shared by the deliveries of a minute */
        ACCESS_TOKEN,
        /** a pair of the delivery's own, refresh token and all */
        PAIR,
        /** ONAPPINSTALL's pair, which the application keeps as its own, as the install callback's */
        INSTALLATION_PAIR
    }

    /**
     * The auth block of a delivery to one of its handlers, acting as the user (_includes/auth-params-in-events.md);
     * with no user (0: a hit no user made, and a handler bound without auth_type) a block without tokens (D156).
     */
    ObjectNode auth(Portal portal, String appKey, long userId, Endpoints endpoints, Handout handout);

    /**
     * The same block as an impostor would fill it: the application's and user's public values, with access, refresh
     * and application tokens nobody issued (none is minted for it).
     */
    ObjectNode forgedAuth(Portal portal, String appKey, long userId, Endpoints endpoints);
}
