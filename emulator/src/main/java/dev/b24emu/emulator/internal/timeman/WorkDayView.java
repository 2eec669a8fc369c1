package dev.b24emu.emulator.internal.timeman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.users.User;

import java.time.Instant;
import java.time.LocalTime;

/** The answers of the timeman.* methods, as Bitrix\Timeman\Rest::getStatus and ::getSettings write them. */
public final class WorkDayView {
    /** The module's recommended end of an expired day ('workday_finish', 18:00) without a schedule. */
    private static final LocalTime RECOMMENDED_FINISH = LocalTime.of(18, 0);

    private WorkDayView() {
    }

    /**
     * A work day: STATUS alone for a user who never had one; every time in the offset the day started in; DURATION
     * 00:00:00 until it is closed; TIME_FINISH_DEFAULT only for an expired day.
     */
    public static ObjectNode status(WorkDay day, Instant now) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        User.TimemanStatus status = day == null ? User.TimemanStatus.CLOSED : day.status(now);
        result.put("STATUS", status.name());
        if (day == null) {
            return result;
        }
        result.put("TIME_START", IsoTime.format(day.start(), day.zoneOffset()));
        boolean closed = day.phase() == WorkDay.Phase.CLOSED;
        result.put("TIME_FINISH", closed ? IsoTime.format(day.stop(), day.zoneOffset()) : null);
        result.put("DURATION", hms(day.duration()));
        result.put("TIME_LEAKS", hms(day.leaks()));
        result.put("ACTIVE", day.active());
        result.put("IP_OPEN", "");
        result.put("IP_CLOSE", day.ipClose());
        result.set("LAT_OPEN", coordinate(day.latOpen()));
        result.set("LON_OPEN", coordinate(day.lonOpen()));
        result.set("LAT_CLOSE", coordinate(day.latClose()));
        result.set("LON_CLOSE", coordinate(day.lonClose()));
        result.put("TZ_OFFSET", day.offset());
        if (status == User.TimemanStatus.EXPIRED) {
            result.put("TIME_FINISH_DEFAULT",
                    IsoTime.format(day.date().atTime(RECOMMENDED_FINISH).toInstant(day.zoneOffset()), day.zoneOffset()));
        }
        return result;
    }

    /**
     * A user's work time settings: the page's example limits for a user whose time is tracked; a user without
     * tracking has only UF_TIMEMAN false, and the server's formatting of the missing limits writes 00:00:00. ADMIN
     * (null: left out) only for the caller's own settings.
     */
    public static ObjectNode settings(boolean tracked, Boolean admin) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("UF_TIMEMAN", tracked);
        result.put("UF_TM_FREE", false);
        result.put("UF_TM_MAX_START", tracked ? "09:15:00" : "00:00:00");
        result.put("UF_TM_MIN_FINISH", tracked ? "17:45:00" : "00:00:00");
        result.put("UF_TM_MIN_DURATION", tracked ? "08:00:00" : "00:00:00");
        result.put("UF_TM_ALLOWED_DELTA", tracked ? hms(WorkDays.ALLOWED_DELTA.getSeconds()) : "00:00:00");
        if (admin != null) {
            result.put("ADMIN", admin);
        }
        return result;
    }

    /** A doubleval() as PHP's json_encode writes it: a whole number without a fraction (the pages' 0). */
    private static JsonNode coordinate(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? JsonNodeFactory.instance.numberNode((long) value)
                : JsonNodeFactory.instance.numberNode(value);
    }

    /** HH:MM:SS, the hours not wrapped at 24 (Rest::formatTime). */
    static String hms(long seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }
}
