package dev.b24emu.emulator.internal.timeman;

import dev.b24emu.emulator.internal.transport.RestError;

/**
 * The errors of the timeman.* methods, as Bitrix\Timeman\Rest throws them and RestException::initFromException
 * writes them: an ArgumentException is ERROR_ARGUMENT naming its argument, an ObjectNotFoundException (code 0) is
 * ERROR_CORE (the pages show its empty code: D1's emptyErrorCode), an AccessException 403 "Access denied! ...".
 */
public final class TimemanErrors {
    private TimemanErrors() {
    }

    public static RestError userNotFound() {
        return RestError.of("ERROR_CORE", "User not found");
    }

    public static RestError otherUsersDenied() {
        return new RestError(403, "ACCESS_DENIED",
                "Access denied! User does not have access to managing other users work time");
    }

    static RestError wrongFormat() {
        return RestError.of("WRONG_DATETIME_FORMAT", "Wrong datetime format");
    }

    static RestError openDateNotToday() {
        return RestError.of("WRONG_DATETIME", "Day open date should correspond to the current date");
    }

    static RestError closeDateNotOpenDate() {
        return RestError.of("WRONG_DATETIME", "Day close date should correspond to the day open date");
    }

    static RestError timeWhilePaused() {
        return RestError.argument("TIME", "Unable to set time, work day is paused");
    }

    static RestError expired() {
        return RestError.of("WD_EXPIRED", "Workday is expired");
    }
}
