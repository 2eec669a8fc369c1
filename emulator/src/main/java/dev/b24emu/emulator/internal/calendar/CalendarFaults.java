package dev.b24emu.emulator.internal.calendar;

import dev.b24emu.emulator.internal.transport.RestError;

/**
 * The calendar methods' refusals (CCalendarRestService): RestExceptions without a code, sent as ERROR_CORE (D1), in
 * the English texts of the method pages (specs/DECISIONS.md D178).
 */
final class CalendarFaults {
    private CalendarFaults() {
    }

    static RestError of(String text) {
        return RestError.of("ERROR_CORE", text);
    }

    /** CAL_REST_PARAM_EXCEPTION */
    static RestError required(String parameter, String method) {
        return of("The required parameter \"" + parameter + "\" for the method \"" + method + "\" is not set");
    }

    /** CAL_REST_PARAM_ERROR */
    static RestError invalid(String parameter) {
        return of("Invalid value for the parameter \"" + parameter + "\"");
    }

    static RestError accessDenied() {
        return of("Access denied");
    }

    static RestError section() {
        return of("You specified an invalid calendar section ID or the user does not have access to it");
    }

    static RestError eventNotCreated() {
        return of("An error occurred while creating the event");
    }
}
