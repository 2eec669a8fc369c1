package dev.b24emu.emulator.internal.lists;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A portal's universal lists (specs/DECISIONS.md D174): the lists, their fields and their elements, kept in state
 * files. The IDs are the information block tables' own, one numbering each (the property values' too); a seed's
 * IDs are kept, so an integration that names IBLOCK_ID 68 and PROPERTY_216 finds them. Elements are bounded as CRM
 * objects are, by count and by the characters they hold (--max-crm-objects, --max-crm-mb: the oldest dropped).
 */
public final class ListStore implements Store<ListStore.Snapshot> {
    /** What state files keep: every list, field and element, and the last IDs given. */
    public record Snapshot(List<UniversalList> lists, List<ListField> fields, List<ListElement> elements,
                           long lastListId, long lastPropertyId, long lastElementId, long lastValueId) {
    }

    /** maps a list's ID to it */
    private final Map<Long, UniversalList> lists = new ConcurrentSkipListMap<>();
    /** maps "listId|fieldId" to the field */
    private final Map<String, ListField> fields = new ConcurrentSkipListMap<>();
    /** maps an element's ID to it, by ID: the oldest first */
    private final Map<Long, ListElement> elements = new ConcurrentSkipListMap<>();
    private final int maxElements;
    /** the characters the elements may hold together (two bytes each), and what they hold (guarded by this) */
    private final long maxCharacters;
    private long characters;
    private long lastListId;
    private long lastPropertyId;
    private long lastElementId;
    private long lastValueId;

    public ListStore(int maxElements, int megabytes) {
        this.maxElements = Math.max(1, maxElements);
        this.maxCharacters = Math.max(1, megabytes) * 512L * 1024;
    }

    public Collection<UniversalList> lists() {
        return lists.values();
    }

    public Optional<UniversalList> list(long id) {
        return Optional.ofNullable(lists.get(id));
    }

    public Optional<UniversalList> listByCode(String code) {
        return lists.values().stream().filter(l -> code.equals(l.code())).findFirst();
    }

    /** A list's fields by SORT, NAME first on a tie. */
    public List<ListField> fields(long listId) {
        return fields.values().stream().filter(f -> f.listId() == listId)
                .sorted(Comparator.comparingLong(ListField::sort).thenComparingLong(ListField::propertyId)).toList();
    }

    public Optional<ListField> field(long listId, String fieldId) {
        return Optional.ofNullable(fields.get(listId + "|" + fieldId));
    }

    /** A list's elements, by ID. */
    public List<ListElement> elements(long listId) {
        return elements.values().stream().filter(e -> e.listId() == listId).toList();
    }

    public Optional<ListElement> element(long id) {
        return Optional.ofNullable(elements.get(id));
    }

    synchronized long nextListId() {
        return ++lastListId;
    }

    synchronized long nextPropertyId() {
        return ++lastPropertyId;
    }

    synchronized long nextElementId() {
        return ++lastElementId;
    }

    synchronized long nextValueId() {
        return ++lastValueId;
    }

    synchronized void put(UniversalList list) {
        lists.put(list.id(), list);
        lastListId = Math.max(lastListId, list.id());
    }

    synchronized void put(ListField field) {
        fields.put(field.listId() + "|" + field.fieldId(), field);
        lastPropertyId = Math.max(lastPropertyId, field.propertyId());
        field.enums().keySet().forEach(id -> lastValueId = Math.max(lastValueId, parseOrZero(id)));
    }

    /** Keeps the element (a new one, or a new version of one), the oldest dropped past the bound. */
    synchronized void put(ListElement element) {
        ListElement before = elements.put(element.id(), element);
        characters += characters(element) - (before == null ? 0 : characters(before));
        lastElementId = Math.max(lastElementId, element.id());
        element.properties().values().forEach(values -> values.keySet().forEach(id -> lastValueId =
                Math.max(lastValueId, parseOrZero(id))));
        while (elements.size() > 1 && (elements.size() > maxElements || characters > maxCharacters)) {
            remove(elements.keySet().iterator().next());
        }
    }

    synchronized boolean remove(long elementId) {
        ListElement removed = elements.remove(elementId);
        if (removed != null) {
            characters -= characters(removed);
        }
        return removed != null;
    }

    /** What an element holds, in characters: its name, code, fields and values. */
    private static long characters(ListElement element) {
        long sum = element.name().length() + element.code().length();
        for (Map.Entry<String, String> field : element.fields().entrySet()) {
            sum += field.getKey().length() + field.getValue().length();
        }
        for (Map<String, String> values : element.properties().values()) {
            for (Map.Entry<String, String> value : values.entrySet()) {
                sum += value.getKey().length() + value.getValue().length() + 16;
            }
        }
        return sum;
    }

    @Override
    public synchronized void clear() {
        lists.clear();
        fields.clear();
        elements.clear();
        characters = 0;
        lastListId = 0;
        lastPropertyId = 0;
        lastElementId = 0;
        lastValueId = 0;
    }

    /** Adds the seed's lists, with their fields and elements (ListSeed). */
    @Override
    public void seed(Portal portal, PortalSeed seed) {
        @SuppressWarnings("unchecked")
        List<ListSeed.Seeded> seeded = seed.section(ListSeed.FIELD, List.class).orElse(List.of());
        for (ListSeed.Seeded list : seeded) {
            put(list.list());
            list.fields().forEach(this::put);
            list.elements().forEach(this::put);
        }
    }

    @Override
    public synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(lists.values()), List.copyOf(fields.values()), List.copyOf(elements.values()),
                lastListId, lastPropertyId, lastElementId, lastValueId);
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/lists/lists", snapshot.lists(),
                l -> l.id() > 0 && l.typeId() != null && l.name() != null, "a list needs an ID, a type and a name",
                "id", UniversalList::id);
        List<ListField> given = snapshot.fields() == null ? List.of() : snapshot.fields();
        for (int i = 0; i < given.size(); i++) {
            ListField f = given.get(i);
            if (f == null || f.fieldId() == null || f.type() == null || f.name() == null) {
                throw new StateException("/lists/fields/" + i + ": a field needs a field ID, a type and a name");
            }
        }
        StateException.checkItems("/lists/elements", snapshot.elements(),
                e -> e.id() > 0 && e.properties() != null && e.fields() != null,
                "an element needs an ID, fields and properties", "id", ListElement::id);
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        List<UniversalList> savedLists = snapshot.lists() == null ? List.of() : snapshot.lists();
        savedLists.forEach(this::put);
        (snapshot.fields() == null ? new ArrayList<ListField>() : snapshot.fields()).forEach(this::put);
        (snapshot.elements() == null ? new ArrayList<ListElement>() : snapshot.elements()).forEach(this::put);
        lastListId = Math.max(lastListId, snapshot.lastListId());
        lastPropertyId = Math.max(lastPropertyId, snapshot.lastPropertyId());
        lastElementId = Math.max(lastElementId, snapshot.lastElementId());
        lastValueId = Math.max(lastValueId, snapshot.lastValueId());
    }

    private static long parseOrZero(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException notAnId) {
            return 0;
        }
    }
}
