package dev.b24emu.emulator.internal.portal;

/** A seed that cannot be read: the message names the field and what is wrong with it. */
public final class SeedException extends RuntimeException {
    public SeedException(String message) {
        super(message, null, false, false);
    }
}
