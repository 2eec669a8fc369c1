package dev.b24emu.emulator.internal.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.specs.Contracts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A follow-up as a seed or the control API gives it: the fields of call.followup.get (callId, startDate, endDate,
 * callType, initiatorId, uuid, language, version, participants, createdAt, tracks and the AI blocks), plus
 * {@code chatMembers}, the users of the call's linked chat. Each AI block and track is held to its schema in
 * specs/, so what is seeded is what the methods may answer; a mistake is an IllegalArgumentException naming it.
 */
public final class FollowUpSpec {
    /** The fields a spec may carry besides the AI blocks. */
    private static final Set<String> FIELDS = Set.of("callId", "callType", "initiatorId", "startDate", "endDate", "uuid",
            "language", "version", "participants", "chatMembers", "createdAt", "tracks");
    private static final String RECORD = "methods/call.followup.record.json#/$defs/";

    private FollowUpSpec() {
    }

    /**
     * A follow-up of a call the portal does not know (a seeded video call): callId and startDate are required.
     *
     * @param storedAt when its AI records were stored, when the spec does not say; null: at the call's end
     */
    public static FollowUp standalone(JsonNode spec, Instant storedAt) {
        requireObject(spec);
        long callId = positive(spec, "callId").orElseThrow(() -> new IllegalArgumentException("callId is required"));
        Instant start = date(spec, "startDate");
        if (start == null) {
            throw new IllegalArgumentException("startDate is required");
        }
        FollowUp bare = new FollowUp(callId, 1, null, start, null, UUID.randomUUID().toString(), null, 1, List.of(),
                List.of(), storedAt, null, Map.of(), null);
        return over(bare, spec, storedAt);
    }

    /** The base with what the spec gives laid over it (the call's identity stays the base's). */
    public static FollowUp over(FollowUp base, JsonNode spec, Instant storedAt) {
        requireObject(spec);
        for (Iterator<String> names = spec.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name) && !FollowUpFields.BLOCKS.contains(name)) {
                throw new IllegalArgumentException("Unknown follow-up field '" + name + "'; a follow-up has "
                        + new java.util.TreeSet<>(FIELDS) + " and " + FollowUpFields.BLOCKS);
            }
        }
        Instant start = base.startDate();
        Instant end = spec.has("endDate") ? date(spec, "endDate") : base.endDate();
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("endDate must not be before startDate");
        }
        long callType = positive(spec, "callType").orElse((long) base.callType());
        if (callType > 3) {
            throw new IllegalArgumentException("callType must be 1, 2 or 3");
        }
        Map<String, JsonNode> blocks = new LinkedHashMap<>(base.blocks());
        for (String block : FollowUpFields.BLOCKS) {
            JsonNode content = spec.get(block);
            if (content != null && !content.isNull()) {
                blocks.put(block, checked(block, content));
            }
        }
        Instant created = spec.has("createdAt") ? date(spec, "createdAt")
                : storedAt != null ? storedAt : base.createdAt() != null ? base.createdAt() : end != null ? end : start;
        String language = text(spec, "language", base.language());
        if (language == null && blocks.containsKey(FollowUpFields.TRANSCRIPTION)) {
            language = blocks.get(FollowUpFields.TRANSCRIPTION).path("language").textValue();
        }
        return new FollowUp(base.callId(), (int) callType,
                spec.has("initiatorId") ? positive(spec, "initiatorId").orElse(null) : base.initiatorId(),
                start, end, text(spec, "uuid", base.uuid()), language,
                positive(spec, "version").orElse((long) base.version()).intValue(),
                spec.has("participants") ? participants(spec.get("participants")) : base.participants(),
                spec.has("chatMembers") ? users(spec.get("chatMembers"), "chatMembers") : base.chatMembers(),
                created, spec.has("tracks") ? tracks(spec.get("tracks")) : base.tracks(), blocks, base.externalCallId());
    }

    private static void requireObject(JsonNode spec) {
        if (spec == null || !spec.isObject()) {
            throw new IllegalArgumentException("A follow-up must be a JSON object");
        }
    }

    private static java.util.Optional<Long> positive(JsonNode spec, String name) {
        JsonNode value = spec.get(name);
        if (value == null || value.isNull()) {
            return java.util.Optional.empty();
        }
        if (!value.isIntegralNumber() || value.asLong() <= 0) {
            throw new IllegalArgumentException(name + " must be a positive integer");
        }
        return java.util.Optional.of(value.asLong());
    }

    private static Instant date(JsonNode spec, String name) {
        JsonNode value = spec.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return IsoTime.parse(value.isTextual() ? value.asText() : null, ZoneOffset.UTC).orElseThrow(() ->
                new IllegalArgumentException(name + " must be an ISO-8601 date-time such as 2026-01-15T10:00:00Z"));
    }

    private static String text(JsonNode spec, String name, String otherwise) {
        JsonNode value = spec.get(name);
        if (value == null) {
            return otherwise;
        }
        if (!value.isTextual() && !value.isNull()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value.textValue();
    }

    private static List<Participant> participants(JsonNode list) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("participants must be an array of {userId, talkedSeconds, name, avatar, workPosition}");
        }
        List<Participant> participants = new ArrayList<>();
        for (JsonNode p : list) {
            String where = "participants/" + participants.size();
            if (!p.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            checkedAgainst(RECORD + "participant", p, where);
            long userId = p.path("userId").asLong();
            if (userId <= 0) {
                throw new IllegalArgumentException(where + "/userId must be a positive integer");
            }
            participants.add(new Participant(userId, p.has("talkedSeconds") ? p.get("talkedSeconds").asLong() : null,
                    p.path("name").textValue(), p.path("avatar").textValue(), p.path("workPosition").textValue()));
        }
        return participants;
    }

    private static List<Long> users(JsonNode list, String name) {
        List<Long> ids = new ArrayList<>();
        if (!list.isArray()) {
            throw new IllegalArgumentException(name + " must be an array of user IDs");
        }
        for (JsonNode id : list) {
            if (!id.isIntegralNumber() || id.asLong() <= 0) {
                throw new IllegalArgumentException(name + " must be an array of user IDs");
            }
            ids.add(id.asLong());
        }
        return ids;
    }

    private static ArrayNode tracks(JsonNode list) {
        if (list.isNull()) {
            return null;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("tracks must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            checkedAgainst(RECORD + "track", list.get(i), "tracks/" + i);
        }
        return (ArrayNode) list.deepCopy();
    }

    private static JsonNode checked(String block, JsonNode content) {
        checkedAgainst(RECORD + block, content, block);
        return content.deepCopy();
    }

    /** The value must be what the methods may answer: its schema in specs/ (call.followup.record.json). */
    private static void checkedAgainst(String schema, JsonNode value, String where) {
        List<Contracts.Violation> violations = Contracts.shared().validate(schema, value);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(where + " does not fit fields.md: " + violations.get(0));
        }
    }
}
