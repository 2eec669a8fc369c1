package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.portal.Portal;

/**
 * Whether a caller's user may still sign in. Declared here and implemented with the users area, so the request path
 * refuses a deactivated employee's webhook and tokens without knowing how users are kept.
 */
@FunctionalInterface
public interface UserStatus {
    /** True for a user the portal knows and has deactivated; an unknown user is left to the methods. */
    boolean inactive(Portal portal, long userId);
}
