package dev.b24emu.emulator.internal.voximplant.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.voximplant.Rights;
import dev.b24emu.emulator.internal.voximplant.SipConnections;
import dev.b24emu.emulator.internal.voximplant.Lines;
import dev.b24emu.emulator.internal.voximplant.UserPhone;
import dev.b24emu.emulator.internal.voximplant.VoximplantErrors;
import dev.b24emu.emulator.internal.voximplant.VoximplantSettings;
import dev.b24emu.emulator.internal.voximplant.VoximplantStore;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * voximplant.user.get, .activatePhone and .deactivatePhone (api-reference/telephony/voximplant/users/*.md), in the
 * server's order: USER_ID, then the "User Settings — Modify" right, then (user.get, applications only) the
 * administrator's confirmation (D68). deactivatePhone switches the device on, as the server does, unless the portal
 * asks for the documented intent (D68).
 */
final class PhoneUserMethods {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PhoneUserMethods() {
    }

    static void register(MethodTable methods) {
        methods.add("voximplant.user.get", PhoneUserMethods::get)
                .add("voximplant.user.getDefaultLineId", PhoneUserMethods::defaultLineId)
                .add("voximplant.user.activatePhone", call -> switchPhone(call, true))
                .add("voximplant.user.deactivatePhone", call -> switchPhone(call, false));
    }

    private static JsonNode get(RestCall call) {
        Params p = call.params();
        if (!p.has("USER_ID")) { // the server's isset(): USER_ID=0 or "abc" is set, is user 0, and finds nobody
            throw VoximplantErrors.userIdNotSet();
        }
        Set<Long> wanted = new LinkedHashSet<>();
        p.values("USER_ID").forEach(value -> wanted.add(Params.phpInt(NODES.textNode(value))));
        Rights.Level level = rights(call);
        wanted.removeIf(id -> !allowed(level, call.userId(), id));
        if (wanted.isEmpty()) {
            throw VoximplantErrors.noPermissionForUsers();
        }
        Portal portal = call.portal();
        VoximplantStore store = portal.store(VoximplantStore.class);
        if (!call.caller().isWebhook()) {
            switch (store.settings().userGetConfirmation()) {
                case PENDING -> throw VoximplantErrors.confirmationWaiting();
                case DENIED -> throw VoximplantErrors.confirmationDenied();
                default -> { }
            }
        }
        ArrayNode result = NODES.arrayNode();
        for (long id : wanted) {
            Optional<User> user = portal.store(UserStore.class).get(id);
            if (user.isEmpty()) {
                continue; // unknown users are left out, as the server's query leaves them
            }
            UserPhone phone = store.phone(id);
            ObjectNode item = result.addObject();
            item.put("ID", Long.toString(id));
            item.put("DEFAULT_LINE", phone.defaultLine());
            item.put("PHONE_ENABLED", phone.phoneEnabled() ? "Y" : "N");
            item.put("SIP_SERVER", SipConnections.incomingServer(portal));
            item.put("SIP_LOGIN", "phone" + id);
            item.put("SIP_PASSWORD", phone.sipPassword());
            String inner = user.get().innerPhone();
            item.put("INNER_NUMBER", inner == null || inner.isBlank() ? null : inner);
        }
        return result;
    }

    /**
     * The line the calling user's calls go out on (CVoxImplantUser::getUserOutgoingLine, specs/DECISIONS.md D182): their
     * own default line while the portal still has it, else the portal's (LINK_BASE_NUMBER when none is set). No
     * parameter is read and no right is asked for.
     */
    private static JsonNode defaultLineId(RestCall call) {
        Portal portal = call.portal();
        Lines lines = new Lines(portal);
        String own = portal.store(VoximplantStore.class).phone(call.userId()).defaultLine();
        ObjectNode result = NODES.objectNode();
        result.put("defaultLineId", own != null && lines.available(own) ? own : lines.outgoingLine());
        return result;
    }

    /** activatePhone, and deactivatePhone, which the server serves as activatePhone ("does not work"). */
    private static JsonNode switchPhone(RestCall call, boolean activate) {
        long userId = call.params().phpInt("USER_ID");
        if (userId <= 0) {
            throw VoximplantErrors.userIdNotSet();
        }
        if (!allowed(rights(call), call.userId(), userId)) {
            throw VoximplantErrors.notAllowedToModifyUser();
        }
        Portal portal = call.portal();
        VoximplantStore store = portal.store(VoximplantStore.class);
        VoximplantSettings settings = store.settings();
        if (portal.store(UserStore.class).get(userId).isPresent()) {
            UserPhone phone = store.phone(userId);
            boolean enabled = activate || !settings.deactivatePhoneWorks();
            String password = enabled && phone.sipPassword() == null ? SipConnections.password() : phone.sipPassword();
            store.phone(userId, new UserPhone(phone.defaultLine(), enabled, password));
        }
        return NODES.numberNode(1);
    }

    private static Rights.Level rights(RestCall call) {
        return call.portal().store(VoximplantStore.class).rights(call.userId()).userSettingsModify();
    }

    private static boolean allowed(Rights.Level level, long caller, long userId) {
        return level == Rights.Level.ALL || (level == Rights.Level.OWN && caller == userId);
    }
}
