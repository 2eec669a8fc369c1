package dev.b24emu.emulator.internal.users;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.PortalSeed;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;
import dev.b24emu.emulator.internal.transport.Params;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * The company structure of one portal (department.*): a tree under one top-level department. Seeded from the
 * "departments" field; a portal whose seed has none has the top-level department 1, where users are by default.
 * Kept in state files; a state written before departments were kept restores that default.
 */
public final class DepartmentStore implements Store<DepartmentStore.Snapshot> {
    public static final String SEED_FIELD = "departments";
    /** the top-level department of a portal whose seed names none (users' UF_DEPARTMENT defaults to it) */
    static final Department DEFAULT_ROOT = new Department(1, "Company", Department.DEFAULT_SORT, null, null);
    /** siblings in the order of the structure: SORT, then name (an information block's sections) */
    private static final Comparator<Department> SIBLINGS = Comparator.comparingInt(Department::sort)
            .thenComparing(Department::name, String.CASE_INSENSITIVE_ORDER).thenComparingLong(Department::id);

    /** maps a department's ID to it */
    private final ConcurrentSkipListMap<Long, Department> departments = new ConcurrentSkipListMap<>();

    /** What state files keep: every department. */
    public record Snapshot(List<Department> departments) {
    }

    public DepartmentStore() {
        clear();
    }

    public Optional<Department> get(long id) {
        return Optional.ofNullable(departments.get(id));
    }

    /** Every department in the order of the structure: depth first from the top, siblings by SORT and name. */
    public List<Department> all() {
        Map<Long, List<Department>> children = departments.values().stream().sorted(SIBLINGS)
                .collect(Collectors.groupingBy(d -> d.parent() == null ? 0L : d.parent(), Collectors.toList()));
        List<Department> ordered = new ArrayList<>();
        children.getOrDefault(0L, List.of()).forEach(root -> addWithChildren(root, children, ordered));
        return ordered;
    }

    private static void addWithChildren(Department department, Map<Long, List<Department>> children,
                                        List<Department> ordered) {
        ordered.add(department);
        children.getOrDefault(department.id(), List.of()).forEach(child -> addWithChildren(child, children, ordered));
    }

    /** The department and those above it, up to the top. */
    public List<Long> withAncestors(long id) {
        List<Long> chain = new ArrayList<>();
        for (Department d = departments.get(id); d != null && !chain.contains(d.id()); d = lookUp(d.parent())) {
            chain.add(d.id());
        }
        return chain;
    }

    private Department lookUp(Long id) {
        return id == null ? null : departments.get(id);
    }

    public synchronized void put(Department department) {
        departments.put(department.id(), department);
    }

    /** Removes a department with every department below it, as an information block section goes with its own. */
    public synchronized void remove(long id) {
        departments.values().stream().filter(d -> Long.valueOf(id).equals(d.parent())).map(Department::id).toList()
                .forEach(this::remove);
        departments.remove(id);
    }

    public synchronized long nextId() {
        return departments.isEmpty() ? 1 : departments.lastKey() + 1;
    }

    @Override
    public synchronized void clear() {
        departments.clear();
        put(DEFAULT_ROOT);
    }

    @Override
    public synchronized void seed(Portal portal, PortalSeed seed) {
        @SuppressWarnings("unchecked")
        List<Department> seeded = seed.section(SEED_FIELD, List.class).orElse(List.of());
        if (!seeded.isEmpty()) {
            departments.clear();
            seeded.forEach(this::put);
        }
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(all());
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/departments/departments", snapshot.departments(),
                d -> d.id() > 0 && d.name() != null, "a department needs a positive id and a name", "id", Department::id);
        if (snapshot.departments().stream().filter(d -> d.parent() == null).count() != 1) {
            throw new StateException("/departments/departments: the structure has one top-level department (no parent)");
        }
    }

    @Override
    public synchronized void restore(Snapshot snapshot) {
        departments.clear();
        snapshot.departments().forEach(this::put);
    }

    /**
     * A seed's departments ({"ID"?, "NAME", "SORT"?, "PARENT"?, "UF_HEAD"?}): ID defaults to the next free one; the
     * first without PARENT is the top-level department, every other names a department before it.
     */
    public static SeedSection seedSection() {
        return SeedSection.<Department>array(SEED_FIELD, (fields, before) -> {
            long id = fields.has("ID") ? Params.phpInt(fields.get("ID"))
                    : before.stream().mapToLong(Department::id).max().orElse(0) + 1;
            String name = Params.scalarText(fields.get("NAME")).orElse("");
            Long parent = optionalId(fields.get("PARENT"));
            Long head = optionalId(fields.get("UF_HEAD"));
            if (id <= 0 || name.isBlank()) {
                throw new IllegalArgumentException("a department needs a positive ID and a NAME");
            }
            if (before.stream().anyMatch(d -> d.id() == id)) {
                throw new IllegalArgumentException("department " + id + " appears twice");
            }
            if (parent == null && before.stream().anyMatch(d -> d.parent() == null)) {
                throw new IllegalArgumentException("only one department has no PARENT (the top-level one)");
            }
            if (parent != null && before.stream().noneMatch(d -> d.id() == parent)) {
                throw new IllegalArgumentException("PARENT " + parent + " must be a department listed before it");
            }
            long sort = fields.has("SORT") ? Params.phpInt(fields.get("SORT")) : Department.DEFAULT_SORT;
            return new Department(id, name, (int) sort, parent, head);
        });
    }

    private static Long optionalId(JsonNode value) {
        long id = value == null || value.isNull() ? 0 : Params.phpInt(value);
        return id > 0 ? id : null;
    }
}
