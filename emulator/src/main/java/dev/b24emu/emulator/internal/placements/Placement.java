package dev.b24emu.emulator.internal.placements;

import com.fasterxml.jackson.databind.JsonNode;

/** A widget handler bound with placement.bind; it belongs to the application that bound it. */
public record Placement(long id, String appKey, String placement, String handler, String title, String description,
                        String groupName, JsonNode langAll, JsonNode options, long userId) {

    public Placement withOptions(JsonNode changed) {
        return new Placement(id, appKey, placement, handler, title, description, groupName, langAll, changed, userId);
    }
}
