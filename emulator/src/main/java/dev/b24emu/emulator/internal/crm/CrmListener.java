package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.internal.portal.Portal;

/**
 * Hears of every change to a portal's CRM objects once it is made (the events area sends the CRM events from it).
 * Seeds and restored state files are no changes: they set a portal up.
 */
public interface CrmListener {
    CrmListener NONE = (portal, change) -> { };

    void changed(Portal portal, CrmChange change);
}
