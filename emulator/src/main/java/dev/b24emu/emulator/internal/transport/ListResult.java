package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;

/** A page of a list method: the envelope carries "next" (when more remain) and "total" beside "result". */
public record ListResult(JsonNode items, Integer next, int total) {
}
