package dev.b24emu.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** The container's control API from Java: portals, the emulator clock, reset (as the embedded {@code Controls}). */
public final class Controls {
    private final ControlApi api;

    Controls(ControlApi api) {
        this.api = api;
    }

    /** A new isolated portal with the demo data. */
    public TestPortal newPortal() {
        return new TestPortal(api, api.post("/_emulator/portals", Map.of("demo", true)));
    }

    /** A new isolated portal from a seed in the format of --seed files (users, contacts, ..., settings). */
    public TestPortal newPortal(String seedJson) {
        JsonNode seed;
        try {
            seed = ControlApi.JSON.readTree(seedJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("A seed must be JSON: " + e.getOriginalMessage(), e);
        }
        return new TestPortal(api, api.post("/_emulator/portals", Map.of("seed", seed)));
    }

    /** Every portal. */
    public List<TestPortal> portals() {
        return StreamSupport.stream(api.get("/_emulator/portals").spliterator(), false)
                .map(view -> new TestPortal(api, view)).toList();
    }

    public TestPortal portal(String id) {
        return new TestPortal(api, api.get("/_emulator/portals/" + TestPortal.encode(id)));
    }

    public TestPortal defaultPortal() {
        return portal("default");
    }

    /** Moves the emulator clock (every portal's) forward. */
    public Controls advanceClock(Duration by) {
        api.post("/_emulator/clock", Map.of("advance", by.toString()));
        return this;
    }

    /** Sets the emulator clock. */
    public Controls setClock(Instant now) {
        api.post("/_emulator/clock", Map.of("set", now.toString()));
        return this;
    }

    /** Back to the seeded state: the default portal re-seeded, other portals deleted, the clock reset. */
    public Controls reset() {
        api.post("/_emulator/reset", Map.of());
        return this;
    }
}
