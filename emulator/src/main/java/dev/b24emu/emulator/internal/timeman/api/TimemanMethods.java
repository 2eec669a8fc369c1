package dev.b24emu.emulator.internal.timeman.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.timeman.TimemanErrors;
import dev.b24emu.emulator.internal.timeman.WorkDay;
import dev.b24emu.emulator.internal.timeman.WorkDayView;
import dev.b24emu.emulator.internal.timeman.WorkDays;
import dev.b24emu.emulator.internal.users.Access;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

import java.util.Optional;

/**
 * timeman.status, .open, .pause, .close and .settings (api-reference/timeman/base/, Bitrix\Timeman\Rest): each acts
 * on the caller's own day, or on USER_ID's for an administrator; each but settings answers the day's status.
 */
final class TimemanMethods {
    private TimemanMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("timeman.status", call -> answer(call, WorkDays.day(call.portal(), subject(call))))
                .add("timeman.open", call -> answer(call,
                        WorkDays.open(call.portal(), subject(call), entry(call), call::deviation)))
                .add("timeman.pause", call -> answer(call, WorkDays.pause(call.portal(), subject(call))))
                .add("timeman.close", call -> answer(call,
                        WorkDays.close(call.portal(), subject(call), entry(call), call.clientAddress(), call::deviation)))
                .add("timeman.settings", TimemanMethods::settings);
    }

    private static JsonNode answer(RestCall call, Optional<WorkDay> day) {
        return WorkDayView.status(day.orElse(null), call.portal().now());
    }

    private static JsonNode settings(RestCall call) {
        User user = subject(call);
        Boolean admin = user.id() == call.userId() ? Access.isAdmin(call.caller()) : null;
        return WorkDayView.settings(WorkDays.tracked(user), admin);
    }

    /**
     * Whose day (getUserInstance): USER_ID when it names another user, which only an administrator may, and which
     * must exist; otherwise the caller's.
     */
    private static User subject(RestCall call) {
        Portal portal = call.portal();
        long userId = call.params().has("USER_ID") ? call.params().phpInt("USER_ID") : call.userId();
        if (userId != call.userId() && !Access.isAdmin(call.caller())) {
            throw TimemanErrors.otherUsersDenied();
        }
        return portal.store(UserStore.class).get(userId).orElseThrow(TimemanErrors::userNotFound);
    }

    private static WorkDays.Entry entry(RestCall call) {
        return new WorkDays.Entry(call.params().text("TIME").orElse(null), call.params().has("REPORT"),
                call.params().phpDouble("LAT"), call.params().phpDouble("LON"));
    }
}
