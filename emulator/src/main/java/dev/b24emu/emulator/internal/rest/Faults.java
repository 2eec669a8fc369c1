package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.transport.RestExchange;
import dev.b24emu.emulator.internal.transport.Stage;

/**
 * Faults injected through the control API: the first that fires for the method drops the connection, or holds the
 * answer back ({@link #inject}), and answers its error once the latency is over ({@link #answer}).
 */
final class Faults {
    private Faults() {
    }

    static Stage inject() {
        return exchange -> {
            Caller caller = exchange.principal();
            Fault fault = caller.portal().store(FaultStore.class).fire(exchange.method()).orElse(null);
            if (fault == null) {
                return;
            }
            exchange.note(Fault.class, fault);
            if (fault.drop()) {
                exchange.dropConnection();
            } else if (fault.latencyMillis() > 0) {
                exchange.delayBy(fault.latencyMillis());
            }
        };
    }

    static Stage answer() {
        return exchange -> {
            Fault fault = exchange.note(Fault.class);
            if (fault != null && fault.error() != null) {
                throw new RestError(fault.status(), fault.error(), fault.description());
            }
        };
    }

    /** The journal's code for a request whose connection a fault dropped. */
    static String dropCode(RestExchange exchange) {
        Fault fault = exchange.note(Fault.class);
        return fault != null && fault.drop() ? "FAULT_DROPPED_CONNECTION" : null;
    }
}
