package dev.b24emu.emulator.internal.portal;

/** A state document (PUT …/state, --state-file) that cannot be restored: the message names the path of the bad value. */
public final class StateException extends RuntimeException {
    public StateException(String message) {
        super(message, null, false, false);
    }
}
