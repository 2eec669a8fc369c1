package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.transport.RestExchange;
import dev.b24emu.emulator.internal.transport.Stage;

/** Runs the method the exchange was resolved to, with the caller and the decoded parameters. */
final class Invoke implements Stage {
    @Override
    public void apply(RestExchange exchange) {
        MethodTable.Method method = exchange.handler();
        Caller caller = exchange.principal();
        try {
            exchange.result(method.body().call(new RestCall(caller, new Params(exchange.params()),
                    exchange.endpoints(), exchange.clientAddress(), exchange::warn, exchange::notice,
                    exchange.style().start(), new Hit())));
        } catch (RestError failure) {
            if (caller.portal().deleted()) {
                // the portal went while the call ran, emptied under it: what a call reaching it now is answered
                // (a register refused with "User is not found" would not be retried where this is)
                throw caller.isWebhook() ? RestError.noAuthFound() : RestError.invalidToken();
            }
            throw failure;
        }
    }
}
