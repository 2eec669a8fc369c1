package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.portal.Portal;

import java.util.Optional;

/**
 * The portal's outgoing line, which built-in telephony keeps (voximplant.line.outgoing.set), declared here so
 * telephony depends on no area above it: a click that names no line goes where the portal's calls go (D39).
 */
public interface OutgoingLine {
    /** The line set as the portal's outgoing one, if one is. */
    Optional<String> of(Portal portal);
}
