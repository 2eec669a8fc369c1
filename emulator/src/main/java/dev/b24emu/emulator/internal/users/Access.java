package dev.b24emu.emulator.internal.users;

import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.transport.RestError;

/** The checks of methods reserved for applications, and for administrators among their users. */
public final class Access {
    private Access() {
    }

    /** A webhook gets 403 WRONG_AUTH_TYPE with the standard text. */
    public static void requireApplication(Caller caller) {
        if (caller.isWebhook()) {
            throw RestError.wrongAuthType();
        }
    }

    /** A webhook gets 403 WRONG_AUTH_TYPE with the method's own text. */
    public static void requireApplication(Caller caller, String message) {
        if (caller.isWebhook()) {
            throw new RestError(403, "WRONG_AUTH_TYPE", message);
        }
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
