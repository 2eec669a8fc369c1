package dev.b24emu.emulator.internal.voximplant;

import dev.b24emu.emulator.internal.transport.RestError;

/**
 * The errors of the voximplant.* methods, verbatim from their pages. Failures the server sends with an empty code
 * (USER_ID checks, callback and infocall failures) are ERROR_CORE, which D1's {@code emptyErrorCode} turns into ""
 * (specs/DECISIONS.md D60).
 */
public final class VoximplantErrors {
    static final String ERROR_CORE = "ERROR_CORE";
    static final String CHECK_FIELDS_ERROR = "CHECK_FIELDS_ERROR";

    private VoximplantErrors() {
    }

    public static RestError accessDenied() {
        return RestError.accessDenied();
    }

    public static RestError configNotFound() {
        return RestError.of("ERROR_ARGUMENT", "Specified CONFIG_ID is not found");
    }

    /** sip.update answers 404, sip.delete 400 for the same text (the pages' status lists; the server). */
    public static RestError sipNotFound(int status) {
        return new RestError(status, "ERROR_NOT_FOUND", "Specified CONFIG_ID is not found");
    }

    public static RestError regIdNotFound() {
        return RestError.of("REG_ID_NOT_FOUND", "Settings not found");
    }

    public static RestError checkFields(String messages) {
        return RestError.of(CHECK_FIELDS_ERROR, messages);
    }

    public static RestError titleExists() {
        return RestError.of("TITLE_EXISTS", "The specified connection name is already registered in the system");
    }

    public static RestError maxCloudPbx() {
        return RestError.of("MAX_CLOUD_PBX", "You cannot connect more than 10 virtual PBXs.");
    }

    public static RestError userIdNotSet() {
        return RestError.of(ERROR_CORE, "Parameter USER_ID is not set");
    }

    public static RestError notAllowedToModifyUser() {
        return RestError.of(ERROR_CORE, "You are not allowed to modify user's settings");
    }

    public static RestError noPermissionForUsers() {
        return new RestError(403, "ACCESS_DENIED", "Access denied! You have no permission to query selected users");
    }

    public static RestError confirmationWaiting() {
        return new RestError(401, "METHOD_CONFIRM_WAITING", "Waiting for confirmation");
    }

    public static RestError confirmationDenied() {
        return new RestError(403, "METHOD_CONFIRM_DENIED", "Method call denied");
    }

    public static RestError lineNotFound(String line) {
        return RestError.of(ERROR_CORE, "Could not find line " + line);
    }

    public static RestError noConfigForLine(String line) {
        return RestError.of(ERROR_CORE, "Could not find config for number " + line);
    }

    public static RestError badPhoneNumber() {
        return RestError.of(ERROR_CORE, "Phone number is not correct");
    }

    public static RestError infocallOnServiceLine() {
        return RestError.of(ERROR_CORE, "Making infocall using LINK_BASE_NUMBER is not allowed");
    }

    public static RestError infocallLimit() {
        return RestError.of(ERROR_CORE, "Infocall limit for this month is exceeded");
    }
}
