package dev.b24emu.emulator.internal.users;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;

/**
 * Hears of a user who joined the portal: logged in for the first time and completed the registration, which is when
 * Bitrix24 sends ONUSERADD (not at the invitation). The events area implements it.
 */
public interface UserListener {
    UserListener NONE = (portal, user, origin) -> { };

    void registered(Portal portal, User user, Origin origin);
}
