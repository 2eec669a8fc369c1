package dev.b24emu.emulator.internal.crm.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.StageHistoryList;
import dev.b24emu.emulator.internal.crm.StageHistoryStore;
import dev.b24emu.emulator.internal.rest.ActionParams;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.ListResult;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * crm.stagehistory.list (the StageHistory controller's listAction(int $entityTypeId, array $order, array $filter,
 * array $select), specs/DECISIONS.md D181): the stage history of leads (1) and deals (2) by pages of 50 in
 * result.items, total and next beside it. Old invoices (5) and smart invoices (31) have one on a real portal; the
 * emulator keeps none of them, so theirs is empty. Any other type is not supported.
 */
final class StageHistoryMethods {
    /** the types a real portal keeps a stage history of whose objects the emulator does not keep */
    private static final Set<Long> EMPTY_TYPES = Set.of(5L, 31L);
    /** CCrmOwnerType::GetDescription of the types a client is likeliest to ask about */
    private static final Map<Long, String> DESCRIPTIONS = Map.of(3L, "Contact", 4L, "Company", 7L, "Quote",
            6L, "Activity", 8L, "Requisite");

    private StageHistoryMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("crm.stagehistory.list", StageHistoryMethods::list);
    }

    private static ListResult list(RestCall call) {
        ActionParams params = new ActionParams(call.params());
        long entityTypeId = params.requiredInt("entityTypeId"); // every argument is bound before the action runs
        JsonNode order = params.optionalArray("order").orElse(null);
        JsonNode filter = params.optionalArray("filter").orElse(null);
        JsonNode select = params.optionalArray("select").orElse(null);
        long start = call.params().start();
        if (EMPTY_TYPES.contains(entityTypeId)) {
            return ListResult.controllerPage("items", List.<ObjectNode>of(), start, row -> row);
        }
        CrmEntityType type = CrmEntityType.byOwnerTypeId(entityTypeId)
                .filter(t -> t == CrmEntityType.LEAD || t == CrmEntityType.DEAL)
                .orElseThrow(() -> RestError.of("ENTITY_TYPE_NOT_SUPPORTED", "Entity type "
                        + DESCRIPTIONS.getOrDefault(entityTypeId, "") + " is not supported"));
        List<ObjectNode> rows = StageHistoryList.rows(call.portal().store(StageHistoryStore.class), type, filter,
                order, call.portal().settings().timeZone());
        return ListResult.controllerPage("items", rows, start, StageHistoryList.selected(type, select));
    }
}
