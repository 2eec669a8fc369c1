package dev.b24emu.emulator.internal.followup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The follow-up's fields as the docs list them: the 18 root fields in the server's order, with the type and
 * description call.followup.field.list answers (call-followup-field-list.md), and what {@code select} may name
 * (fields.md, "Which Fields Can Be Passed in Select").
 */
public final class FollowUpFields {
    public static final String TRANSCRIPTION = "transcription";
    public static final String OVERVIEW = "overview";
    public static final String SUMMARY = "summary";
    public static final String INSIGHTS = "insights";
    public static final String EVALUATION = "evaluation";
    /** The AI blocks, in the order "outcomes" lists them. */
    public static final List<String> BLOCKS = List.of(TRANSCRIPTION, OVERVIEW, SUMMARY, INSIGHTS, EVALUATION);

    /** One root field: its name, its type as field.list names it, and the server's description. */
    public record Field(String name, String type, String description) {
    }

    public static final List<Field> ROOT = List.of(
            new Field("callId", "int", "Bitrix24 call identifier (b_call.ID). Always present."),
            new Field("callType", "int", "Call type: 1 = instant ad-hoc, 2 = permanent conference room, 3 = large room."),
            new Field("initiatorId", "int", "User id of who initiated the call."),
            new Field("startDate", "string", "ISO 8601 UTC timestamp when the call started."),
            new Field("endDate", "string", "ISO 8601 UTC timestamp when the call ended. Null while the call is still in progress."),
            new Field("durationSeconds", "int", "Total call duration in seconds (endDate - startDate)."),
            new Field("uuid", "string", "Opaque UUID of the call session. Opt-in: list this in `select` to receive it."),
            new Field("language", "string", "Detected transcription language (BCP-47 / ISO 639-1, for example ru or en). Null when there is no transcription."),
            new Field("version", "int", "Maximum schema version across all stored outcome blocks for this call."),
            new Field("participants", "array", "Call participants, enriched with display data from user profiles."),
            new Field("outcomes", "array", "Names of outcome blocks present for this call: transcription, overview, summary, insights, evaluation."),
            new Field("createdAt", "string", "ISO 8601 UTC timestamp of the most recently stored outcome record for this call."),
            new Field("tracks", "array", "Call recordings / tracks with download URLs. Opt-in via `select`."),
            new Field(TRANSCRIPTION, "object", "Time-ordered transcription of the call with per-segment speaker attribution."),
            new Field(OVERVIEW, "object", "AI overview of the meeting: topic, agenda, agreements, action items, takeaways."),
            new Field(SUMMARY, "object", "Segmented summary of the call by topic chunks."),
            new Field(INSIGHTS, "object", "AI insights: per-speaker analysis (CIS only), meeting strengths/weaknesses, recommendations."),
            new Field(EVALUATION, "object", "Meeting efficiency evaluation: overall score and individual evaluation criteria."));

    /** "If the parameter is not passed or an empty array is passed, the method returns only basic metadata". */
    public static final List<String> BASIC = List.of("callId", "callType", "initiatorId", "startDate", "endDate",
            "durationSeconds");

    /** "Fields transcription, overview, and insights are considered heavy": a page with them holds at most 20. */
    public static final Set<String> HEAVY = Set.of(TRANSCRIPTION, OVERVIEW, INSIGHTS);

    /** maps each AI block to the sub-paths select may name (summary has none: "summary.segments" is not one). */
    public static final Map<String, List<String>> SUB_PATHS = subPaths();

    /** The description attributes of a field (DtoFieldDto), in the order field.list and field.get answer them. */
    public static final List<String> ATTRIBUTES = List.of("name", "type", "title", "description", "validationRules",
            "requiredGroups", "filterable", "sortable", "editable", "multiple", "elementType");

    private FollowUpFields() {
    }

    public static boolean isRoot(String name) {
        return ROOT.stream().anyMatch(f -> f.name().equals(name));
    }

    public static java.util.Optional<Field> field(String name) {
        return ROOT.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    private static Map<String, List<String>> subPaths() {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        paths.put(TRANSCRIPTION, List.of("language", "segments"));
        paths.put(OVERVIEW, List.of("topic", "detailedTakeaways", "meetingType", "agenda", "agreements", "actionItems",
                "meetings"));
        paths.put(INSIGHTS, List.of("speakerEvaluationAvailable", "speakerAnalysis", "meetingStrengths",
                "meetingWeaknesses", "speechStyleInfluence", "engagementLevel", "areasOfResponsibility",
                "finalRecommendations"));
        paths.put(EVALUATION, List.of("efficiencyValue", "calendar", "criteria"));
        return java.util.Collections.unmodifiableMap(paths);
    }
}
