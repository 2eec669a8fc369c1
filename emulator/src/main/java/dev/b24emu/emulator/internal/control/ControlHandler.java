package dev.b24emu.emulator.internal.control;

/**
 * One control endpoint: reads the request, does the task, returns the answer (a record, a list or a JsonNode; or a
 * Vert.x {@code Future} of one when the answer waits for something outside the emulator, such as a handler's reply).
 */
@FunctionalInterface
public interface ControlHandler {
    Object handle(ControlRequest request);
}
