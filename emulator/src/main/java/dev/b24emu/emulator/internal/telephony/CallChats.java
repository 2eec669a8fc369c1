package dev.b24emu.emulator.internal.telephony;

import dev.b24emu.emulator.internal.crm.CrmEntityType;
import dev.b24emu.emulator.internal.crm.CrmItem;
import dev.b24emu.emulator.internal.crm.CrmStore;
import dev.b24emu.emulator.internal.im.CallChatMessage;
import dev.b24emu.emulator.internal.im.CallChatStore;
import dev.b24emu.emulator.internal.phone.DialledNumber;
import dev.b24emu.emulator.internal.phone.PhoneNumbers;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserStore;

import java.util.Optional;

/**
 * What telephony.externalCall.finish with ADD_TO_CHAT leaves in the messenger ({@code Helper::finishExternalCall} →
 * {@code CVoxImplantHistory::SendMessageToChat}, the portal's default chat action "ADD"): a system message about the
 * call in the call chat the call's user keeps for the number, made on first use and titled with the number; when the
 * number is another active employee's own, a message in the private dialog with them instead. register's
 * ADD_TO_CHAT is not read (the server's registerExternalCall ignores it).
 */
public final class CallChats implements CallListener {
    private static final int OUTGOING = 1;

    @Override
    public void ended(Portal portal, FinishedCall row) {
        if (!row.addedToChat()) {
            return;
        }
        Call call = row.call();
        String country = DialledNumber.country(portal.settings().phoneCountry(), portal.domain());
        String shown = DialledNumber.displayed(call.phoneNumber(), country);
        String text = CallChatText.of(call.type(), row.statusCode(), shown, row.portalUserId(), row.id(),
                row.recordUrl() != null && !row.recordUrl().isEmpty());
        if (text.isEmpty()) {
            return;
        }
        long user = row.portalUserId();
        String key = PhoneNumbers.dialogKey(call.phoneNumber());
        boolean outgoing = call.type() == OUTGOING;
        CallChatStore store = portal.store(CallChatStore.class);
        Optional<User> colleague = colleagueOwning(portal, call, key, user);
        CallChatMessage message;
        if (colleague.isPresent()) {
            long other = colleague.get().id();
            message = new CallChatMessage(store.nextMessageId(), Long.toString(other), null, null, null, null, user,
                    outgoing ? user : other, outgoing ? other : user, text, call.callId(), portal.now());
        } else {
            long chatId = store.chatOf(user, key);
            // finish renames the chat to the call's CRM object (UpdateChatInfo: resolveEntitiesFields' NAME, the name
            // searchCrmEntities shows); a deal gives no name there, and the chat keeps the number here
            String title = !call.crm() || call.primary() == null || call.primary().type() == CrmEntityType.DEAL ? shown
                    : portal.store(CrmStore.class).get(call.primary()).map(CrmItem::displayName)
                            .filter(name -> !name.isBlank()).orElse(shown);
            String entityData = call.crm() && call.primary() != null
                    ? "Y|" + call.primary().type().name() + "|" + call.primary().id() : null;
            message = new CallChatMessage(store.nextMessageId(), "chat" + chatId, chatId, title, key, entityData, user,
                    outgoing ? user : 0, null, text, call.callId(), portal.now());
        }
        store.add(message);
    }

    /**
     * The active employee, other than the call's user, one of whose own numbers (inner, personal or mobile; not the
     * work phone) is the call's: their dialog takes the message (GetDialogInfo's PhoneTable lookup). Found through the
     * users' phone index, so a finish costs the same on a portal of many users.
     */
    private static Optional<User> colleagueOwning(Portal portal, Call call, String key, long user) {
        return portal.store(UserStore.class).activeOwnerOf(call.phoneNumber())
                .filter(u -> u.id() != user)
                .filter(u -> owns(u.innerPhone(), key) || owns(u.personalPhone(), key) || owns(u.personalMobile(), key));
    }

    private static boolean owns(String phone, String key) {
        return phone != null && !phone.isBlank() && PhoneNumbers.dialogKey(phone).equals(key);
    }
}
