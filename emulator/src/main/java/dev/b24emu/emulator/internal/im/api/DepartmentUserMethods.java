package dev.b24emu.emulator.internal.im.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.im.ImUsers;
import dev.b24emu.emulator.internal.im.MessengerStructure;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.Department;
import dev.b24emu.emulator.internal.users.DepartmentStore;
import dev.b24emu.emulator.internal.users.UserStore;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * im.department.employees.get and im.department.managers.get (CIMRestService::departmentEmployeesGet and
 * departmentManagersGet, specs/DECISIONS.md D183): the people of the departments named, by department in the order
 * of the structure, as user IDs or, with USER_DATA Y, as the messenger describes them.
 */
final class DepartmentUserMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DepartmentUserMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("im.department.employees.get", call -> answer(call, DepartmentUserMethods::employees))
                .add("im.department.managers.get", call -> answer(call, DepartmentUserMethods::managers));
    }

    /** Its active members (MessengerStructure.employees). */
    private static List<Long> employees(Portal portal, Department department) {
        return structure(portal).employees(department);
    }

    /** The portal's structure and users as the messenger reads them. */
    static MessengerStructure structure(Portal portal) {
        return new MessengerStructure(portal.store(DepartmentStore.class).all(), portal.store(UserStore.class).all());
    }

    /** Its head (UF_HEAD), as a list of one; none without a head. */
    private static List<Long> managers(Portal portal, Department department) {
        return department.head() == null || department.head() <= 0 ? List.of() : List.of(department.head());
    }

    /**
     * {"deptId": [...]} for the departments named that have anyone, in the structure's order; [] when none has. The
     * keys are read in any case (array_change_key_case), ID as an array or a JSON array in a string.
     */
    private static JsonNode answer(RestCall call, BiFunction<Portal, Department, List<Long>> people) {
        Set<Long> wanted = ids(call.params());
        if (wanted.isEmpty()) {
            throw RestError.of("ID_EMPTY", "Department ID can't be empty");
        }
        boolean userData = call.params().isY("USER_DATA");
        Portal portal = call.portal();
        ObjectNode result = NODES.objectNode();
        for (Department department : portal.store(DepartmentStore.class).all()) {
            List<Long> ids = wanted.contains(department.id()) ? people.apply(portal, department) : List.of();
            if (!ids.isEmpty()) {
                ArrayNode list = result.putArray(Long.toString(department.id()));
                ids.forEach(id -> list.add(userData ? userView(portal, id) : NODES.numberNode(id)));
            }
        }
        return result.isEmpty() ? NODES.arrayNode() : result; // PHP's empty array is a JSON list
    }

    /** The messenger's view of a user, null for one no longer there (getArray of a user that is not). */
    static JsonNode userView(Portal portal, long id) {
        return portal.store(UserStore.class).get(id).<JsonNode>map(user -> ImUsers.of(user, portal.settings().timeZone()))
                .orElse(NODES.nullNode());
    }

    /**
     * ID as the messenger's list methods read it: an array (each intval, the positive ones, once each), or a string
     * holding one (CUtil::JsObjectToPhp); a number alone is none.
     */
    static Set<Long> ids(Params params) {
        JsonNode ids = params.node("ID").flatMap(Params::decodedJson).orElse(null);
        Set<Long> wanted = new LinkedHashSet<>();
        if (ids != null && ids.isContainerNode()) {
            ids.forEach(id -> {
                long value = Params.phpInt(id);
                if (value > 0) {
                    wanted.add(value);
                }
            });
        }
        return wanted;
    }
}
