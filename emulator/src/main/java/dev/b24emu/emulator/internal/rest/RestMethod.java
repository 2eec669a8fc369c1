package dev.b24emu.emulator.internal.rest;

/** A REST method's body: takes the call, returns the "result" (a JsonNode, a record, or a ListResult). */
@FunctionalInterface
public interface RestMethod {
    Object call(RestCall call);
}
