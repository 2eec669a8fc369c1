package dev.b24emu.emulator.internal.voximplant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A statistics record as voximplant.statistic.get answers it: the fields in the example's order, with its wire
 * types: IDs and numbers as strings (read from the database), COST with four decimals, CALL_START_DATE in ISO-8601
 * with the portal's offset, RECORD_FILE_ID an integer (computed by the server), empty values null.
 */
public final class StatViews {
    private StatViews() {
    }

    public static ObjectNode record(Portal portal, StatRow row, StatLookup lookup) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (StatField field : StatField.values()) {
            if (!field.answered()) {
                continue;
            }
            Object value = field.value(row, lookup);
            String name = field.name();
            if (value == null) {
                json.putNull(name);
            } else if (field == StatField.RECORD_FILE_ID) {
                json.put(name, (Long) value);
            } else if (value instanceof Instant instant) {
                json.put(name, portal.iso(instant));
            } else if (value instanceof BigDecimal cost) {
                json.put(name, cost.setScale(4, RoundingMode.HALF_UP).toPlainString());
            } else {
                json.put(name, value.toString());
            }
        }
        return json;
    }
}
