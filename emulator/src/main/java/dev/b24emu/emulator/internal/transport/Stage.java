package dev.b24emu.emulator.internal.transport;

/**
 * One step of the request pipeline (decode → authenticate → authorize → limits → faults → validate → call →
 * account). A stage reads and enriches the exchange, throws a {@link RestError} to answer with it, or asks the
 * pipeline to wait ({@link RestExchange#delayBy}) or to drop the connection ({@link RestExchange#dropConnection}).
 * Stages are supplied by the portal layer; the transport only runs them in order.
 */
@FunctionalInterface
public interface Stage {
    void apply(RestExchange exchange);
}
