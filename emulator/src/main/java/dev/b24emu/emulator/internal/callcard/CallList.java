package dev.b24emu.emulator.internal.callcard;

import dev.b24emu.emulator.internal.crm.CrmEntityType;

import java.util.List;
import java.util.Map;

/**
 * A call list (crm.calllist.*): contacts or companies to call, each with its status (IN_WORK, SUCCESS, WRONG_NUMBER,
 * STOP_CALLING).
 */
public record CallList(long id, CrmEntityType entityType, List<Long> entities, Map<Long, String> statuses,
                       Long webformId, long createdBy, String dateCreate) {
    public CallList {
        entities = List.copyOf(entities);
        statuses = Map.copyOf(statuses);
    }
}
