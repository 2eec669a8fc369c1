package dev.b24emu.emulator.internal.voximplant.api;

import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.voximplant.Rights;
import dev.b24emu.emulator.internal.voximplant.VoximplantErrors;
import dev.b24emu.emulator.internal.voximplant.VoximplantStore;

import java.util.function.Function;

/** The telephony right a method needs, checked first as the server checks it: 403 ACCESS_DENIED "Access denied!". */
final class Permissions {
    private Permissions() {
    }

    static Rights.Level require(RestCall call, Function<Rights, Rights.Level> right) {
        Rights.Level level = right.apply(call.portal().store(VoximplantStore.class).rights(call.userId()));
        if (level == Rights.Level.NONE) {
            throw VoximplantErrors.accessDenied();
        }
        return level;
    }
}
