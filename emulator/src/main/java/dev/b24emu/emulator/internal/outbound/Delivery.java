package dev.b24emu.emulator.internal.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One attempt to deliver an event (or another outbound POST) to a handler, as the delivery journal shows it.
 *
 * @param payload the form body as a parameter tree (what the handler decodes)
 * @param status  the handler's HTTP status, or 0 when there was no answer
 * @param error   why the attempt failed (connection refused, timeout, non-2xx), or null
 * @param forged  sent as an impostor would send it, not by the portal (a forged trigger): a handler should refuse it
 */
public record Delivery(long seq, String time, String portal, String event, long handlerId, String url,
                       ObjectNode payload, int attempt, int status, String error, long latencyMillis, boolean forged) {
}
