package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * --state-file: every portal's state in one JSON file, loaded at start and saved periodically and at shutdown.
 * A save writes a temporary file beside the target, forces it to disk and renames it over the target, so a crash
 * mid-save leaves the previous file whole.
 */
public final class StateFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * files up to this size are read as one tree and checked against the published schema first; larger ones
     * section by section (loadSectionBySection)
     */
    public static final long TREE_LIMIT = 16L * 1024 * 1024;
    private final Path file;
    private final PortalRegistry portals;
    /** changes acknowledged so far (durable mode), and how many of them the file on disk holds */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    private long savedChanges;

    private final long treeLimit;
    /**
     * which saved webhook tokens the default portal takes from the file (none was configured for this run; not the
     * well-known demo-token beyond loopback), or null for none
     */
    private final java.util.function.Predicate<String> savedDefaultToken;

    public StateFile(Path file, PortalRegistry portals) {
        this(file, portals, null);
    }

    public StateFile(Path file, PortalRegistry portals, java.util.function.Predicate<String> savedDefaultToken) {
        this(file, portals, TREE_LIMIT, savedDefaultToken);
    }

    /** For tests: where reading section by section starts. */
    StateFile(Path file, PortalRegistry portals, long treeLimit) {
        this(file, portals, treeLimit, null);
    }

    private StateFile(Path file, PortalRegistry portals, long treeLimit,
                      java.util.function.Predicate<String> savedDefaultToken) {
        this.file = file;
        this.portals = portals;
        this.treeLimit = treeLimit;
        this.savedDefaultToken = savedDefaultToken;
    }

    public Path path() {
        return file;
    }

    /** Restores every portal in the file; portals the file has and the emulator lacks are created. */
    public void load() {
        requireWritableFolder();
        removeStaleSaves();
        if (!Files.exists(file)) {
            return;
        }
        try {
            if (Files.size(file) > treeLimit) {
                loadSectionBySection();
                return;
            }
        } catch (IOException e) {
            throw new StateException("Cannot read state file " + file + ": " + e.getMessage());
        }
        JsonNode saved;
        try {
            saved = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new StateException("Cannot read state file " + file + ": " + e.getMessage());
        }
        if (!saved.path("portals").isArray()) {
            throw new StateException("State file " + file + " has no \"portals\" list");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode state : saved.get("portals")) {
            String id = state.path("id").asText();
            if (!seen.add(id)) {
                throw new StateException("State file " + file + ": portal " + id + " appears twice");
            }
        }
        for (JsonNode state : saved.get("portals")) {
            restore(state, portal -> PortalState.restore(portal, state));
        }
    }

    /**
     * A file this large is read portal by portal and section by section (PortalState.read): as one tree, the file a
     * 100,000-contact portal had saved did not fit the launcher's heap, and the emulator could not start from it.
     */
    private void loadSectionBySection() throws IOException {
        Map<String, Store<?>> stores = portals.require(PortalRegistry.DEFAULT_ID).stores();
        Set<String> seen = new HashSet<>();
        boolean listed = false;
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new StateException("State file " + file + " has no \"portals\" list");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!field.equals("portals")) {
                    parser.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    break;
                }
                listed = true;
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    PortalState.Sections state;
                    try {
                        state = PortalState.read(parser, stores);
                    } catch (StateException e) {
                        throw new StateException("State file " + file + ", portal " + seen.size() + ": " + e.getMessage());
                    }
                    if (!seen.add(state.own().path("id").asText())) {
                        throw new StateException("State file " + file + ": portal " + state.own().path("id").asText()
                                + " appears twice");
                    }
                    restore(state.own(), portal -> PortalState.restore(portal, state));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StateException("Cannot read state file " + file + ": " + e.getOriginalMessage());
        }
        if (!listed) {
            throw new StateException("State file " + file + " has no \"portals\" list");
        }
    }

    /** Restores one portal of the file, made first if the emulator lacks it; {@code own} has its id and webhook. */
    private void restore(JsonNode own, java.util.function.Consumer<Portal> restore) {
        String id = own.path("id").asText();
        Portal portal;
        try {
            portal = portals.get(id).orElseGet(() -> {
                Set<String> scopes = new HashSet<>();
                own.path("webhook").path("scopes").forEach(s -> scopes.add(s.asText()));
                return portals.create(new PortalRegistry.PortalSpec(id, own.path("webhook").path("userId").asLong(1),
                        own.path("webhook").path("token").asText(), scopes, null,
                        own.hasNonNull("domain") ? own.get("domain").asText() : null));
            });
            String saved = own.path("webhook").path("token").asText(null);
            if (savedDefaultToken != null && id.equals(PortalRegistry.DEFAULT_ID) && saved != null
                    && savedDefaultToken.test(saved)) {
                // the token the integration was given lives on with the state (container README; audit 60b)
                portals.adoptWebhookToken(portal, saved);
            }
        } catch (IllegalArgumentException e) {
            throw new StateException("State file " + file + ", portal " + id + ": " + e.getMessage());
        }
        try {
            restore.accept(portal);
        } catch (StateException e) {
            throw new StateException("State file " + file + ", portal " + id + ": " + e.getMessage());
        }
    }

    /**
     * Durable mode (--fsync always): called after a change and before it is acknowledged, returns once the file on
     * disk holds it. Requests that commit while a save runs share the next save (group commit), so the cost is one
     * save per burst, not one per request.
     */
    public void commit() {
        long mine = changes.incrementAndGet();
        synchronized (this) {
            if (savedChanges >= mine) {
                return; // a save that started after this change already wrote it
            }
            long covered = changes.get();
            save();
            savedChanges = covered;
        }
    }

    /**
     * The half-written saves a killed emulator left beside the file (its name, a number, .tmp): the file itself is
     * whole (each save is renamed over it), and they piled up, one a kill (audit 50e). Only those older than a minute:
     * another process saving to the same file would be writing its own.
     */
    private void removeStaleSaves() {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = file.getFileName().toString();
        long minuteAgo = System.currentTimeMillis() - 60_000;
        try (java.util.stream.Stream<Path> beside = Files.list(dir)) {
            beside.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(prefix) + "\\d+\\.tmp"))
                    .filter(p -> p.toFile().lastModified() < minuteAgo)
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a folder that cannot be listed keeps its leftovers; the file is read all the same
        }
    }

    /**
     * Refuses to start with a state file whose folder cannot be written: the saves every 30 s failed without a word
     * and the one at stop with a stack trace, and the state was lost (a root-owned bind mount under a container's
     * uid 1000: audit 60b).
     */
    private void requireWritableFolder() {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, file.getFileName().toString(), ".check"));
        } catch (IOException | SecurityException e) {
            String owner = "";
            try {
                owner = " (owner uid " + Files.getAttribute(dir, "unix:uid") + ", "
                        + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)) + ")";
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException unknown) {
                // no owner to name on this file system
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new StateException("Cannot write the state file " + file + ": " + dir + " is a file, not a folder;"
                        + " choose another --state-file");
            }
            throw new StateException("Cannot write the state file's folder " + dir + owner + " as user "
                    + System.getProperty("user.name") + ": make it writable (a container runs as uid 1000: chown 1000"
                    + " the host folder, or docker run --user $(id -u)) or choose another --state-file");
        }
    }

    /** Writes every portal's state atomically. */
    public synchronized void save() {
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            // streamed portal by portal: the whole file as a tree (and then as bytes) did not fit the launcher's heap
            // with a 100,000-contact portal
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
                try (JsonGenerator generator = JSON.getFactory().createGenerator(out).useDefaultPrettyPrinter()
                        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                    generator.writeStartObject();
                    generator.writeStringField("format", PortalState.FORMAT);
                    generator.writeArrayFieldStart("portals");
                    for (Portal portal : portals.all()) {
                        PortalState.write(portal, generator);
                    }
                    generator.writeEndArray();
                    generator.writeEndObject();
                }
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save state file " + file, e);
        } finally {
            if (tmp != null) { // a save that failed leaves nothing half-written behind
                tmp.toFile().delete();
            }
        }
    }

    /** The rename itself is durable only once the folder is on disk; where a folder cannot be opened, skip it. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform opens folders (Windows); the file itself was forced before the rename
        }
    }
}
