package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seed file format (--seed, the demo portal, POST /_emulator/portals {"seed"}): a JSON object whose fields are
 * the areas' {@link SeedSection}s plus "settings". Read field by field, each section by its own reader; an unknown
 * field, a repeated one or a malformed value is a {@link SeedException} naming it.
 */
public final class SeedFormat {
    public static final String DEMO_RESOURCE = "/demo-portal.json";
    private static final String SETTINGS = "settings";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * maps the readers (each field with its reader's class) to the demo seed they read last and the base settings it
     * was read with: a reader's result depends on the JSON, not on the server (SeedSection), so the servers of one JVM
     * (a test suite starts many) read it once; reading it was an eighth of a later start's main-thread CPU
     */
    private static final Map<List<Object>, Demo> DEMOS = new ConcurrentHashMap<>();

    private record Demo(PortalSettings base, PortalSeed seed) {
    }

    /** maps a seed field to its reader */
    private final Map<String, SeedSection> sections = new LinkedHashMap<>();
    /** the settings a seed starts from (the defaults, with the emulator's --validation) */
    private final PortalSettings base;
    private volatile PortalSeed demo;

    public SeedFormat(List<SeedSection> sections, PortalSettings base) {
        this.base = base;
        for (SeedSection section : sections) {
            if (this.sections.put(section.field(), section) != null || section.field().equals(SETTINGS)) {
                throw new IllegalStateException("Two areas read the seed field " + section.field());
            }
        }
    }

    /** A portal with nothing but what the areas add to an empty seed (one administrator). */
    public PortalSeed empty() {
        return new PortalSeed(Map.of(), base);
    }

    /** The demo portal (README): users, a few CRM clients, an excluded number. */
    public PortalSeed demo() {
        PortalSeed local = demo;
        if (local != null) {
            return local;
        }
        List<Object> readers = new ArrayList<>();
        sections.forEach((field, section) -> readers.add(List.of(field, section.getClass())));
        Demo shared = DEMOS.get(readers);
        // the same settings object is the usual case (the defaults are one); a record's equals is slow in a cold JVM
        if (shared == null || (shared.base() != base && !shared.base().equals(base))) {
            try (InputStream in = SeedFormat.class.getResourceAsStream(DEMO_RESOURCE)) {
                shared = new Demo(base, read(in));
            } catch (IOException e) {
                throw new UncheckedIOException("The demo portal seed is missing from the jar", e);
            }
            DEMOS.put(readers, shared);
        }
        demo = shared.seed();
        return shared.seed();
    }

    public PortalSeed parse(JsonNode seed) {
        try {
            return read(JSON.treeAsTokens(seed));
        } catch (IOException e) {
            throw new UncheckedIOException("A tree always reads", e);
        }
    }

    public PortalSeed read(InputStream in) throws IOException {
        try (JsonParser parser = JSON.createParser(in)) {
            return read(parser);
        }
    }

    private PortalSeed read(JsonParser parser) throws IOException {
        if (parser.currentToken() == null) {
            parser.nextToken();
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new SeedException("A seed must be a JSON object");
        }
        Map<String, Object> read = new LinkedHashMap<>();
        PortalSettings settings = base;
        boolean settingsSeen = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (read.containsKey(name) || (name.equals(SETTINGS) && settingsSeen)) {
                throw new SeedException("Seed field '" + name + "' appears twice");
            }
            if (name.equals(SETTINGS)) {
                JsonNode patch = parser.readValueAsTree();
                try {
                    settings = base.patch(patch);
                } catch (IllegalArgumentException e) {
                    throw new SeedException("Seed field 'settings': " + e.getMessage());
                }
                settingsSeen = true;
                continue;
            }
            SeedSection section = sections.get(name);
            if (section == null) {
                TreeSet<String> known = new TreeSet<>(sections.keySet());
                known.add(SETTINGS);
                throw new SeedException("Unknown seed field '" + name + "'; a seed has " + String.join(", ", known));
            }
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            read.put(name, section.read(parser));
        }
        return new PortalSeed(read, settings);
    }
}
