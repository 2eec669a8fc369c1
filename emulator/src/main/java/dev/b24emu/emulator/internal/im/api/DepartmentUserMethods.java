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
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.Department;

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
        methods.add("im.department.employees.get", call -> answer(call, MessengerStructure::employees))
                .add("im.department.managers.get", call -> answer(call, (structure, d) -> MessengerStructure.head(d)));
    }

    /**
     * {"deptId": [...]} for the departments named that have anyone, in the structure's order; [] when none has. The
     * keys are read in any case (array_change_key_case), ID as an array or a JSON array in a string.
     */
    private static JsonNode answer(RestCall call, BiFunction<MessengerStructure, Department, List<Long>> people) {
        Set<Long> wanted = IdList.of(call.params());
        if (wanted.isEmpty()) {
            throw RestError.of("ID_EMPTY", "Department ID can't be empty");
        }
        boolean userData = call.params().isY("USER_DATA");
        Portal portal = call.portal();
        MessengerStructure structure = MessengerStructure.of(portal);
        ObjectNode result = NODES.objectNode();
        for (Department department : structure.departments()) {
            List<Long> ids = wanted.contains(department.id()) ? people.apply(structure, department) : List.of();
            if (!ids.isEmpty()) {
                ArrayNode list = result.putArray(Long.toString(department.id()));
                ids.forEach(id -> list.add(userData ? ImUsers.of(portal, id) : NODES.numberNode(id)));
            }
        }
        return result.isEmpty() ? NODES.arrayNode() : result; // PHP's empty array is a JSON list
    }
}
