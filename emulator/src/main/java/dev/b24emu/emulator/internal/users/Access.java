package dev.b24emu.emulator.internal.users;

import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.transport.RestError;

/**
 * The checks of methods reserved for administrators. That a method is for applications only is declared in its
 * contract and checked before it runs (rest's Authorize).
 */
public final class Access {
    private Access() {
    }

    /** Whether the caller's user is a portal administrator. */
    public static boolean isAdmin(Caller caller) {
        return caller.portal().store(UserStore.class).get(caller.userId()).filter(User::admin).isPresent();
    }

    /** A user who is not a portal administrator gets 403 ACCESS_DENIED with the method's text. */
    public static void requireAdmin(Caller caller, String message) {
        if (!isAdmin(caller)) {
            throw new RestError(403, "ACCESS_DENIED", message);
        }
    }
}
