package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.rest.Origin;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stored CRM item's fields, frozen: read as before, written never, and the indexes kept in step. */
class FrozenFieldsTest {
    private static final Origin USER = Origin.user(1, null);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode contact(String name, String phone) throws Exception {
        return (ObjectNode) JSON.readTree("{\"ID\":\"7\",\"NAME\":\"" + name + "\",\"OPENED\":\"Y\",\"HAS_PHONE\":\"Y\","
                + "\"SOURCE_ID\":null,\"OPPORTUNITY\":12.5,\"UF_LIST\":[1,\"two\",{\"x\":true}],\"EMAIL\":[],"
                + "\"PHONE\":[{\"ID\":\"3\",\"VALUE_TYPE\":\"WORK\",\"VALUE\":\"" + phone + "\",\"TYPE_ID\":\"PHONE\"}]}");
    }

    @Test
    void aValueWeighsItsTextAsTheJvmStoresItLatinAtOneByteOthersAtTwo() throws Exception {
        long latin = FrozenFields.weight(JSON.readTree("{\"COMMENTS\":\"" + "é".repeat(1000) + "\"}"));
        long cyrillic = FrozenFields.weight(JSON.readTree("{\"COMMENTS\":\"" + "ж".repeat(1000) + "\"}"));
        assertEquals(1000, cyrillic - latin);
        assertEquals(16 + "COMMENTS".length() + 24 + 1000, latin);
        assertEquals(FrozenFields.weight(JSON.readTree("{\"A\":[\"x\",{\"B\":1}]}")),
                16 + 1 + 16 + (24 + 1) + (16 + 1 + 16), "containers, names and leaves all count");
    }

