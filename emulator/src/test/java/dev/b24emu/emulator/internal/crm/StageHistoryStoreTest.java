package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stage history's rows without HTTP: what each change writes, its bound, deletion and a state file's round trip. */
class StageHistoryStoreTest {
    private static final String T = "2026-12-06T10:00:00+00:00";

    private static CrmItem deal(long id, long category, String stage, String semantics) {
        return new CrmItem(CrmEntityType.DEAL, id, JsonNodeFactory.instance.objectNode().put("ID", Long.toString(id))
                .put("CATEGORY_ID", Long.toString(category)).put("STAGE_ID", stage).put("STAGE_SEMANTIC_ID", semantics));
    }

    private static List<Integer> types(StageHistoryStore store, long owner) {
        return store.entries(CrmEntityType.DEAL).stream().filter(e -> e.ownerId() == owner).map(StageEntry::typeId)
                .toList();
    }

    @Test
    void eachMoveIsOneRowAndAMoveBackToWhereTheLatestRowSaysIsNone() {
        StageHistoryStore store = new StageHistoryStore(100);
        store.created(deal(1, 0, "NEW", "P"), T);
        store.changed(deal(1, 0, "NEW", "P"), deal(1, 0, "NEW", "P"), T); // nothing moved
        store.changed(deal(1, 0, "NEW", "P"), deal(1, 0, "EXECUTING", "P"), T);
        store.changed(deal(1, 0, "EXECUTING", "P"), deal(1, 0, "LOSE", "F"), T);
        store.changed(deal(1, 0, "LOSE", "F"), deal(1, 2, "C2:NEW", "P"), T);
        // the object as it was and as it is differ, but the latest row already says where it is
        store.changed(deal(1, 0, "LOSE", "F"), deal(1, 2, "C2:NEW", "P"), T);
        assertEquals(List.of(1, 2, 3, 5), types(store, 1));
        store.created(deal(2, 0, "WON", "S"), T);
        assertEquals(List.of(3), types(store, 2));
        store.deleted(new CrmRef(CrmEntityType.DEAL, 1));
        assertEquals(List.of(), types(store, 1));
        assertEquals(List.of(5L), store.entries(CrmEntityType.DEAL).stream().map(StageEntry::id).toList());
        assertEquals(List.of(), store.entries(CrmEntityType.CONTACT));
    }

    @Test
    void pastTheBoundTheOldestRowsGoAndTheIndexFollows() {
        StageHistoryStore store = new StageHistoryStore(3);
        store.created(deal(1, 0, "NEW", "P"), T);
        store.changed(deal(1, 0, "NEW", "P"), deal(1, 0, "EXECUTING", "P"), T);
        store.created(deal(2, 0, "NEW", "P"), T);
        store.created(deal(3, 0, "NEW", "P"), T); // drops deal 1's first row
        store.created(deal(4, 0, "NEW", "P"), T); // and its second: deal 1 has none left
        assertEquals(List.of(3L, 4L, 5L), store.entries(CrmEntityType.DEAL).stream().map(StageEntry::id).toList());
        // with no row left, a move back is written again
        store.changed(deal(1, 0, "NEW", "P"), deal(1, 0, "EXECUTING", "P"), T);
        assertEquals(List.of(2), types(store, 1)); // its row dropped deal 2's
        store.deleted(new CrmRef(CrmEntityType.DEAL, 3));
        assertEquals(List.of(4L, 1L), store.entries(CrmEntityType.DEAL).stream().map(StageEntry::ownerId).toList());
    }

    @Test
    void aStateFileKeepsTheRowsAndTheLatestOfEachObject() {
        StageHistoryStore store = new StageHistoryStore(100);
        store.created(deal(1, 0, "NEW", "P"), T);
        store.changed(deal(1, 0, "NEW", "P"), deal(1, 0, "EXECUTING", "P"), T);
        StageHistoryStore restored = new StageHistoryStore(100);
        restored.check(store.snapshot());
        restored.restore(store.snapshot());
        // the latest row read back says EXECUTING: the object's update from NEW again to EXECUTING writes nothing
        restored.changed(deal(1, 0, "NEW", "P"), deal(1, 0, "EXECUTING", "P"), T);
        assertEquals(List.of(1, 2), types(restored, 1));
        restored.created(deal(2, 0, "NEW", "P"), T);
        assertEquals(3L, restored.entries(CrmEntityType.DEAL).get(2).id(), "the sequence goes on from the file's");
    }

    @Test
    void theCrmWritesItAndADropPastItsBoundIsNoDeletion() {
        StageHistoryStore history = new StageHistoryStore(100);
        CrmStore crm = new CrmStore(2, 64, "test", change -> { }, CrmGuides.builtIn(), () -> history);
        dev.b24emu.emulator.internal.rest.Origin user = dev.b24emu.emulator.internal.rest.Origin.user(1, null);
        for (String title : List.of("a", "b", "c")) { // the third lead drops the first past the bound of two
            crm.add(CrmEntityType.LEAD, JsonNodeFactory.instance.objectNode().put("TITLE", title), user, T);
        }
        crm.update(new CrmRef(CrmEntityType.LEAD, 3), JsonNodeFactory.instance.objectNode().put("STATUS_ID", "JUNK"),
                user, T);
        crm.delete(new CrmRef(CrmEntityType.LEAD, 2), user);
        assertEquals(List.of("1 1 NEW P", "3 1 NEW P", "3 3 JUNK F"), history.entries(CrmEntityType.LEAD).stream()
                .map(e -> e.ownerId() + " " + e.typeId() + " " + e.stageId() + " " + e.semanticId()).toList());
    }
}
