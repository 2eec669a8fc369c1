package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.transport.MethodRegistry;
import dev.b24emu.emulator.internal.transport.Params;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * telephony.externalCall.show / hide: open or close the call card for users (USER_ID one ID or a PHP-style list,
 * default the call's user). true on success; false, with HTTP 200, for an unknown CALL_ID (REAL-BEHAVIOUR.md).
 * The card is a browser pull event on the real portal; here each call keeps who has it open (control API /cards).
 */
public final class CardMethods {
    private CardMethods() {
    }

    public static void registerAll(MethodRegistry registry, CardListener listener) {
        registry.add("telephony.externalcall.show", TelephonyMethods.SCOPE, (caller, p) -> {
            Portal portal = caller.portal();
            return portal.exclusive(() -> portal.telephony().active(p.textOrEmpty("CALL_ID")).map(call -> {
                Set<Long> users = users(p, call);
                Set<Long> shown = new HashSet<>(call.shownTo());
                shown.addAll(users);
                Call updated = call.withShownTo(shown);
                portal.telephony().put(updated);
                listener.shown(portal, updated, users);
                return (JsonNode) BooleanNode.TRUE;
            }).orElse(BooleanNode.FALSE));
        });
        registry.add("telephony.externalcall.hide", TelephonyMethods.SCOPE, (caller, p) -> {
            Portal portal = caller.portal();
            return portal.exclusive(() -> portal.telephony().active(p.textOrEmpty("CALL_ID")).map(call -> {
                Set<Long> users = users(p, call);
                Set<Long> shown = new HashSet<>(call.shownTo());
                shown.removeAll(users);
                portal.telephony().put(call.withShownTo(shown));
                listener.hidden(portal, call, users);
                return (JsonNode) BooleanNode.TRUE;
            }).orElse(BooleanNode.FALSE));
        });
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