    @Test
    void aFrozenTreeReadsWritesAndComparesAsTheTreeItWasMadeFrom() throws Exception {
        ObjectNode original = contact("Ivan", "+79990000001");
        ObjectNode frozen = FrozenFields.freeze(original.deepCopy());

        assertEquals(JSON.writeValueAsString(original), JSON.writeValueAsString(frozen)); // same text, same order
        assertEquals(original, frozen);
        assertEquals(frozen, original);
        assertEquals(original.hashCode(), frozen.hashCode());
        assertEquals("Ivan", frozen.get("NAME").asText());
        assertEquals("+79990000001", frozen.path("PHONE").path(0).path("VALUE").asText());
        assertTrue(frozen.has("SOURCE_ID"));
        assertTrue(frozen.get("SOURCE_ID").isNull());
        assertNull(frozen.get("LAST_NAME"));
        assertTrue(frozen.path("LAST_NAME").isMissingNode());
        assertEquals(original.size(), frozen.size());
        List<String> names = new ArrayList<>();
        frozen.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("ID", "NAME", "OPENED", "HAS_PHONE", "SOURCE_ID", "OPPORTUNITY", "UF_LIST", "EMAIL",
                "PHONE"), names);
        assertSame(frozen, FrozenFields.freeze(frozen));
    }

    /** Past a few dozen names a shape looks names up in a table (100,000 custom fields were read by a scan each). */
    @Test
    void aWideObjectReadsEveryFieldByItsNameAndNoOtherOne() {
        ObjectNode wide = JSON.createObjectNode();
        for (int i = 0; i < 500; i++) {
            wide.put("UF_CRM_" + i, i % 7 == 0 ? null : "v" + i);
        }
        ObjectNode frozen = FrozenFields.freeze(wide.deepCopy());
        assertEquals(wide, frozen);
        for (int i = 0; i < 500; i++) {
            assertEquals(wide.get("UF_CRM_" + i), frozen.get("UF_CRM_" + i));
            assertTrue(frozen.has("UF_CRM_" + i));
        }
        assertNull(frozen.get("UF_CRM_500"));
        assertFalse(frozen.has("uf_crm_1"));
        List<String> names = new ArrayList<>();
        frozen.fieldNames().forEachRemaining(names::add);
        assertEquals(500, names.size());
        assertEquals("UF_CRM_499", names.get(499));
    }

    @Test
    void aNumberGivenManyTimesIsOnePhoneKey() throws Exception {
        ObjectNode fields = (ObjectNode) JSON.readTree("{\"PHONE\":[{\"VALUE\":\"+7 999 000-00-01\"},"
                + "{\"VALUE\":\"+79990000001\"},{\"VALUE\":\"89990000002\"},{\"VALUE\":\"+79990000001\"}]}");
        CrmItem item = new CrmStore(20_000, 64, "test").add(CrmEntityType.CONTACT, fields, USER, "2026-12-07T10:00:00+00:00");
        assertEquals(2, item.phoneKeys().size(), () -> item.phoneKeys().toString());
    }

    @Test
    void aFrozenTreeRefusesEveryWriteAndItsDeepCopyTakesThem() throws Exception {
        ObjectNode frozen = FrozenFields.freeze(contact("Ivan", "+79990000001"));

        assertThrows(UnsupportedOperationException.class, () -> frozen.put("NAME", "Petr"));
        assertThrows(UnsupportedOperationException.class, () -> frozen.remove("NAME"));
        assertThrows(UnsupportedOperationException.class, () -> ((ArrayNode) frozen.get("EMAIL")).add("a@b.c"));
        assertThrows(UnsupportedOperationException.class, () -> ((ArrayNode) frozen.get("PHONE")).removeAll());
        assertThrows(UnsupportedOperationException.class,
                () -> ((ObjectNode) frozen.path("PHONE").get(0)).put("VALUE", "+1"));
        assertEquals("Ivan", frozen.get("NAME").asText());

        ObjectNode copy = frozen.deepCopy();
        copy.put("NAME", "Petr");
        ((ArrayNode) copy.get("EMAIL")).addObject().put("VALUE", "a@b.c");
        ((ObjectNode) copy.path("PHONE").get(0)).put("VALUE", "+1");
        assertEquals("Petr", copy.get("NAME").asText());
        assertEquals("Ivan", frozen.get("NAME").asText());
        assertTrue(frozen.get("EMAIL").isEmpty());
        assertEquals("+79990000001", frozen.path("PHONE").path(0).path("VALUE").asText());
    }

    @Test
    void repeatedShortValuesAndEmptyArraysAreSharedUniqueOnesAreNot() throws Exception {
        ObjectNode first = FrozenFields.freeze(contact("Ivan", "+79990000001"));
        ObjectNode second = FrozenFields.freeze(contact("Petr", "+79990000002"));

        assertSame(first.get("OPENED"), second.get("OPENED"));
        assertSame(first.get("EMAIL"), second.get("EMAIL"));
        assertSame(first.path("PHONE").path(0).get("TYPE_ID"), second.path("PHONE").path(0).get("TYPE_ID"));
        assertEquals("Petr", second.get("NAME").asText());
        assertEquals("+79990000002", second.path("PHONE").path(0).path("VALUE").asText());
    }

    @Test
    void theStoreStoresFrozenItemsAndItsPhoneIndexFollowsUpdatesAndDeletes() throws Exception {
        List<String> changes = new ArrayList<>();
        CrmStore store = new CrmStore(20_000, 64, "test",
                change -> changes.add(change.eventName() + " " + change.id() + " by " + change.origin().actingUserId()),
                CrmGuides.builtIn());
        String now = "2026-12-03T10:00:00+00:00";
        CrmItem ivan = store.add(CrmEntityType.CONTACT, contact("Ivan", "+7 999 000-00-01"), USER, now);
        CrmItem petr = store.add(CrmEntityType.CONTACT, contact("Petr", "8 (999) 000-00-01"), USER, now);
        assertThrows(UnsupportedOperationException.class, () -> store.get(ivan.ref()).orElseThrow().fields()
                .put("NAME", "changed in place"));
        assertEquals(List.of(ivan.id(), petr.id()), ids(store.findByPhone("+79990000001")));

        ObjectNode renumbered = (ObjectNode) JSON.readTree("{\"NAME\":\"Ivan\",\"PHONE\":[{\"VALUE\":\"+79990000002\"}]}");
        CrmItem updated = store.update(ivan.ref(), renumbered, USER, now).orElseThrow();
        assertEquals(2, updated.fields().get("PHONE").size()); // an update appends multifield values
        assertEquals(List.of(ivan.id(), petr.id()), ids(store.findByPhone("+79990000001")));
        assertEquals(List.of(ivan.id()), ids(store.findByPhone("+79990000002")));

        assertTrue(store.delete(ivan.ref(), USER));
        assertEquals(List.of(petr.id()), ids(store.findByPhone("+79990000001")));
        assertEquals(List.of(), ids(store.findByPhone("+79990000002")));
        assertTrue(store.delete(petr.ref(), USER));
        assertEquals(List.of(), ids(store.findByPhone("+79990000001")));
        assertEquals(List.of("ONCRMCONTACTADD 1 by 1", "ONCRMCONTACTADD 2 by 1", "ONCRMCONTACTUPDATE 1 by 1",
                "ONCRMCONTACTDELETE 1 by 1", "ONCRMCONTACTDELETE 2 by 1"), changes, "each change is told once made");
        assertFalse(store.delete(petr.ref(), USER));
        assertEquals(5, changes.size(), "deleting what is gone changes nothing");
    }

    /** A search by phone takes no lock: while a contact is updated it must still find it by a number it keeps. */
    @Test
    void aContactBeingUpdatedIsFoundByItsPhoneThroughout() throws Exception {
        CrmStore store = new CrmStore(20_000, 64, "test");
        String now = "2026-12-07T10:00:00+00:00";
        CrmItem ivan = store.add(CrmEntityType.CONTACT, contact("Ivan", "+79990000001"), USER, now);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        var updates = java.util.concurrent.CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20_000; i++) {
                store.update(ivan.ref(), (ObjectNode) JSON.createObjectNode().put("NAME", "Ivan" + i), USER, now);
            }
            done.set(true);
        });
        int searches = 0;
        int missed = 0;
        while (!done.get()) {
            searches++;
            if (store.findByPhone("+79990000001").isEmpty()) {
                missed++;
            }
        }
        updates.get();
        assertEquals(0, missed, missed + " of " + searches + " searches found nothing");
    }

    @Test
    void openSalesFollowTheirClientThroughUpdatesAndDeletes() throws Exception {
        CrmStore store = new CrmStore(20_000, 64, "test");
        String now = "2026-12-03T10:00:00+00:00";
        CrmItem client = store.add(CrmEntityType.CONTACT, contact("Ivan", "+79990000001"), USER, now);
        ObjectNode deal = (ObjectNode) JSON.readTree("{\"TITLE\":\"Deal\",\"CONTACT_ID\":" + client.id() + "}");
        CrmItem first = store.add(CrmEntityType.DEAL, deal, USER, now);
        CrmItem second = store.add(CrmEntityType.DEAL, deal, USER, now);
        assertEquals(List.of(first.id(), second.id()), ids(store.openSalesOf(client.ref())));

        store.update(first.ref(), (ObjectNode) JSON.readTree("{\"STAGE_ID\":\"WON\"}"), USER, now);
        assertEquals(List.of(second.id()), ids(store.openSalesOf(client.ref())));
        store.delete(second.ref(), USER);
        assertEquals(List.of(), ids(store.openSalesOf(client.ref())));
    }

    private static List<Long> ids(List<CrmItem> items) {
        return items.stream().map(CrmItem::id).sorted().toList();
    }
}
