package dev.b24emu.conformance;

/** The kit could not do its part (the emulator or the driver failed); not a finding about the integration. */
public final class ConformanceException extends RuntimeException {
    public ConformanceException(String message) {
        super(message);
    }

    public ConformanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
