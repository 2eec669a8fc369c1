package dev.b24emu.emulator.internal.transport;

/** A REST method's body: takes the caller and its parameters, returns the "result" (a JsonNode or a {@link ListResult}). */
@FunctionalInterface
public interface RestMethod {
    Object call(Caller caller, Params params);
}
