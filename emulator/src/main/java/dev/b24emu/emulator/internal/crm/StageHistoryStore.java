package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.internal.portal.IdTable;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stage history of one portal's leads and deals (crm.stagehistory.list), written as the CRM's item operations
 * write it (Bitrix\Crm\History\StageHistory, specs/DECISIONS.md D181): a row when an object is created, one each time
 * its stage or pipeline changes, all of an object's rows gone with it. Bounded as the CRM objects are
 * (--max-crm-objects): past the count a new row drops the oldest of its table.
 */
public final class StageHistoryStore implements Store<StageHistoryStore.Snapshot> {
    /** maps LEAD and DEAL to their table's rows by ID (each table has its own sequence) */
    private final Map<CrmEntityType, IdTable<StageEntry>> tables = new EnumMap<>(CrmEntityType.class);
    /** maps LEAD and DEAL to the ID of each object's latest row, which an update compares with */
    private final Map<CrmEntityType, Map<Long, Long>> latest = new EnumMap<>(CrmEntityType.class);

    /** What state files keep: each table's rows and the last ID it gave. */
    public record Snapshot(List<StageEntry> leads, long lastLeadId, List<StageEntry> deals, long lastDealId) {
    }

    public StageHistoryStore(int maxRows) {
        for (CrmEntityType type : List.of(CrmEntityType.LEAD, CrmEntityType.DEAL)) {
            tables.put(type, new IdTable<>(maxRows, StageEntry::id));
            latest.put(type, new ConcurrentHashMap<>());
        }
    }

    /** The rows of the leads' or the deals' table by ID; none for another type. */
    public List<StageEntry> entries(CrmEntityType type) {
        IdTable<StageEntry> table = tables.get(type);
        return table == null ? List.of() : List.copyOf(table.all());
    }

    /**
     * registerItemCreate: a row for the object's stage, of type 3 when it is created in a final stage and 1 when not.
     */
    synchronized void created(CrmItem item, String now) {
        if (tables.containsKey(item.type())) {
            Stage stage = Stage.of(item);
            write(item.type(), item.id(), stage.isFinal() ? StageEntry.FINAL : StageEntry.CREATED, stage, now);
        }
    }

    /**
     * registerItemUpdate: when the stage or the pipeline changed and the latest row does not already say where the
     * object is, a row of type 5 for a new pipeline, 3 for a final stage, 2 for another.
     */
    synchronized void changed(CrmItem before, CrmItem after, String now) {
        if (!tables.containsKey(after.type())) {
            return;
        }
        Stage was = Stage.of(before);
        Stage is = Stage.of(after);
        if (was.equals(is)) {
            return;
        }
        Long last = latest.get(after.type()).get(after.id());
        boolean recorded = last != null && tables.get(after.type()).get(last).map(Stage::of).filter(is::equals)
                .isPresent();
        if (!recorded) {
            int type = !Objects.equals(was.category(), is.category()) ? StageEntry.PIPELINE
                    : is.isFinal() ? StageEntry.FINAL : StageEntry.MOVED;
            write(after.type(), after.id(), type, is, now);
        }
    }

    /**
     * registerItemDelete: the rows of an object a client deleted go with it (a scan of the table: deletions are few).
     * An object the emulator's bound drops is no deletion; its rows age out under the table's own bound.
     */
    synchronized void deleted(CrmRef ref) {
        IdTable<StageEntry> table = tables.get(ref.type());
        if (table != null && latest.get(ref.type()).remove(ref.id()) != null) {
            table.removeIf(entry -> entry.ownerId() == ref.id());
        }
    }

    private void write(CrmEntityType type, long ownerId, int typeId, Stage stage, String now) {
        IdTable<StageEntry> table = tables.get(type);
        StageEntry entry = new StageEntry(table.nextId(), typeId, ownerId, now, stage.category(), stage.id(),
                stage.semantics());
        latest.get(type).put(ownerId, entry.id());
        table.put(entry).forEach(dropped -> latest.get(type).remove(dropped.ownerId(), dropped.id()));
    }

    /** Where an object stands: its pipeline (none for a lead), stage and the stage's semantics. */
    private record Stage(Long category, String id, String semantics) {
        static Stage of(CrmItem item) {
            return item.type() == CrmEntityType.DEAL
                    ? new Stage(item.longField("CATEGORY_ID"), item.text("STAGE_ID"), item.text("STAGE_SEMANTIC_ID"))
                    : new Stage(null, item.text("STATUS_ID"), item.text("STATUS_SEMANTIC_ID"));
        }

        static Stage of(StageEntry entry) {
            return new Stage(entry.categoryId(), entry.stageId(), entry.semanticId());
        }

        boolean isFinal() {
            return !semantics.equals("P");
        }

        @Override
        public boolean equals(Object other) { // where it stands; the semantics follow from it
            return other instanceof Stage that && Objects.equals(category, that.category) && id.equals(that.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(category, id);
        }
    }

    @Override
    public synchronized void clear() {
        tables.values().forEach(IdTable::clear);
        latest.values().forEach(Map::clear);
    }

    @Override
    public Snapshot snapshot() {
        IdTable<StageEntry> leads = tables.get(CrmEntityType.LEAD);
        IdTable<StageEntry> deals = tables.get(CrmEntityType.DEAL);
        return new Snapshot(leads.items(), leads.lastId(), deals.items(), deals.lastId());
    }

    @Override
    public void check(Snapshot snapshot) {
        check("/stageHistory/leads", snapshot.leads(), snapshot.lastLeadId());
        check("/stageHistory/deals", snapshot.deals(), snapshot.lastDealId());
    }

    private static void check(String path, List<StageEntry> rows, long lastId) {
        StateException.checkItems(path, rows, row -> row.id() > 0 && row.id() <= lastId && row.ownerId() > 0
                        && List.of(1, 2, 3, 5).contains(row.typeId()) && row.createdTime() != null
                        && row.stageId() != null && List.of("P", "S", "F").contains(row.semanticId()),
                "a row needs an ID up to the last ID, an owner, a type of 1, 2, 3 or 5, a time, a stage and a"
                        + " semantics of P, S or F", "id", StageEntry::id);
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        restore(CrmEntityType.LEAD, snapshot.leads(), snapshot.lastLeadId());
        restore(CrmEntityType.DEAL, snapshot.deals(), snapshot.lastDealId());
    }

    private void restore(CrmEntityType type, List<StageEntry> rows, long lastId) {
        tables.get(type).restore(rows, lastId);
        tables.get(type).all().forEach(row -> latest.get(type).merge(row.ownerId(), row.id(), Math::max));
    }
}
