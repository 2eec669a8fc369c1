package dev.b24emu.emulator.internal.im.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.transport.Params;

import java.util.LinkedHashSet;
import java.util.Set;

/** ID as the messenger's list methods read it (CIMRestService: userList, departmentGet, departmentEmployeesGet). */
final class IdList {
    private IdList() {
    }

    /**
     * An array (each intval, the positive ones, once each, in the order given), or a string holding one
     * (CUtil::JsObjectToPhp); a number alone is none.
     */
    static Set<Long> of(Params params) {
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
