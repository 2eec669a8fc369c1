package dev.b24emu.emulator.internal.followup;

import dev.b24emu.emulator.internal.transport.RestError;

import java.util.List;

/**
 * The REST 3.0 errors of call.followup.* (the method pages' error tables; api-reference/rest-v3.md for the
 * BITRIX_REST_V3_EXCEPTION_* statuses), in one place so the methods and the schemas in specs/ say the same.
 */
public final class FollowUpErrors {
    private static final String VALIDATION = "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION";

    private FollowUpErrors() {
    }

    /** A request field of the wrong type, or a required one missing: the validation error naming it. */
    public static RestError invalid(String field, String message) {
        return new RestError(400, VALIDATION, "Error during request object validation",
                List.of(new RestError.Invalid(field, message)));
    }

    public static RestError missing(String field) {
        return invalid(field, "Mandatory field `" + field + "` is missing");
    }

    public static RestError mentionFormat(boolean listPage) {
        return invalid("mentionFormat", listPage ? "A value not from the list of allowed formats was passed"
                : "The provided value is not from the list of allowed formats");
    }

    public static RestError dateRange(String detail) {
        return RestError.of("invalid_date_range", "Incorrect date range: " + detail);
    }

    public static RestError selectField() {
        return RestError.of("invalid_select_field", "Invalid field in `select`");
    }

    public static RestError order() {
        return RestError.of("invalid_order", "Incorrect parameter `order`");
    }

    public static RestError pagination() {
        return RestError.of("invalid_pagination", "Incorrect parameter `pagination`");
    }

    public static RestError callNotFound() {
        return RestError.of("BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION", "Call not found");
    }

    public static RestError accessDenied() {
        return new RestError(403, "access_denied", "No access to Follow-up data");
    }

    public static RestError selectExpression(String given) {
        return RestError.of("BITRIX_REST_V3_EXCEPTION_INVALIDSELECTEXCEPTION",
                "Unable to recognize select expression `" + given + "`");
    }

    public static RestError unknownAttribute(String name) {
        return RestError.of("BITRIX_REST_V3_EXCEPTION_UNKNOWNDTOPROPERTYEXCEPTION",
                "Unknown field `" + name + "` for object `DtoFieldDto`");
    }

    public static RestError fieldNotFound(String name) {
        return RestError.of("BITRIX_REST_V3_REALISATION_EXCEPTION_FIELDNOTFOUNDEXCEPTION", "Field `" + name + "` not found");
    }
}
