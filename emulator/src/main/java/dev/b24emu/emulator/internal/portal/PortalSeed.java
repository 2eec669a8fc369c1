package dev.b24emu.emulator.internal.portal;

import java.util.Map;
import java.util.Optional;

/**
 * What a portal holds when it starts or is reset: each area's seed section as its reader parsed it (see
 * {@link SeedFormat}), and the settings. Stores take their sections in {@link Store#seed}.
 *
 * @param sections maps a seed field ("users", "contacts", ...) to what its section reader made of it
 */
public record PortalSeed(Map<String, Object> sections, PortalSettings settings) {
    public PortalSeed {
        sections = Map.copyOf(sections);
    }

    /** The parsed section of a seed field, when the seed has it. */
    public <T> Optional<T> section(String field, Class<T> type) {
        return Optional.ofNullable(sections.get(field)).map(type::cast);
    }
}
