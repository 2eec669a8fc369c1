package dev.b24emu.emulator.internal.im;

import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.users.Department;
import dev.b24emu.emulator.internal.users.DepartmentStore;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The company structure as the messenger reads it (Bitrix\Im\Department, specs/DECISIONS.md D183, D185): each
 * department's people, full names, and a user's colleagues. The structure comes in its own order (a parent before its
 * children), as the portal's DepartmentStore keeps it.
 */
public final class MessengerStructure {
    private final List<Department> structure;
    private final List<User> users;

    public MessengerStructure(List<Department> structure, Collection<User> users) {
        this.structure = List.copyOf(structure);
        this.users = List.copyOf(users);
    }

    /** A portal's structure and users as they stand. */
    public static MessengerStructure of(Portal portal) {
        return new MessengerStructure(portal.store(DepartmentStore.class).all(), portal.store(UserStore.class).all());
    }

    /** The departments, in the structure's order. */
    public List<Department> departments() {
        return structure;
    }

    /** A department's head (UF_HEAD) as a list of one; none without a head. */
    public static List<Long> head(Department department) {
        return department.head() == null || department.head() <= 0 ? List.of() : List.of(department.head());
    }

    /** A department's active members (UF_DEPARTMENT names it; a head only when it names it too), by ID. */
    public List<Long> employees(Department department) {
        return users.stream().filter(user -> user.active() && user.departments().contains(department.id()))
                .map(User::id).sorted().toList();
    }

    /** "Name / parent's full name", the top department its own name (Integration\Intranet\Department::getList). */
    public Map<Long, String> fullNames() {
        Map<Long, String> names = new HashMap<>();
        for (Department department : structure) {
            String parent = department.parent() == null ? null : names.get(department.parent());
            names.put(department.id(), parent == null ? department.name() : department.name() + " / " + parent);
        }
        return names;
    }

    /**
     * Department::getColleagues: the heads of the user's departments, then their active members, then, if the user
     * heads a department, every department's head; each once, in the structure's order, never the user.
     */
    public List<Long> colleagues(long userId) {
        List<Long> own = users.stream().filter(user -> user.id() == userId).findFirst().map(User::departments)
                .orElse(List.of());
        Set<Long> colleagues = new LinkedHashSet<>();
        structure.stream().filter(d -> own.contains(d.id())).forEach(d -> addHead(colleagues, d));
        structure.stream().filter(d -> own.contains(d.id())).forEach(d -> colleagues.addAll(employees(d)));
        if (structure.stream().anyMatch(d -> d.head() != null && d.head() == userId)) {
            structure.forEach(d -> addHead(colleagues, d));
        }
        colleagues.remove(userId);
        return new ArrayList<>(colleagues);
    }

    private static void addHead(Set<Long> colleagues, Department department) {
        colleagues.addAll(head(department));
    }
}
