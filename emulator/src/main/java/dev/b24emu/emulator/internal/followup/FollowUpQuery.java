package dev.b24emu.emulator.internal.followup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.clock.IsoTime;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Locale;

/**
 * call.followup.list's parameters, read and checked in the order of specs/DECISIONS.md D73 (the request's types,
 * then the period, select, order and pagination): {@code filter {startDate {from, to}, participantId}},
 * {@code select}, {@code order {startDate}}, {@code pagination {limit, afterCursor {startDate, id}}},
 * {@code mentionFormat} (call-followup-list.md).
 *
 * @param participantId the participant asked for, or null
 * @param limit         the page size: as asked (50 by default), at most 200, or 20 when heavy fields are selected
 * @param after         where the previous page ended, or null for the first page
 */
public record FollowUpQuery(Instant from, Instant to, Long participantId, Selection select, boolean ascending,
                            int limit, Cursor after, MentionFormat mentions) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    public static final int MAX_HEAVY_LIMIT = 20;

    /** The last item of a page: its start and callId (the cursor's {@code startDate} and {@code id}). */
    public record Cursor(Instant startDate, long id) {
    }

    public static FollowUpQuery parse(JsonNode params) {
        JsonNode filter = params.get("filter");
        JsonNode participant = filter == null ? null : filter.get("participantId");
        if (participant != null && !participant.isNull() && !participant.isIntegralNumber()) {
            throw FollowUpErrors.invalid("filter.participantId", "An invalid participant identifier type was passed");
        }
        MentionFormat mentions = MentionFormat.parse(params.get("mentionFormat"), true);
        JsonNode period = filter == null ? null : filter.get("startDate");
        if (period == null || !period.isObject() || !period.hasNonNull("from") || !period.hasNonNull("to")) {
            throw FollowUpErrors.dateRange("both from and to are required");
        }
        Instant from = instant(period.get("from"));
        Instant to = instant(period.get("to"));
        if (from == null || to == null) {
            throw FollowUpErrors.dateRange("from and to must be ISO 8601 dates");
        }
        if (from.isAfter(to)) {
            throw FollowUpErrors.dateRange("from must be less than or equal to to");
        }
        Selection select = Selection.parse(params.get("select"), Selection.basic());
        boolean ascending = ascending(params.get("order"));
        JsonNode pagination = params.get("pagination");
        if (pagination != null && !pagination.isNull() && !pagination.isObject()) {
            throw FollowUpErrors.pagination();
        }
        int limit = limit(pagination == null ? null : pagination.get("limit"), select.heavy());
        Cursor after = cursor(pagination == null ? null : pagination.get("afterCursor"));
        return new FollowUpQuery(from, to, participant == null || participant.isNull() ? null : participant.asLong(),
                select, ascending, limit, after, mentions);
    }

    /** "Pass { "startDate": "asc" } or { "startDate": "desc" }"; desc by default. */
    private static boolean ascending(JsonNode order) {
        if (order == null || order.isNull()) {
            return false;
        }
        if (!order.isObject()) {
            throw FollowUpErrors.order();
        }
        boolean ascending = false;
        for (Iterator<String> keys = order.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            JsonNode direction = order.get(key);
            String text = direction.isTextual() ? direction.asText().toLowerCase(Locale.ROOT) : "";
            if (!key.equals("startDate") || !(text.equals("asc") || text.equals("desc"))) {
                throw FollowUpErrors.order();
            }
            ascending = text.equals("asc");
        }
        return ascending;
    }

    /** "If a value greater than the maximum is passed, the server will apply the maximum value". */
    private static int limit(JsonNode limit, boolean heavy) {
        int max = heavy ? MAX_HEAVY_LIMIT : MAX_LIMIT;
        if (limit == null || limit.isNull()) {
            return Math.min(DEFAULT_LIMIT, max);
        }
        if (!limit.isIntegralNumber() || limit.asLong() < 1) {
            throw FollowUpErrors.pagination();
        }
        return (int) Math.min(limit.asLong(), max);
    }

    private static Cursor cursor(JsonNode cursor) {
        if (cursor == null || cursor.isNull()) {
            return null;
        }
        Instant start = cursor.isObject() ? instant(cursor.get("startDate")) : null;
        JsonNode id = cursor.get("id");
        if (start == null || id == null || !id.isIntegralNumber()) {
            throw FollowUpErrors.pagination();
        }
        return new Cursor(start, id.asLong());
    }

    private static Instant instant(JsonNode value) {
        return value != null && value.isTextual() ? IsoTime.parse(value.asText(), ZoneOffset.UTC).orElse(null) : null;
    }

    /** Whether a follow-up comes after the cursor in this order (startDate, then callId). */
    boolean afterCursor(FollowUp f) {
        if (after == null) {
            return true;
        }
        int byStart = f.startDate().compareTo(after.startDate());
        int compared = byStart != 0 ? byStart : Long.compare(f.callId(), after.id());
        return ascending ? compared > 0 : compared < 0;
    }
}
