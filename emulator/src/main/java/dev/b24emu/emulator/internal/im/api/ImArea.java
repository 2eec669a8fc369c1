package dev.b24emu.emulator.internal.im.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.clock.IsoTime;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.im.Notification;
import dev.b24emu.emulator.internal.im.NotificationStore;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;

import java.util.List;

/**
 * Notifications (im.notify.*): what an integration tells the portal's users, e.g. of a missed call. The control API
 * lists them (GET /_emulator/portals/{id}/notifications), since the emulator has no messenger to show them in.
 */
public final class ImArea implements Area {
    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("notifications", NotificationStore.class,
                portal -> new NotificationStore(portal.bounds().journalEntries())));
    }

    @Override
    public void methods(MethodTable methods) {
        NotifyMethods.register(methods);
    }

    @Override
    public void control(ControlRoutes routes) {
        routes.portal().get("/notifications", request -> request.portal().store(NotificationStore.class).all().stream()
                .map(n -> view(request.portal(), n)).toList());
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
