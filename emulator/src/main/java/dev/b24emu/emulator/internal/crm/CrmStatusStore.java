package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The CRM reference guides of one portal (api-reference/crm/status/): lead sources (SOURCE), lead stages (STATUS),
 * deal stages (DEAL_STAGE) and call-list statuses (CALL_LIST), as crm.status.list returns their rows. Every portal has
 * the default guides (a Bitrix24 portal is born with them), so clearing the store puts them back; a seed may add rows
 * or rename default ones ("crmStatuses", read by {@link CrmSeed}). Register reads the SOURCE guide for its CRM_SOURCE and
 * crm.calllist.statuslist the CALL_LIST guide, so each answers from the one list crm.status.list shows.
 */
public final class CrmStatusStore implements Store<CrmStatusStore.Snapshot> {
    public static final String SEED_FIELD = "crmStatuses";
    public static final String SOURCE = "SOURCE";
    public static final String CALL_LIST = "CALL_LIST";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** maps the default rows' IDs to the rows, sorted: a portal's map is built from it in one pass */
    private static final SortedMap<Long, ObjectNode> DEFAULTS = defaults();

    /** maps the row ID to the row, in the wire form crm.status.list returns */
    private volatile ConcurrentSkipListMap<Long, ObjectNode> rows = new ConcurrentSkipListMap<>();

    /** What state files keep: every row. */
    public record Snapshot(List<ObjectNode> rows) {
    }

    public CrmStatusStore() {
        clear();
    }

    /** Every row, by ID. */
    public Collection<ObjectNode> rows() {
        return rows.values();
    }

    /** The rows of one guide (ENTITY_ID), by SORT. */
    public List<ObjectNode> guide(String entityId) {
        return rows.values().stream().filter(row -> row.path("ENTITY_ID").asText().equals(entityId))
                .sorted(Comparator.comparingLong((ObjectNode row) -> row.path("SORT").asLong())
                        .thenComparingLong(row -> row.path("ID").asLong()))
                .toList();
    }

    /** A guide's rows as every portal is born with them (statuses.json), by SORT: what a new pipeline's stages copy. */
    public static List<ObjectNode> defaultGuide(String entityId) {
        return DEFAULTS.values().stream().filter(row -> row.path("ENTITY_ID").asText().equals(entityId))
                .sorted(Comparator.comparingLong((ObjectNode row) -> row.path("SORT").asLong())).toList();
    }

    /** The row with that ID. */
    public Optional<ObjectNode> get(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    /** The row of a guide's value, if the guide has it. */
    public Optional<ObjectNode> row(String entityId, String statusId) {
        return find(entityId, statusId);
    }

    /** Adds a row under the next ID (crm.status.add); the row as stored. */
    public synchronized ObjectNode add(ObjectNode row) {
        long id = rows.isEmpty() ? 1 : rows.lastKey() + 1;
        ObjectNode stored = row.deepCopy().put("ID", Long.toString(id));
        rows.put(id, stored);
        return stored;
    }

    /** Puts a changed row in place of the one with its ID (rows are replaced, never changed in place). */
    public synchronized void replace(ObjectNode row) {
        rows.put(row.get("ID").asLong(), row);
    }

    /** Removes the row with that ID; whether there was one. */
    public synchronized boolean remove(long id) {
        return rows.remove(id) != null;
    }

    /** Whether a guide has the value (its STATUS_ID, compared exactly as the server's list look-up does). */
    public boolean has(String entityId, String statusId) {
        return find(entityId, statusId).isPresent();
    }

    private Optional<ObjectNode> find(String entityId, String statusId) {
        return rows.values().stream().filter(row -> row.path("ENTITY_ID").asText().equals(entityId)
                && row.path("STATUS_ID").asText().equals(statusId)).findFirst();
    }

    /**
     * Back to the guides every portal is born with: the shared default rows themselves, not copies, since rows are
     * replaced, never changed in place (copying them was a twentieth of a portal's creation).
     */
    @Override
    public synchronized void clear() {
        rows = new ConcurrentSkipListMap<>(DEFAULTS);
    }

    /** Adds the seed's rows: a new value gets the next ID and SYSTEM N; a default value takes the seed's name. */
    @Override
    public synchronized void seed(Portal portal, PortalSeed seed) {
        List<byte[]> seeded = seed.section(SEED_FIELD, CrmSeed.Objects.class).map(CrmSeed.Objects::json).orElse(List.of());
        for (byte[] json : seeded) {
            ObjectNode given = read(json);
            String entityId = given.get("ENTITY_ID").asText();
            String statusId = given.get("STATUS_ID").asText();
            // rows are replaced, never changed in place: readers take them without a lock
            ObjectNode row = find(entityId, statusId).map(ObjectNode::deepCopy).orElse(null);
            if (row == null) {
                long id = rows.isEmpty() ? 1 : rows.lastKey() + 1;
                long sort = guide(entityId).stream().mapToLong(r -> r.path("SORT").asLong()).max().orElse(0) + 10;
                row = JSON.createObjectNode().put("ID", Long.toString(id)).put("ENTITY_ID", entityId)
                        .put("STATUS_ID", statusId).put("NAME", "").put("NAME_INIT", "").put("SORT", Long.toString(sort))
                        .put("SYSTEM", "N").putNull("CATEGORY_ID").putNull("COLOR").putNull("SEMANTICS");
            }
            row.put("NAME", given.get("NAME").asText());
            if (given.hasNonNull("SORT")) {
                row.put("SORT", given.get("SORT").asText());
            }
            if (given.hasNonNull("COLOR")) {
                row.put("COLOR", given.get("COLOR").asText());
            }
            rows.put(row.get("ID").asLong(), row);
        }
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(rows.values().stream().map(ObjectNode::deepCopy).toList());
    }

    @Override
    public void check(Snapshot snapshot) {
        if (snapshot.rows() == null) {
            throw new StateException("/crmStatuses/rows: must be a list");
        }
        Set<String> values = new HashSet<>();
        for (int i = 0; i < snapshot.rows().size(); i++) {
            ObjectNode row = snapshot.rows().get(i);
            if (row == null || !row.path("ID").asText("").matches("[0-9]{1,18}") || !row.path("ENTITY_ID").isTextual()
                    || !row.path("STATUS_ID").isTextual() || !row.path("NAME").isTextual()) {
                throw new StateException("/crmStatuses/rows/" + i + ": a row needs a numeric ID and ENTITY_ID, STATUS_ID, NAME");
            }
            if (!values.add(row.get("ENTITY_ID").asText() + "/" + row.get("STATUS_ID").asText())) {
                throw new StateException("/crmStatuses/rows/" + i + ": " + row.get("ENTITY_ID").asText() + " "
                        + row.get("STATUS_ID").asText() + " appears twice");
            }
        }
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        rows.clear();
        snapshot.rows().forEach(row -> rows.put(row.get("ID").asLong(), row.deepCopy()));
    }

    private static ObjectNode read(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("A seed row was written by CrmSeed and always reads back", e);
        }
    }

    private static SortedMap<Long, ObjectNode> defaults() {
        try (InputStream in = CrmStatusStore.class.getResourceAsStream("/dev/b24emu/emulator/crm/statuses.json")) {
            TreeMap<Long, ObjectNode> defaults = new TreeMap<>();
            JSON.readTree(in).get("rows").forEach(row -> defaults.put(row.get("ID").asLong(), (ObjectNode) row));
            return Collections.unmodifiableSortedMap(defaults);
        } catch (IOException e) {
            throw new UncheckedIOException("statuses.json is part of the emulator", e);
        }
    }
}
