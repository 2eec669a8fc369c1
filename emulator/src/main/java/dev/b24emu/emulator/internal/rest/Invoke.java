package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestExchange;
import dev.b24emu.emulator.internal.transport.Stage;

/** Runs the method the exchange was resolved to, with the caller and the decoded parameters. */
final class Invoke implements Stage {
    @Override
    public void apply(RestExchange exchange) {
        MethodTable.Method method = exchange.handler();
        exchange.result(method.body().call(new RestCall(exchange.principal(), new Params(exchange.params()),
                exchange.endpoints(), exchange.clientAddress(), exchange::warn, exchange.style().start(), new Hit())));
    }
}
