package dev.b24emu.emulator.internal.users;

import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.function.BiConsumer;

/**
 * department.add, .update and .delete (CIntranetRestService): for a user who may change the structure (a portal
 * administrator), each in the portal's exclusive section; the failures the pages list are ERROR_CORE.
 */
public final class DepartmentEditing {
    private DepartmentEditing() {
    }

    /** A new department under PARENT; its ID. */
    public static long add(Caller caller, Params p) {
        Portal portal = caller.portal();
        requireEditor(caller);
        String name = requireName(p.text("NAME").orElse(""));
        long parent = p.phpInt("PARENT");
        return portal.exclusive(() -> {
            DepartmentStore store = portal.store(DepartmentStore.class);
            requireParent(store, parent, 0);
            ConfigBound.admit(portal, store.all(), p.tree(), "departments");
            long id = store.nextId();
            store.put(new Department(id, name, sort(p, Department.DEFAULT_SORT), parent, head(p, null)));
            return id;
        });
    }

    /** Changes the department ID: what is given of NAME, SORT, PARENT and UF_HEAD (0 removes the head). */
    public static void update(Caller caller, Params p) {
        change(caller, p, (store, old) -> {
            String name = requireName(p.text("NAME").orElse(old.name()));
            Long parent = old.parent();
            if (p.has("PARENT")) {
                parent = p.phpInt("PARENT");
                requireParent(store, parent, old.id());
            }
            Department changed = new Department(old.id(), name, sort(p, old.sort()), parent, head(p, old.head()));
            ConfigBound.admitChange(caller.portal(), store.all(), old, changed, "departments");
            store.put(changed);
        });
    }

    /** Deletes the department ID with the departments below it; its users keep their UF_DEPARTMENT. */
    public static void delete(Caller caller, Params p) {
        change(caller, p, (store, department) -> {
            if (department.parent() == null) {
                throw RestError.of("ERROR_CORE", "The top-level department cannot be deleted");
            }
            store.remove(department.id());
        });
    }

    /** A change of the existing department ID, by an editor, in the portal's exclusive section. */
    private static void change(Caller caller, Params p, BiConsumer<DepartmentStore, Department> change) {
        requireEditor(caller);
        caller.portal().exclusive(() -> {
            DepartmentStore store = caller.portal().store(DepartmentStore.class);
            change.accept(store, store.get(p.phpInt("ID")).orElseThrow(DepartmentEditing::notFound));
            return null;
        });
    }

    private static void requireEditor(Caller caller) {
        if (!Access.isAdmin(caller)) {
            throw RestError.of("ERROR_CORE", "Access denied");
        }
    }

    private static String requireName(String name) {
        if (name.isBlank()) {
            throw RestError.of("ERROR_CORE", "The department name is not provided.<br>");
        }
        return name;
    }

    /**
     * A parent must be a department; none (0) would be a second top-level one, and a department cannot go below
     * itself or one of its own.
     */
    private static void requireParent(DepartmentStore store, long parent, long moved) {
        if (parent <= 0) {
            throw RestError.of("ERROR_CORE", "There can only be one top-level department in the company structure");
        }
        if (store.get(parent).isEmpty()) {
            throw RestError.of("ERROR_CORE", "The parent department is not found");
        }
        if (moved > 0 && store.withAncestors(parent).contains(moved)) {
            throw RestError.of("ERROR_CORE", "A department cannot be placed below itself");
        }
    }

    private static RestError notFound() {
        return RestError.of("ERROR_CORE", "Department not found");
    }

    private static int sort(Params p, int otherwise) {
        long sort = p.phpInt("SORT");
        return sort > 0 ? (int) Math.min(sort, Integer.MAX_VALUE) : otherwise;
    }

    private static Long head(Params p, Long otherwise) {
        if (!p.has("UF_HEAD")) {
            return otherwise;
        }
        long head = p.phpInt("UF_HEAD");
        return head > 0 ? head : null;
    }
}
