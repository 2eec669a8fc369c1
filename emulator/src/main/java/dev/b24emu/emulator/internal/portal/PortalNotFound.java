package dev.b24emu.emulator.internal.portal;

/** A portal ID that names no portal (control API: 404 PORTAL_NOT_FOUND). */
public final class PortalNotFound extends RuntimeException {
    public PortalNotFound(String id) {
        super("No portal with id " + id, null, false, false);
    }
}
