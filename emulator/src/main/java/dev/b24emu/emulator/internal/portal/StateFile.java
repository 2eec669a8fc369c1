package dev.b24emu.emulator.internal.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * --state-file: every portal's state in one JSON file, loaded at start and saved periodically and at shutdown.
 * A save writes a temporary file beside the target, forces it to disk and renames it over the target, so a crash
 * mid-save leaves the previous file whole.
 */
public final class StateFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final PortalRegistry portals;
    /** changes acknowledged so far (durable mode), and how many of them the file on disk holds */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    private long savedChanges;

    public StateFile(Path file, PortalRegistry portals) {
        this.file = file;
        this.portals = portals;
    }

    public Path path() {
        return file;
    }

    /** Restores every portal in the file; portals the file has and the emulator lacks are created. */
    public void load() {
        if (!Files.exists(file)) {
            return;
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
            String id = state.path("id").asText();
            Portal portal;
            try {
                portal = portals.get(id).orElseGet(() -> {
                    Set<String> scopes = new HashSet<>();
                    state.path("webhook").path("scopes").forEach(s -> scopes.add(s.asText()));
                    return portals.create(new PortalRegistry.PortalSpec(id, state.path("webhook").path("userId").asLong(1),
                            state.path("webhook").path("token").asText(), scopes, null));
                });
            } catch (IllegalArgumentException e) {
                throw new StateException("State file " + file + ", portal " + id + ": " + e.getMessage());
            }
            try {
                PortalState.restore(portal, state);
            } catch (StateException e) {
                throw new StateException("State file " + file + ", portal " + id + ": " + e.getMessage());
            }
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

    /** Writes every portal's state atomically. */
    public synchronized void save() {
        ObjectNode content = JSON.createObjectNode();
        content.put("format", PortalState.FORMAT);
        ArrayNode list = content.putArray("portals");
        portals.all().forEach(p -> list.add(PortalState.export(p)));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(content)));
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save state file " + file, e);
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
