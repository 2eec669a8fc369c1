package dev.b24emu.emulator.internal.followup;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a follow-up {@code select} asks for (fields.md#select): root fields, and of an AI block either all of it or
 * some of its keys by dot notation ({@code overview.topic}). {@code callId} is always in.
 *
 * @param fields maps each selected root field, in the documented order, to the block keys asked for (empty: the
 *               whole field)
 */
public record Selection(Map<String, Set<String>> fields) {
    public Selection {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Every root field: call.followup.get without select. */
    public static Selection all() {
        return of(FollowUpFields.ROOT.stream().map(FollowUpFields.Field::name).toList());
    }

    /** The basic metadata: no select on call.followup.list, or an empty one on either method. */
    public static Selection basic() {
        return of(FollowUpFields.BASIC);
    }

    /**
     * A select as given: absent (or null) gives {@code whenAbsent}, [] the basic fields, a list those paths plus
     * callId; anything else, or a path the docs do not list (participants.name, summary.segments), is
     * invalid_select_field.
     */
    public static Selection parse(JsonNode select, Selection whenAbsent) {
        if (select == null || select.isNull()) {
            return whenAbsent;
        }
        if (!select.isArray()) {
            throw FollowUpErrors.selectField();
        }
        if (select.isEmpty()) {
            return basic();
        }
        Map<String, Set<String>> asked = new LinkedHashMap<>();
        asked.put("callId", new LinkedHashSet<>());
        for (JsonNode item : select) {
            String path = item.isTextual() ? item.asText() : "";
            int dot = path.indexOf('.');
            String root = dot < 0 ? path : path.substring(0, dot);
            String key = dot < 0 ? null : path.substring(dot + 1);
            if (!FollowUpFields.isRoot(root)
                    || (key != null && !FollowUpFields.SUB_PATHS.getOrDefault(root, List.of()).contains(key))) {
                throw FollowUpErrors.selectField();
            }
            Set<String> keys = asked.get(root);
            if (key == null) {
                asked.put(root, new LinkedHashSet<>()); // the whole block wins over any of its keys
            } else if (keys == null) {
                asked.put(root, new LinkedHashSet<>(List.of(key)));
            } else if (!keys.isEmpty()) {
                keys.add(key);
            }
        }
        Map<String, Set<String>> ordered = new LinkedHashMap<>();
        for (FollowUpFields.Field field : FollowUpFields.ROOT) {
            Set<String> keys = asked.get(field.name());
            if (keys != null) {
                List<String> documented = FollowUpFields.SUB_PATHS.getOrDefault(field.name(), List.of());
                Set<String> inOrder = new LinkedHashSet<>();
                documented.stream().filter(keys::contains).forEach(inOrder::add);
                ordered.put(field.name(), inOrder);
            }
        }
        return new Selection(ordered);
    }

    /** Whether a page of these fields holds at most 20 follow-ups (transcription, overview, insights). */
    public boolean heavy() {
        return fields.keySet().stream().anyMatch(FollowUpFields.HEAVY::contains);
    }

    private static Selection of(List<String> names) {
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        names.forEach(name -> fields.put(name, Set.of()));
        return new Selection(fields);
    }
}
