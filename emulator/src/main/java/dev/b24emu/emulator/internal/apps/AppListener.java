package dev.b24emu.emulator.internal.apps;

import dev.b24emu.emulator.internal.portal.Portal;

/**
 * What other areas do when an application is deleted, declared here so apps depends on none of them: placements
 * removes its widget handlers ("Handlers are removed together with the application", widgets/index.md).
 */
public interface AppListener {
    /** The application was deleted from the portal (its event handlers and tokens are gone already). */
    void uninstalled(Portal portal, String appKey);
}
