package dev.b24emu.emulator.internal.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.telephony.Call;
import dev.b24emu.emulator.internal.telephony.CallRecord;
import dev.b24emu.emulator.internal.telephony.CallCompletion;
import dev.b24emu.emulator.internal.telephony.CallListener;
import dev.b24emu.emulator.internal.telephony.FinishedCall;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;
import dev.b24emu.emulator.internal.telephony.Transcript;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The follow-ups of a portal's calls: a finished external call gets one when a transcription is attached to it
 * (telephony.call.attachTranscription) or when the control API adds AI blocks to it; other calls' follow-ups are
 * seeded. Reading applies the documented access rule: a user sees the follow-ups of calls they took part in or
 * whose linked chat they are in, an administrator every one (follow-up/index.md, Data Access).
 */
public final class FollowUps implements CallListener {
    /** A page of call.followup.list: its follow-ups and whether more follow after the last. */
    public record Page(List<FollowUp> items, boolean hasMore) {
    }

    @Override
    public void transcribed(Portal portal, FinishedCall row, Transcript transcript) {
        JsonNode block = transcription(portal, row, transcript);
        portal.store(FollowUpStore.class).update(row.id(), current -> current.orElseGet(() -> ofCall(row))
                .withBlock(FollowUpFields.TRANSCRIPTION, block, portal.now()));
    }

    /**
     * Body of POST /_emulator/portals/{id}/followups: {"call": CALL_ID of a finished call, ...AI blocks} adds to that
     * call's follow-up; without "call" a follow-up of its own (callId and startDate required) replaces any other of
     * that callId.
     */
    public FollowUp store(Portal portal, JsonNode spec) {
        if (spec == null || !spec.isObject()) {
            throw new IllegalArgumentException("A follow-up must be a JSON object");
        }
        JsonNode call = spec.get("call");
        if (call == null) {
            FollowUp followUp = FollowUpSpec.standalone(spec, portal.now());
            portal.store(FollowUpStore.class).put(followUp);
            return followUp;
        }
        if (spec.has("callId") || spec.has("startDate")) {
            throw new IllegalArgumentException("A follow-up of a finished call takes its callId and startDate from the call");
        }
        FinishedCall row = portal.store(TelephonyStore.class).finished(call.asText()).orElseThrow(() ->
                new IllegalArgumentException("call must be the CALL_ID of a finished call of the portal: " + call.asText()));
        ObjectNode blocks = ((ObjectNode) spec).deepCopy();
        blocks.remove("call");
        return portal.store(FollowUpStore.class).update(row.id(), current ->
                FollowUpSpec.over(current.orElseGet(() -> ofCall(row)), blocks, portal.now()));
    }

    /**
     * A follow-up as call.followup.get and list answer it (and the control API shows it): the selected fields, its
     * participants' display data from their profiles, its recordings as tracks.
     */
    public static ObjectNode render(Portal portal, FollowUp followUp, Selection select, MentionFormat mentions) {
        return FollowUpView.render(withRecordings(portal, followUp), select, mentions, portal.store(UserStore.class)::get);
    }

    /**
     * The follow-up with its recordings (fields.md#track; specs/DECISIONS.md D155): an external call's record, as
     * telephony.externalcall.attachRecord or finish's RECORD_URL left it, is its one track of type "record"
     * (Bitrix\Call\Track::TYPE_RECORD), read when the follow-up is, so a record attached after the transcription is
     * there too; a seeded follow-up keeps the tracks it was given; a call without a recording has an empty list, the
     * array the page types the field as, not null.
     */
    static FollowUp withRecordings(Portal portal, FollowUp followUp) {
        if (followUp.tracks() != null) {
            return followUp;
        }
        ArrayNode tracks = JsonNodeFactory.instance.arrayNode();
        if (followUp.externalCallId() != null) {
            portal.store(TelephonyStore.class).record(followUp.externalCallId())
                    .ifPresent(record -> tracks.add(track(followUp, record)));
        }
        return followUp.withTracks(tracks);
    }

    private static ObjectNode track(FollowUp followUp, CallRecord record) {
        ObjectNode track = JsonNodeFactory.instance.objectNode();
        track.put("trackId", record.fileId());
        track.put("type", "record");
        track.put("fileId", record.fileId());
        track.put("diskFileId", record.fileId());
        track.put("duration", followUp.durationSeconds());
        // a link the portal was only told about (RECORD_URL) has no size it knows
        if (record.size() > 0) {
            track.put("fileSize", record.size());
        } else {
            track.putNull("fileSize");
        }
        track.put("fileName", record.fileName());
        String name = record.fileName().toLowerCase(java.util.Locale.ROOT);
        track.put("mimeType", name.endsWith(".wav") ? "audio/wav" : name.endsWith(".mp3") ? "audio/mpeg" : null);
        track.put("callId", followUp.callId());
        track.putNull("relUrl");
        track.put("url", record.url());
        track.put("dateCreate", record.attachedAt() == null ? null : IsoTime.format(record.attachedAt(), ZoneOffset.UTC));
        return track;
    }

