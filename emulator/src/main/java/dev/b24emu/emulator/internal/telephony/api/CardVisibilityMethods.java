package dev.b24emu.emulator.internal.telephony.api;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.telephony.Call;
import dev.b24emu.emulator.internal.telephony.CallService;
import dev.b24emu.emulator.internal.transport.Params;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * telephony.externalCall.show / hide: open or close the call card for users (USER_ID one ID or a PHP-style list,
 * default the call's user). true on success; false, with HTTP 200, for an unknown CALL_ID (REAL-BEHAVIOUR.md).
 * The card is a browser pull event on the real portal; here each call keeps who has it open (control API /cards).
 */
final class CardVisibilityMethods {
    private final CallService calls;

    CardVisibilityMethods(CallService calls) {
        this.calls = calls;
    }

    void register(MethodTable methods) {
        methods.add("telephony.externalcall.show", call -> calls.active(call.portal(), callId(call))
                .map(open -> calls.show(call.portal(), open.callId(), users(call.params(), open),
                        Origin.of(call)))
                .orElse(false));
        methods.add("telephony.externalcall.hide", call -> calls.active(call.portal(), callId(call))
                .map(open -> calls.hide(call.portal(), open.callId(), users(call.params(), open)))
                .orElse(false));
    }

    private static String callId(RestCall call) {
        return call.params().textOrEmpty("CALL_ID");
    }

    private static Set<Long> users(Params p, Call call) {
        Set<Long> users = new LinkedHashSet<>();
        p.values("USER_ID").forEach(id -> users.add(Params.phpInt(TextNode.valueOf(id))));
        users.remove(0L);
        if (users.isEmpty()) {
            users.add(call.userId());
        }
        return users;
    }
}
