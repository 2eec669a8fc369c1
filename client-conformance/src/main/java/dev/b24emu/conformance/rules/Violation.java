package dev.b24emu.conformance.rules;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One breach of a rule: what happened, the offending request or delivery as journaled (actual), and the nearest
 * shape that would have kept the rule (expected), so a report can show them side by side.
 *
 * @param seq the journal sequence number of the offending request or delivery, or 0 for the traffic as a whole
 */
public record Violation(String rule, String message, long seq, JsonNode actual, JsonNode expected) {
}
