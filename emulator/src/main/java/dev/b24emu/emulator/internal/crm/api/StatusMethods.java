package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.b24emu.emulator.internal.crm.CrmFieldDescriptions;
import dev.b24emu.emulator.internal.crm.CrmStatuses;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;
import dev.b24emu.emulator.internal.users.Access;

/** crm.status.fields, .get, .add, .update, .delete: the reference guides' values (CCrmStatusRestProxy, D148). */
final class StatusMethods {
    private StatusMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("crm.status.fields", call -> CrmFieldDescriptions.of("status"))
                .add("crm.status.get", call -> CrmStatuses.get(call.portal(), id(call.params())))
                .add("crm.status.add", call -> IntNode.valueOf((int) CrmStatuses.add(call.portal(),
                        Access.isAdmin(call.caller()), CrmMethods.objectParam(call.params(), "fields"))))
                .add("crm.status.update", call -> {
                    long id = id(call.params());
                    CrmStatuses.update(call.portal(), Access.isAdmin(call.caller()), id,
                            CrmMethods.objectParam(call.params(), "fields"));
                    return BooleanNode.TRUE;
                })
                .add("crm.status.delete", call -> {
                    long id = id(call.params());
                    CrmStatuses.delete(call.portal(), Access.isAdmin(call.caller()), id,
                            call.params().node("params").orElse(null));
                    return BooleanNode.TRUE;
                });
    }

    /** ID or id, cast to an integer as CCrmRestProxyBase reads it. */
    private static long id(Params p) {
        long id = p.has("ID") ? p.phpInt("ID") : p.phpInt("id");
        if (id <= 0) {
            throw RestError.of("ERROR_CORE", "ID is not defined or invalid.");
        }
        return id;
    }
}
