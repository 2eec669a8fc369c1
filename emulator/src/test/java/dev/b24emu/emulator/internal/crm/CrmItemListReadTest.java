package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.rest.Origin;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * crm.item.list's filter and order read each object a field at a time: the same values its whole form holds, without
 * making that form for every object of the type (100,000 contacts ran the launcher's 256 MiB heap out).
 */
class CrmItemListReadTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

    /** values of every shape a stored field may hold, typed columns' edge cases among them */
    private static final List<JsonNode> VALUES = List.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("12"),
            NODES.textNode("abc"), NODES.textNode("Y"), NODES.textNode("N"), NODES.textNode("2026-12-07T10:00:00+03:00"),
            NODES.textNode("2026-12-07"), NODES.numberNode(5), NODES.numberNode(2.5), NODES.textNode("1e3"),
            NODES.arrayNode().add(1).add("2"), NODES.objectNode().put("x", 1), NODES.booleanNode(true));

    @Test
    void eachFieldReadAloneIsWhatTheWholeFormHolds() {
        Random random = new Random(20261207);
        for (CrmEntityType type : CrmEntityType.values()) {
            // every name the form with the columns' names holds, from an item with no fields at all
            Set<String> names = new LinkedHashSet<>(fieldNames(CrmItemForm.filterable(type,
                    CrmItemForm.common(new CrmItem(type, 1, NODES.objectNode()), List.of(), List.of()))));
            names.addAll(List.of("UF_CRM_GIVEN", "UF_CRM_NOT_GIVEN", "COMPANY_IDS", "ENTITY_TYPE_ID", "NO_SUCH_FIELD",
                    "FM", "fm", "name"));
            for (int round = 0; round < 300; round++) {
                ObjectNode fields = NODES.objectNode();
                for (String name : names) {
                    if (random.nextInt(3) == 0) {
                        fields.set(name, VALUES.get(random.nextInt(VALUES.size())));
                    }
                }
                for (String multi : CrmItem.MULTIFIELDS) {
                    ArrayNode values = fields.putArray(multi);
                    for (int i = random.nextInt(4); i > 0; i--) {
                        ObjectNode value = values.addObject().put("ID", random.nextInt(20))
                                .put("VALUE", "v" + random.nextInt(99));
                        if (random.nextBoolean()) {
                            value.put("VALUE_TYPE", List.of("WORK", "MOBILE", "HOME", "IMOL", "work").get(random.nextInt(5)));
                        }
                    }
                }
                CrmItem item = new CrmItem(type, 1 + random.nextInt(1000), fields);
                List<Long> contacts = random.nextBoolean() ? List.of() : List.of(3L, 1L);
                List<Long> companies = random.nextBoolean() ? List.of() : List.of(7L);
                ObjectNode whole = CrmItemForm.filterable(type, CrmItemForm.common(item, contacts, companies));
                for (String name : names) {
                    assertEquals(whole.get(name), CrmItemForm.filterValue(item, name, () -> contacts, () -> companies),
                            () -> type + " " + name + " of " + fields);
                }
            }
        }
    }

    @Test
    void aFilteredAndOrderedListOfAHundredThousandContactsMakesTheFormsOfItsPageAlone() throws Exception {
        CrmStore store = new CrmStore(200_000, 1024, "test");
        for (int i = 0; i < 100_000; i++) {
            store.add(CrmEntityType.CONTACT, (ObjectNode) JSON.readTree("{\"NAME\":\"Client " + i + "\",\"LAST_NAME\":\"L"
                    + i % 100 + "\",\"PHONE\":[{\"VALUE\":\"+7920" + (1_000_000 + i) + "\"}]}"), Origin.user(1, null),
                    "2026-12-07T10:00:00+03:00");
        }
        CrmItems items = new CrmItems(store);
        CrmItemQuery query = CrmItemQuery.of(CrmEntityType.CONTACT,
                JSON.readTree("{\"lastName\":\"L5\",\"%phone\":\"+7920\"}"), JSON.readTree("{\"name\":\"DESC\"}"), ZONE);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        List<ObjectNode> found = items.list(CrmEntityType.CONTACT, query);
        List<ObjectNode> page = new ArrayList<>(found.subList(0, 50));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(1000, found.size());
        assertEquals("Client 99905", page.get(0).get("NAME").asText()); // texts, compared as texts
        assertEquals("Client 99405", page.get(5).get("NAME").asText());
        assertEquals("L5", page.get(49).get("LAST_NAME").asText());
        // made whole, the forms of the 100,000 contacts were 989 MiB (88 MiB now), and with the launcher's heap its end
        assertTrue(allocated < 150L * 1024 * 1024, () -> allocated / (1024 * 1024) + " MiB made for one list");
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
