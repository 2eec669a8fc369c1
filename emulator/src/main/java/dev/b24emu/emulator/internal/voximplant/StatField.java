package dev.b24emu.emulator.internal.voximplant;

import dev.b24emu.emulator.internal.crm.CrmRef;

import java.math.BigDecimal;

/**
 * The fields of a statistics record in the documented order (the example of
 * api-reference/telephony/voximplant/voximplant-statistic-get.md): what each holds as a typed value (Long, BigDecimal,
 * Instant or String; null when empty), and whether FILTER and SORT take it. The page lists every field but
 * RECORD_FILE_ID as a filter field, and every filter field but CALL_TYPE as a SORT field. After them, the columns
 * of the server's table the answer leaves out or renames, which its FILTER and SORT take all the same
 * (checkStatisticFilter keeps what StatisticTable has: D61): INCOMING (CALL_TYPE's column), CALL_WEBDAV_ID (the
 * record's file), HAS_RECORD, and the call's CRM bindings, read together as one joined row.
 */
public enum StatField implements FilterQuery.Field {
    ID(Kind.NUMBER),
    PORTAL_USER_ID(Kind.NUMBER),
    PORTAL_NUMBER(Kind.TEXT),
    PHONE_NUMBER(Kind.TEXT),
    CALL_ID(Kind.TEXT),
    EXTERNAL_CALL_ID(Kind.TEXT),
    CALL_CATEGORY(Kind.TEXT),
    CALL_LOG(Kind.TEXT),
    CALL_DURATION(Kind.NUMBER),
    CALL_START_DATE(Kind.DATE),
    CALL_RECORD_URL(Kind.TEXT),
    CALL_VOTE(Kind.NUMBER),
    COST(Kind.DECIMAL),
    COST_CURRENCY(Kind.TEXT),
    CALL_FAILED_CODE(Kind.TEXT),
    CALL_FAILED_REASON(Kind.TEXT),
    CRM_ENTITY_TYPE(Kind.TEXT),
    CRM_ENTITY_ID(Kind.NUMBER),
    CRM_ACTIVITY_ID(Kind.NUMBER),
    REST_APP_ID(Kind.NUMBER),
    REST_APP_NAME(Kind.TEXT),
    TRANSCRIPT_ID(Kind.NUMBER),
    TRANSCRIPT_PENDING(Kind.TEXT),
    SESSION_ID(Kind.NUMBER),
    REDIAL_ATTEMPT(Kind.NUMBER),
    COMMENT(Kind.TEXT),
    RECORD_DURATION(Kind.NUMBER),
    RECORD_FILE_ID(Kind.NUMBER),
    CALL_TYPE(Kind.NUMBER),
    INCOMING(Kind.NUMBER),
    CALL_WEBDAV_ID(Kind.NUMBER),
    HAS_RECORD(Kind.TEXT),
    /** CRM_BINDINGS.ENTITY_TYPE: of any one CRM object the call is bound to (with ENTITY_ID, of the same one) */
    BINDING_ENTITY_TYPE(Kind.TEXT),
    /** CRM_BINDINGS.ENTITY_ID */
    BINDING_ENTITY_ID(Kind.NUMBER);

    private final Kind kind;

    StatField(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /** The field's value in a record: Long, BigDecimal, Instant, String, or null. */
    public Object value(StatRow r, StatLookup l) {
        // a switch, not a function per field: every portal's statistics store makes the enum, and 29 lambdas were 29
        // classes spun at each start
        return switch (this) {
            case ID -> r.id();
            case PORTAL_USER_ID -> r.portalUserId();
            case PORTAL_NUMBER -> r.portalNumber();
            case PHONE_NUMBER -> r.phoneNumber();
            case CALL_ID -> r.callId();
            case EXTERNAL_CALL_ID -> r.externalCallId();
            case CALL_CATEGORY -> r.category();
            case CALL_LOG -> r.callLog();
            case CALL_DURATION -> r.duration();
            case CALL_START_DATE -> r.startDate();
            case CALL_RECORD_URL -> r.external() || l.recordUrl(r.callId()) != null ? l.recordUrl(r.callId()) : r.recordUrl();
            case CALL_VOTE -> r.vote() == null ? null : r.vote().longValue();
            case COST -> BigDecimal.valueOf(r.cost());
            case COST_CURRENCY -> r.costCurrency();
            case CALL_FAILED_CODE -> r.failedCode();
            case CALL_FAILED_REASON -> r.failedReason();
            case CRM_ENTITY_TYPE -> r.crmEntityType();
            case CRM_ENTITY_ID -> r.crmEntityId();
            case CRM_ACTIVITY_ID -> r.crmActivityId();
            case REST_APP_ID -> appId(r.appKey());
            case REST_APP_NAME -> appId(r.appKey()) == null ? null : l.appName(r.appKey());
            case TRANSCRIPT_ID -> l.transcriptId(r.callId()); // a built-in call's too (attachTranscription)
            case TRANSCRIPT_PENDING -> "N";
            case SESSION_ID -> r.sessionId() == null ? null : Long.parseLong(r.sessionId());
            case REDIAL_ATTEMPT -> r.redialAttempt() == null ? null : r.redialAttempt().longValue();
            case COMMENT -> null;
            case RECORD_DURATION -> null;
            case RECORD_FILE_ID -> l.recordFileId(r.callId()); // a built-in call's too (attachRecord)
            case CALL_TYPE, INCOMING -> (long) r.callType();
            case CALL_WEBDAV_ID -> RECORD_FILE_ID.value(r, l);
            case HAS_RECORD -> RECORD_FILE_ID.value(r, l) == null ? "N" : "Y";
            case BINDING_ENTITY_TYPE, BINDING_ENTITY_ID -> null; // of a binding, not of the record: binding()
        };
    }

    /** A binding's value of BINDING_ENTITY_TYPE or BINDING_ENTITY_ID; null for the no-binding row a left join has. */
    public Object binding(CrmRef ref) {
        if (ref == null) {
            return null;
        }
        return this == BINDING_ENTITY_TYPE ? ref.type().name() : Long.valueOf(ref.id());
    }

    public boolean ofBinding() {
        return this == BINDING_ENTITY_TYPE || this == BINDING_ENTITY_ID;
    }

    /** Whether the answer has the field (the table's other columns are filtered and sorted on, not answered). */
    public boolean answered() {
        return ordinal() <= CALL_TYPE.ordinal();
    }

    @Override
    public String wireName() {
        return ofBinding() ? "CRM_BINDINGS." + name().substring("BINDING_".length()) : name();
    }

    @Override
    public boolean filterable() {
        return this != RECORD_FILE_ID;
    }

    /** SORT takes the table's columns: not CALL_TYPE (INCOMING is its column) nor a joined table's. */
    @Override
    public boolean sortable() {
        return filterable() && this != CALL_TYPE && !ofBinding();
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
