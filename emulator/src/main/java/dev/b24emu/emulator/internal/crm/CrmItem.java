package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One lead, deal, contact or company. Its fields are kept in the wire form the real API returns
 * (IDs and most numbers as strings, multifields as lists of {ID, VALUE_TYPE, VALUE, TYPE_ID}); the
 * node is frozen at construction ({@link FrozenFields}: read-only and compact), an update builds a new item from
 * a deep copy.
 */
public record CrmItem(CrmEntityType type, long id, ObjectNode fields) {
    public CrmItem {
        fields = fields == null ? null : FrozenFields.freeze(fields); // read-only from here (FrozenFields)
    }

    public static final List<String> MULTIFIELDS = List.of("PHONE", "EMAIL", "WEB", "IM");
    private static final Set<String> CLOSED_LEAD_STATUSES = Set.of("CONVERTED", "JUNK");
    private static final Set<String> CLOSED_DEAL_STAGES = Set.of("WON", "LOSE");

    public CrmRef ref() {
        return new CrmRef(type, id);
    }

    public long assignedById() {
        return longField("ASSIGNED_BY_ID");
    }

    public long longField(String name) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            return 0;
        }
        try {
            return Long.parseLong(value.asText().trim());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    public String text(String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** The match keys of the PHONE values, each once (the index is written once per key, not per repeated number). */
    public Set<String> phoneKeys() {
        Set<String> keys = new LinkedHashSet<>();
        JsonNode phones = fields.get("PHONE");
        if (phones != null && phones.isArray()) {
            for (JsonNode phone : phones) {
                String key = PhoneNumbers.matchKey(phone.path("VALUE").asText(""));
                if (!key.isEmpty()) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /** The name searchCrmEntities shows: a person's full name, or the title of a company, deal or nameless lead. */
    public String displayName() {
        String person = String.join(" ", List.of(text("NAME"), text("SECOND_NAME"), text("LAST_NAME"))
                .stream().filter(s -> !s.isBlank()).toList());
        if (type == CrmEntityType.COMPANY || type == CrmEntityType.DEAL || person.isBlank()) {
            return text("TITLE");
        }
        return person;
    }

    /** Open leads and deals block repeat-sales creation; closed ones (converted, junk, won, lost) do not. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isOpen() {
        return switch (type) {
            case LEAD -> !CLOSED_LEAD_STATUSES.contains(text("STATUS_ID"));
            case DEAL -> !CLOSED_DEAL_STAGES.contains(stageWithoutCategory()) && !"Y".equals(text("CLOSED"));
            default -> true;
        };
    }

    private String stageWithoutCategory() {
        String stage = text("STAGE_ID");
        int colon = stage.indexOf(':');
        return colon < 0 ? stage : stage.substring(colon + 1);
    }
}
