package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.Endpoints;
import dev.b24emu.emulator.internal.transport.Params;

import java.util.function.Consumer;

/**
 * One call of a REST method as its handler sees it: who calls, with which parameters, at which address, and a way to
 * report what the call did that the contract rules out but the real server accepts.
 */
public record RestCall(Caller caller, Params params, Endpoints endpoints, Consumer<String> warnings) {
    public Portal portal() {
        return caller.portal();
    }

    public long userId() {
        return caller.userId();
    }

    public void warn(String warning) {
        warnings.accept(warning);
    }
}
