package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A portal's deal pipelines (b_crm_deal_category, and the default pipeline's options), kept in state files
 * (specs/DECISIONS.md D171). Their stages are rows of the CRM status store (DEAL_STAGE_{id}).
 */
public final class DealCategoryStore implements Store<DealCategoryStore.Snapshot> {
    /**
     * One pipeline: b_crm_deal_category's row.
     *
     * @param createdDate the day it was added, as ConvertDate writes it
     */
    public record Category(long id, String name, long sort, String createdDate, String originId, String originatorId) {
    }

    /**
     * What state files keep.
     *
     * @param defaultName the default pipeline's name (option default_deal_category_name), null for the built-in one
     * @param defaultSort the default pipeline's sort (option default_deal_category_sort)
     */
    public record Snapshot(String defaultName, long defaultSort, List<Category> categories, long lastId) {
    }

    /** maps a pipeline's ID to it, by ID (the default pipeline, 0, has no row) */
    private final Map<Long, Category> categories = new ConcurrentSkipListMap<>();
    /** the last ID given: the table's auto-increment, never reused */
    private long lastId;
    private volatile String defaultName;
    private volatile long defaultSort;

    public Collection<Category> all() {
        return categories.values();
    }

    public Optional<Category> get(long id) {
        return Optional.ofNullable(categories.get(id));
    }

    synchronized long nextId() {
        return ++lastId;
    }

    void put(Category category) {
        categories.put(category.id(), category);
    }

    void remove(long id) {
        categories.remove(id);
    }

    /** The default pipeline's name as set, or null for the built-in one. */
    String defaultName() {
        return defaultName;
    }

    void defaultName(String name) {
        defaultName = name;
    }

    long defaultSort() {
        return defaultSort;
    }

    void defaultSort(long sort) {
        defaultSort = sort;
    }

    @Override
    public synchronized void clear() {
        categories.clear();
        lastId = 0;
        defaultName = null;
        defaultSort = 0;
    }

    @Override
    public synchronized Snapshot snapshot() {
        return new Snapshot(defaultName, defaultSort, List.copyOf(categories.values()), lastId);
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/dealCategories/categories", snapshot.categories(),
                c -> c.id() > 0 && c.id() <= snapshot.lastId() && c.name() != null && !c.name().isBlank() && c.sort() >= 0,
                "a pipeline needs an ID up to lastId, a name and a sort of 0 or more", "id", Category::id);
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        if (snapshot.categories() != null) {
            snapshot.categories().forEach(this::put);
        }
        lastId = snapshot.lastId();
        defaultName = snapshot.defaultName();
        defaultSort = Math.max(0, snapshot.defaultSort());
    }
}
