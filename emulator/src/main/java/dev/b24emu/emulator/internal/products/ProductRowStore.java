package dev.b24emu.emulator.internal.products;

import dev.b24emu.emulator.internal.portal.IdTable;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The product rows of one portal's deals and leads, kept in state files: an owner's rows are replaced whole, as
 * crm.deal.productrows.set replaces them. Bounded by owners as the CRM objects made at run time are
 * (--max-crm-objects), and by their text as the other CRM tables are (D118: 800 characters an owner on average): past
 * either the rows of the owner written longest ago go, the newest set staying even alone. By owners alone, a set is any
 * number of rows: 20,000 deals of 1,000 rows each would have been kept.
 */
public final class ProductRowStore implements Store<ProductRowStore.Snapshot> {
    /** maps an owner ("D5", "L7") to its rows in their order, the owner written longest ago first (guarded by this) */
    private final Map<String, List<ProductRow>> rows = new LinkedHashMap<>();
    /** the last row ID given: each set gives its rows new IDs */
    private final AtomicLong lastId = new AtomicLong();
    private final int maxOwners;
    private final long maxCharacters;
    /** maps an owner to the length of its rows' text form (guarded by this) */
    private final Map<String, Long> weights = new HashMap<>();
    private long characters;

    /** What state files keep: every row and the last ID given. */
    public record Snapshot(List<ProductRow> rows, long lastId) {
    }

    public ProductRowStore(int maxOwners) {
        this.maxOwners = Math.max(1, maxOwners);
        this.maxCharacters = (long) this.maxOwners * IdTable.AVERAGE_CHARACTERS;
    }

    private static String owner(String type, long id) {
        return type + id;
    }

    public synchronized List<ProductRow> of(String ownerType, long ownerId) {
        return List.copyOf(rows.getOrDefault(owner(ownerType, ownerId), List.of()));
    }

    long nextId() {
        return lastId.incrementAndGet();
    }

    /** The owner's rows replaced by these (none: the owner has none). */
    synchronized void replace(String ownerType, long ownerId, List<ProductRow> replacement) {
        String key = owner(ownerType, ownerId);
        remove(key);
        if (!replacement.isEmpty()) {
            put(key, List.copyOf(replacement));
        }
        while ((rows.size() > maxOwners || characters > maxCharacters) && rows.size() > 1) {
            remove(rows.keySet().iterator().next());
        }
    }

    private void put(String key, List<ProductRow> set) {
        rows.put(key, set);
        long weight = 0;
        for (ProductRow row : set) {
            weight += String.valueOf(row).length();
        }
        weights.put(key, weight);
        characters += weight;
    }

    private void remove(String key) {
        rows.remove(key);
        Long weight = weights.remove(key);
        characters -= weight == null ? 0 : weight;
    }

    @Override
    public synchronized void clear() {
        rows.clear();
        weights.clear();
        characters = 0;
        lastId.set(0);
    }

    @Override
    public synchronized Snapshot snapshot() {
        List<ProductRow> all = new ArrayList<>();
        rows.values().forEach(all::addAll);
        return new Snapshot(all, lastId.get());
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/productRows/rows", snapshot.rows(),
                r -> r.id() > 0 && r.id() <= snapshot.lastId() && ("D".equals(r.ownerType()) || "L".equals(r.ownerType()))
                        && r.ownerId() > 0 && r.price() != null && r.quantity() != null,
                "a row needs an ID up to lastId, an owner (D or L and an ID), a price and a quantity", "id",
                ProductRow::id);
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        if (snapshot.rows() != null) {
            Map<String, List<ProductRow>> read = new LinkedHashMap<>();
            for (ProductRow row : snapshot.rows()) {
                read.computeIfAbsent(owner(row.ownerType(), row.ownerId()), key -> new ArrayList<>()).add(row);
            }
            read.forEach((key, list) -> put(key, List.copyOf(list)));
        }
        lastId.set(snapshot.lastId());
    }
}