    /**
     * The transcription AI call processing made of the call an activity records (crm.activity.call.getTranscript,
     * D134): the follow-up of the external call the activity's ORIGIN_ID names (VI_ and its CALL_ID, as finish writes
     * it), its transcription segments' texts a line each; empty when the call has none.
     */
    public static Optional<String> transcriptOf(Portal portal, JsonNode activity) {
        String origin = activity.path("ORIGIN_ID").asText("");
        if (!origin.startsWith(CallCompletion.ACTIVITY_ORIGIN)) {
            return Optional.empty();
        }
        return portal.store(TelephonyStore.class).finished(origin.substring(CallCompletion.ACTIVITY_ORIGIN.length()))
                .flatMap(row -> portal.store(FollowUpStore.class).get(row.id()))
                .map(followUp -> followUp.blocks().get(FollowUpFields.TRANSCRIPTION))
                .map(block -> {
                    List<String> lines = new ArrayList<>();
                    block.path("segments").forEach(segment -> lines.add(segment.path("text").asText("")));
                    return String.join("\n", lines);
                });
    }

    /** The follow-up of a call for a user: unknown call first, then access (call-followup-get.md). */
    public FollowUp get(Portal portal, long userId, long callId) {
        FollowUp followUp = portal.store(FollowUpStore.class).get(callId).orElseThrow(FollowUpErrors::callNotFound);
        if (!admin(portal, userId) && !followUp.concerns(userId)) {
            throw FollowUpErrors.accessDenied();
        }
        return followUp;
    }

    /**
     * A page of the user's follow-ups that started in the period. "For a regular user, the filter is forcibly
     * restricted to their identifier": participantId is theirs whatever they ask; an administrator's filters by
     * participation.
     */
    public Page list(Portal portal, long userId, FollowUpQuery query) {
        boolean admin = admin(portal, userId);
        Comparator<FollowUp> order = Comparator.comparing(FollowUp::startDate).thenComparingLong(FollowUp::callId);
        List<FollowUp> matching = new ArrayList<>(portal.store(FollowUpStore.class).all().stream()
                .filter(f -> !f.startDate().isBefore(query.from()) && !f.startDate().isAfter(query.to()))
                .filter(f -> admin ? query.participantId() == null || f.hasParticipant(query.participantId())
                        : f.concerns(userId))
                .filter(query::afterCursor)
                .sorted(query.ascending() ? order : order.reversed())
                .toList());
        boolean more = matching.size() > query.limit();
        return new Page(List.copyOf(matching.subList(0, Math.min(query.limit(), matching.size()))), more);
    }

    private static boolean admin(Portal portal, long userId) {
        return portal.store(UserStore.class).get(userId).filter(User::admin).isPresent();
    }

    /**
     * What a finished external call is to a follow-up (specs/DECISIONS.md D71): its statistics row ID as callId, an
     * instant call (type 1) from its start for its duration, started by its user unless it came in, with its user
     * and the user who finished it as participants.
     */
    static FollowUp ofCall(FinishedCall row) {
        Call call = row.call();
        Set<Long> users = new LinkedHashSet<>(List.of(call.userId(), row.portalUserId()));
        List<Participant> participants = users.stream().map(user -> new Participant(user,
                user == row.portalUserId() ? row.duration() : 0L, null, null, null)).toList();
        return new FollowUp(row.id(), 1, call.incoming() ? null : call.userId(), call.startDate(),
                call.startDate().plusSeconds(row.duration()), UUID.randomUUID().toString(), null, 1, participants,
                List.of(), null, null, Map.of(), call.callId());
    }

    /**
     * The transcription block of attached MESSAGES: the user's utterances spoken by the user who finished the call,
     * the client's under the client's number; times from the call's start as HH:MM:SS.
     */
    private static JsonNode transcription(Portal portal, FinishedCall row, Transcript transcript) {
        ObjectNode block = JsonNodeFactory.instance.objectNode();
        block.putNull("language");
        var segments = block.putArray("segments");
        String userName = portal.store(UserStore.class).get(row.portalUserId()).map(User::fullName).orElse("");
        for (JsonNode message : transcript.messages()) {
            ObjectNode segment = segments.addObject();
            if ("User".equals(message.path("SIDE").asText())) {
                segment.put("userId", row.portalUserId());
                segment.put("userName", userName);
            } else {
                segment.put("userName", row.call().phoneNumber());
            }
            segment.put("start", offset(message.path("START_TIME").asLong()));
            segment.put("end", offset(message.path("STOP_TIME").asLong()));
            segment.put("text", message.path("MESSAGE").asText());
        }
        return block;
    }

    private static String offset(long seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
