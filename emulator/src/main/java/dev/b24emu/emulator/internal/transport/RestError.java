package dev.b24emu.emulator.internal.transport;

import java.util.List;

/**
 * A Bitrix24-style failure: answered as {"error": code, "error_description": description} with its HTTP status (on
 * a REST 3.0 path as {"error": {"code", "message", ["validation"]}}). Thrown anywhere below the router; the router
 * is the only place that turns it into a response.
 */
public final class RestError extends RuntimeException {
    /** One entry of a REST 3.0 error's validation list: the parameter (dotted path) and what is wrong with it. */
    public record Invalid(String field, String message) {
    }

    private final String code;
    private final int httpStatus;
    private final String argument;
    private final List<Invalid> validation;
    private final String location;

    public RestError(int httpStatus, String code, String description) {
        this(httpStatus, code, description, null, List.of());
    }

    /** An error whose envelope names the parameter it concerns in "argument" (null: no such key). */
    public RestError(int httpStatus, String code, String description, String argument) {
        this(httpStatus, code, description, argument, List.of());
    }

    /** A REST 3.0 request validation error naming the fields it concerns. */
    public RestError(int httpStatus, String code, String description, List<Invalid> validation) {
        this(httpStatus, code, description, null, validation);
    }

    private RestError(int httpStatus, String code, String description, String argument, List<Invalid> validation) {
        this(httpStatus, code, description, argument, validation, null);
    }

    private RestError(int httpStatus, String code, String description, String argument, List<Invalid> validation,
                      String location) {
        super(description, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
        this.argument = argument;
        this.validation = List.copyOf(validation);
        this.location = location;
    }

    /**
     * The portal's answer at an address it no longer has: 302 to the new one (settings/how-to-call-rest-api/
     * change-domen.md); clients read the Location header, not the body.
     */
    public static RestError moved(String location) {
        return new RestError(302, "PORTAL_MOVED", "The portal has moved to " + location, null, List.of(), location);
    }

    /** Where a redirect sends the client (the Location header), or null. */
    public String location() { return location; }

    /** ERROR_ARGUMENT naming the parameter in "argument", as the placement methods answer. */
    public static RestError argument(String name, String description) {
        return new RestError(400, "ERROR_ARGUMENT", description, name, List.of());
    }

    /** The parameter an ERROR_ARGUMENT concerns, or null. */
    public String argument() { return argument; }

    /** The fields a REST 3.0 validation error names; empty for every other error. */
    public List<Invalid> validation() { return validation; }

    public String code() { return code; }
    public String description() { return getMessage(); }
    public int httpStatus() { return httpStatus; }

    /** A method-level failure: HTTP 400, as the real server answers every method error by default. */
    public static RestError of(String code, String description) {
        return new RestError(400, code, description);
    }

    public static RestError methodNotFound() {
        return new RestError(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
    }

    /** An unknown method on a REST 3.0 path (/rest/api/), or a REST 2 method asked for there. */
    public static RestError methodNotFoundV3() {
        return new RestError(404, "BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION", "Method not found");
    }

    /** The method not found in the envelope of the path it was asked for on. */
    public static RestError methodNotFound(RestPath path) {
        return path.v3() ? methodNotFoundV3() : methodNotFound();
    }

    /** A REST 3.0 body that is not a JSON object (REST 3.0 reads nothing else). */
    public static RestError invalidJson() {
        return new RestError(400, "BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION", "Invalid JSON in request body");
    }

    /** A REST 3.0 method outside the caller's scopes: 403 for webhooks and applications alike. */
    public static RestError insufficientScopeV3() {
        return new RestError(403, "BITRIX_REST_V3_EXCEPTION_INSUFFICIENTSCOPEEXCEPTION",
                "Insufficient access rights: required scope is missing");
    }

    public static RestError noAuthFound() {
        return new RestError(401, "NO_AUTH_FOUND", "Wrong authorization data");
    }

    /** The credentials are right but their user may not sign in (a deactivated employee). */
    public static RestError authorizationError() {
        return new RestError(401, "authorization_error", "Unable to authorize user");
    }

    public static RestError invalidToken() {
        return new RestError(401, "invalid_token", "The access token provided is invalid");
    }

    public static RestError expiredToken() {
        return new RestError(401, "expired_token", "The access token provided has expired");
    }

    public static RestError insufficientScope() {
        return new RestError(403, "insufficient_scope",
                "The request requires higher privileges than provided by the webhook token");
    }

    /** OAuth callers get insufficient_scope with 401, webhooks with 403 (REAL-BEHAVIOUR.md, error envelope). */
    public static RestError insufficientScopeOAuth() {
        return new RestError(401, "insufficient_scope", "The request requires higher privileges than provided by the access token");
    }

    public static RestError wrongAuthType() {
        return new RestError(403, "WRONG_AUTH_TYPE", "Current authorization type is denied for this method");
    }

    public static RestError accessDenied() {
        return new RestError(403, "ACCESS_DENIED", "Access denied!");
    }

    public static RestError wrongEncoding() {
        return new RestError(400, "WRONG_ENCODING", "Wrong request encoding");
    }

    public static RestError invalidRequest(String description) {
        return new RestError(400, "INVALID_REQUEST", description);
    }

    /** A fault of the emulator itself: never expected, always logged with its cause where it happened. */
    public static RestError internal() {
        return new RestError(500, "INTERNAL_SERVER_ERROR", "Internal server error");
    }

    public static RestError requestTooLarge(long limit) {
        return new RestError(413, "REQUEST_TOO_LARGE", "Request body exceeds the limit of " + limit + " bytes");
    }
}
