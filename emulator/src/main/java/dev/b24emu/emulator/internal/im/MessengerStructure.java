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

    /**
     * "Name / parent's full name", the top department its own name (Integration\Intranet\Department::getList), for the
     * departments asked for only: every department's, each holding its ancestors' names, made a chain of 950 long names
     * run the heap out for a 13-byte request.
     */
    public Map<Long, String> fullNames(Collection<Department> asked) {
        Map<Long, Department> byId = new HashMap<>();
        structure.forEach(department -> byId.put(department.id(), department));
        Map<Long, String> names = new HashMap<>();
        for (Department department : asked) {
            StringBuilder name = new StringBuilder(department.name());
            Department at = department;
            // a parent before its child: the walk ends at the top, and at most once round the structure
            for (int steps = 0; at.parent() != null && byId.containsKey(at.parent()) && steps < structure.size(); steps++) {
                at = byId.get(at.parent());
                name.append(" / ").append(at.name());
            }
            names.put(department.id(), name.toString());
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
