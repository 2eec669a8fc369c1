package dev.b24emu.emulator.internal.im.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.im.CallChatMessage;
import dev.b24emu.emulator.internal.im.CallChatStore;
import dev.b24emu.emulator.internal.im.Notification;
import dev.b24emu.emulator.internal.im.NotificationStore;
import dev.b24emu.emulator.internal.im.PresenceStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;

import java.util.List;

/**
 * Notifications (im.notify.*): what an integration tells the portal's users, e.g. of a missed call; the messages
 * finished calls leave in their users' call chats (ADD_TO_CHAT); the messages clients send (im.message.*, e.g. a
 * daily call report), which the control API lists (GET /_emulator/portals/{id}/notifications and /chat-messages),
 * since the emulator has no messenger to show them in; and the users' messenger statuses (im.user.status.*, kept in
 * state files).
 */
public final class ImArea implements Area {
    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("notifications", NotificationStore.class,
                portal -> new NotificationStore(portal.bounds().journalEntries())),
                StoreType.of("callChats", CallChatStore.class,
                        portal -> new CallChatStore(portal.bounds().journalEntries())),
                StoreType.of("presence", PresenceStore.class, portal -> new PresenceStore()));
    }

    @Override
    public List<String> methodPrefixes() {
        return List.of("im.");
    }

    @Override
    public void methods(MethodTable methods) {
        NotifyMethods.register(methods);
        MessageMethods.register(methods);
        DepartmentUserMethods.register(methods);
        ImUserMethods.register(methods);
        UserStatusMethods.register(methods);
    }

    @Override
    public void control(ControlRoutes routes) {
        routes.portal().get("/notifications", request -> request.portal().store(NotificationStore.class).all().stream()
                .map(n -> view(request.portal(), n)).toList());
        routes.portal().get("/chat-messages", request -> request.portal().store(CallChatStore.class).all().stream()
                .map(m -> view(request.portal(), m)).toList());
    }

    /** A message a call left in the messenger, with the chat it is in, as the messenger's tables name its fields. */
    private static ObjectNode view(Portal portal, CallChatMessage m) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("ID", m.id());
        view.put("DIALOG_ID", m.dialogId());
        view.put("CHAT_ID", m.chatId());
        view.put("CHAT_TITLE", m.chatTitle());
        view.put("CHAT_ENTITY_TYPE", m.chatId() == null ? null : "CALL");
        view.put("CHAT_ENTITY_ID", m.chatEntityId());
        view.put("CHAT_ENTITY_DATA_1", m.entityData());
        view.put("USER_ID", m.userId());
        view.put("FROM_USER_ID", m.fromUserId());
        view.put("TO_USER_ID", m.toUserId());
        view.put("SYSTEM", m.system() ? "Y" : "N");
        view.put("MESSAGE", m.message());
        view.set("ATTACH", m.attach());
        view.put("CALL_ID", m.callId());
        view.put("DATE_CREATE", IsoTime.format(m.created(), portal.settings().timeZone()));
        return view;
    }

    /** A notification as CIMNotify keeps it, its type as a word. */
    private static ObjectNode view(Portal portal, Notification n) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("ID", n.id());
        view.put("TO_USER_ID", n.toUserId());
        view.put("FROM_USER_ID", n.fromUserId());
        view.put("TYPE", n.system() ? "SYSTEM" : "USER");
        view.put("NOTIFY_MESSAGE", n.message());
        view.put("NOTIFY_MESSAGE_OUT", n.messageOut());
        view.put("NOTIFY_TAG", n.tag());
        view.put("NOTIFY_SUB_TAG", n.subTag());
        view.set("ATTACH", n.attach());
        view.put("DATE_CREATE", IsoTime.format(n.created(), portal.settings().timeZone()));
        return view;
    }
}
