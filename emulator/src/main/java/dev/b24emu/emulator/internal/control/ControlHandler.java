package dev.b24emu.emulator.internal.control;

/** One control endpoint: reads the request, does the task, returns the answer (a record, a list or a JsonNode). */
@FunctionalInterface
public interface ControlHandler {
    Object handle(ControlRequest request);
}
