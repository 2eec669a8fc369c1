package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.portal.Portal;

/**
 * Whether a caller's user may sign in. Declared here and implemented with the users area, so the request path
 * refuses a deactivated employee's webhook and tokens, and those of a user the portal does not have, without knowing
 * how users are kept.
 */
@FunctionalInterface
public interface UserStatus {
    enum State { ACTIVE, INACTIVE, UNKNOWN }

    State of(Portal portal, long userId);
}
