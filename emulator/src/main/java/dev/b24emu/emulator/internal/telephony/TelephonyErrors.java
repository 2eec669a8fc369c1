package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.transport.RestError;

/** The telephony module's error texts, verbatim from the real server (REAL-BEHAVIOUR.md, the docs pages). */
final class TelephonyErrors {
    static final String ERROR_CORE = "ERROR_CORE";

    private TelephonyErrors() {
    }

    static RestError userNotSet() {
        return RestError.of(ERROR_CORE, "USER_ID or USER_PHONE_INNER should be set");
    }

    static RestError unknownType() {
        return RestError.of(ERROR_CORE, "Unknown TYPE");
    }

    static RestError badStartDate() {
        return RestError.of(ERROR_CORE, "CALL_START_DATE should be in the ISO-8601 format");
    }

    static RestError badPhoneNumber() {
        return RestError.of(ERROR_CORE, "Unsupported phone number format");
    }

    static RestError userNotActive() {
        return RestError.of(ERROR_CORE, "User is not found or is not active");
    }

    static RestError callIdNotString() {
        return RestError.of("INVALID_ARGUMENT", "CALL_ID must be a string");
    }

    /** The real server's text lacks the closing parenthesis the docs show (specs/DECISIONS.md). */
    static RestError callNotFound() {
        return RestError.of(ERROR_CORE, "Call is not found (call should be registered prior to finishing");
    }

    static RestError phoneNumberEmpty() {
        return RestError.of(ERROR_CORE, "PHONE_NUMBER is empty");
    }
}
