package dev.b24emu.emulator.internal.callcard.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.callcard.CallCardStore;
import dev.b24emu.emulator.internal.callcard.CallLists;
import dev.b24emu.emulator.internal.crm.CrmStatusStore;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.crm.CrmActivities;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.transport.ListQuery;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.List;

/** crm.calllist.add / update / get / list / items.get / statuslist (api-reference/crm/call-list/). */
final class CallListMethods {
    private CallListMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("crm.calllist.add", call -> {
                    long id = CallLists.create(call.portal(), call.userId(), call.params()).id();
                    CrmActivities.addCallList(call.portal(), Origin.of(call), id); // the controller's createActivity()
                    return IntNode.valueOf((int) id);
                })
                .add("crm.calllist.update", call -> {
                    CallLists.update(call.portal(), call.userId(), call.params());
                    return BooleanNode.TRUE;
                })
                .add("crm.calllist.get", call -> {
                    if (!call.params().has("ID")) {
                        throw RestError.of("ERROR_ARGUMENT", "ID is not found");
                    }
                    return CallLists.view(CallLists.require(call.portal(), call.params().phpInt("ID")));
                })
                .add("crm.calllist.list", call -> {
                    ListQuery.unknownField(call.params(), CallLists.LIST_FIELDS).ifPresent(field -> {
                        throw RestError.of("100", "Unknown field definition `" + field + "` (" + field
                                + ") for \\Bitrix\\Crm\\CallList\\Internals\\CallList Entity.");
                    });
                    List<ObjectNode> rows = call.portal().store(CallCardStore.class).lists().stream()
                            .map(list -> (ObjectNode) CallLists.view(list).without("ENTITY_TYPE")).toList();
                    // \Bitrix\Crm\Controller\CallList: start an offset (-1 every list), and neither next nor
                    // total in the answer (D143)
                    ListQuery query = ListQuery.from(call.params()).paged(call.params().start() < 0
                            ? ListQuery.Paging.ALL : ListQuery.Paging.OFFSET);
                    return ListResult.uncounted(query.run(rows).items());
                })
                .add("crm.calllist.items.get", call -> CallLists.items(call.portal(), call.params()))
                .add("crm.calllist.statuslist", call -> {
                    // the CALL_LIST guide crm.status.list shows, in the typed form of this method's page
                    ArrayNode statuses = JsonNodeFactory.instance.arrayNode();
                    call.portal().store(CrmStatusStore.class).guide(CrmStatusStore.CALL_LIST).forEach(row ->
                            statuses.addObject().put("ID", row.path("ID").asInt()).put("NAME", row.path("NAME").asText())
                                    .put("SORT", row.path("SORT").asInt()).put("STATUS_ID", row.path("STATUS_ID").asText()));
                    return statuses;
                });
    }
}
