package dev.b24emu.emulator.internal.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AI follow-up of one call, as stored (api-reference/telephony/follow-up/fields.md). The AI blocks are kept as
 * the JSON the docs describe (transcription, overview, summary, insights, evaluation), with mentions written in the
 * BB form {@code [USER=7]Name[/USER]}; reading renders them in the format asked for.
 *
 * @param callId         the call's identifier: the statistics row ID of a finished external call, or a seeded one
 * @param callType       1 instant call, 2 persistent conference, 3 large room
 * @param initiatorId    the user who started the call, or null (an incoming external call is started by the client)
 * @param endDate        the end of the call, or null while it goes on
 * @param chatMembers    users of the call's linked chat: they see the follow-up as participants do
 * @param tracks         the recordings (fields.md#track), or null
 * @param blocks         maps each stored AI block name to its content
 * @param externalCallId the telephony CALL_ID of the external call it belongs to, or null for a seeded video call
 */
public record FollowUp(long callId, int callType, Long initiatorId, Instant startDate, Instant endDate, String uuid,
                       String language, int version, List<Participant> participants, List<Long> chatMembers,
                       Instant createdAt, ArrayNode tracks, Map<String, JsonNode> blocks, String externalCallId) {
    public FollowUp {
        participants = List.copyOf(participants);
        chatMembers = List.copyOf(chatMembers);
        blocks = ordered(blocks);
    }

    /** "Total call duration in seconds (endDate - startDate)"; 0 while the call goes on. */
    public long durationSeconds() {
        return endDate == null ? 0 : Math.max(0, Duration.between(startDate, endDate).toSeconds());
    }

    /** The names of the stored AI blocks, in the documented order (the field "outcomes"). */
    public List<String> outcomes() {
        return List.copyOf(blocks.keySet());
    }

    /**
     * "A standard User receives Follow-ups for calls they participated in or for which they are part of a linked
     * chat" (follow-up/index.md, Data Access); administrators are let through by the caller of this check.
     */
    public boolean concerns(long userId) {
        return chatMembers.contains(userId) || participants.stream().anyMatch(p -> p.userId() == userId);
    }

    public boolean hasParticipant(long userId) {
        return participants.stream().anyMatch(p -> p.userId() == userId);
    }

    /** The same follow-up with these recordings. */
    FollowUp withTracks(ArrayNode recordings) {
        return new FollowUp(callId, callType, initiatorId, startDate, endDate, uuid, language, version, participants,
                chatMembers, createdAt, recordings, blocks, externalCallId);
    }

    /** The same follow-up with one AI block stored (or replaced) at a moment. */
    public FollowUp withBlock(String name, JsonNode content, Instant storedAt) {
        Map<String, JsonNode> more = new LinkedHashMap<>(blocks);
        more.put(name, content);
        return new FollowUp(callId, callType, initiatorId, startDate, endDate, uuid,
                name.equals(FollowUpFields.TRANSCRIPTION) && language == null ? content.path("language").textValue() : language,
                version, participants, chatMembers, storedAt, tracks, more, externalCallId);
    }

    private static Map<String, JsonNode> ordered(Map<String, JsonNode> blocks) {
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        for (String name : FollowUpFields.BLOCKS) {
            JsonNode block = blocks.get(name);
            if (block != null && !block.isNull()) {
                ordered.put(name, block);
            }
        }
        return java.util.Collections.unmodifiableMap(ordered);
    }
}
