package dev.b24emu.emulator.internal.transport;

/** Checks a call's parameters before the method runs; throws the RestError the real server would answer. */
@FunctionalInterface
public interface RequestValidator {
    RequestValidator NONE = (caller, method, params) -> { };

    void check(Caller caller, String method, Params params);
}
