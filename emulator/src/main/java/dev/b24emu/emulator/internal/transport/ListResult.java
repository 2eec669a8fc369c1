package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A page of a list method: the envelope carries "next" (when more remain) and "total" beside "result"; a negative
 * total ({@link #NOT_COUNTED}) leaves "total" out (start = -1, settings/performance/huge-data.md).
 */
public record ListResult(JsonNode items, Integer next, int total) {
    public static final int NOT_COUNTED = -1;
}
