package dev.b24emu.emulator.internal.voximplant;

import java.math.BigDecimal;
import java.util.function.BiFunction;

/**
 * The fields of a statistics record in the documented order (the example of
 * api-reference/telephony/voximplant/voximplant-statistic-get.md): what each holds as a typed value (Long, BigDecimal,
 * Instant or String; null when empty), and whether FILTER and SORT take it. The page lists every field but
 * RECORD_FILE_ID as a filter field, and every filter field but CALL_TYPE as a SORT field.
 */
public enum StatField implements FilterQuery.Field {
    ID(Kind.NUMBER, (r, l) -> r.id()),
    PORTAL_USER_ID(Kind.NUMBER, (r, l) -> r.portalUserId()),
    PORTAL_NUMBER(Kind.TEXT, (r, l) -> r.portalNumber()),
    PHONE_NUMBER(Kind.TEXT, (r, l) -> r.phoneNumber()),
    CALL_ID(Kind.TEXT, (r, l) -> r.callId()),
    EXTERNAL_CALL_ID(Kind.TEXT, (r, l) -> r.externalCallId()),
    CALL_CATEGORY(Kind.TEXT, (r, l) -> r.category()),
    CALL_LOG(Kind.TEXT, (r, l) -> r.callLog()),
    CALL_DURATION(Kind.NUMBER, (r, l) -> r.duration()),
    CALL_START_DATE(Kind.DATE, (r, l) -> r.startDate()),
    CALL_RECORD_URL(Kind.TEXT, (r, l) -> r.external() ? l.recordUrl(r.callId()) : r.recordUrl()),
    CALL_VOTE(Kind.NUMBER, (r, l) -> r.vote() == null ? null : r.vote().longValue()),
    COST(Kind.DECIMAL, (r, l) -> BigDecimal.valueOf(r.cost())),
    COST_CURRENCY(Kind.TEXT, (r, l) -> r.costCurrency()),
    CALL_FAILED_CODE(Kind.TEXT, (r, l) -> r.failedCode()),
    CALL_FAILED_REASON(Kind.TEXT, (r, l) -> r.failedReason()),
    CRM_ENTITY_TYPE(Kind.TEXT, (r, l) -> r.crmEntityType()),
    CRM_ENTITY_ID(Kind.NUMBER, (r, l) -> r.crmEntityId()),
    CRM_ACTIVITY_ID(Kind.NUMBER, (r, l) -> r.crmActivityId()),
    REST_APP_ID(Kind.NUMBER, (r, l) -> appId(r.appKey())),
    REST_APP_NAME(Kind.TEXT, (r, l) -> appId(r.appKey()) == null ? null : l.appName(r.appKey())),
    TRANSCRIPT_ID(Kind.NUMBER, (r, l) -> r.external() ? l.transcriptId(r.callId()) : null),
    TRANSCRIPT_PENDING(Kind.TEXT, (r, l) -> "N"),
    SESSION_ID(Kind.NUMBER, (r, l) -> r.sessionId() == null ? null : Long.parseLong(r.sessionId())),
    REDIAL_ATTEMPT(Kind.NUMBER, (r, l) -> r.redialAttempt() == null ? null : r.redialAttempt().longValue()),
    COMMENT(Kind.TEXT, (r, l) -> null),
    RECORD_DURATION(Kind.NUMBER, (r, l) -> null),
    RECORD_FILE_ID(Kind.NUMBER, (r, l) -> r.external() ? l.recordFileId(r.callId()) : null),
    CALL_TYPE(Kind.NUMBER, (r, l) -> (long) r.callType());

    private final Kind kind;
    private final BiFunction<StatRow, StatLookup, Object> value;

    StatField(Kind kind, BiFunction<StatRow, StatLookup, Object> value) {
        this.kind = kind;
        this.value = value;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /** The field's value in a record: Long, BigDecimal, Instant, String, or null. */
    public Object value(StatRow row, StatLookup lookup) {
        return value.apply(row, lookup);
    }

    @Override
    public boolean filterable() {
        return this != RECORD_FILE_ID;
    }

    @Override
    public boolean sortable() {
        return filterable() && this != CALL_TYPE;
    }

    /** REST_APP_ID: the application's numeric ID; null for built-in calls and webhook calls (no application). */
    private static Long appId(String appKey) {
        if (appKey == null || appKey.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(appKey);
        } catch (NumberFormatException notNumeric) {
            return null;
        }
    }
}
