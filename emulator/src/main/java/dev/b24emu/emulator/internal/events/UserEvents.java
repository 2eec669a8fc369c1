package dev.b24emu.emulator.internal.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserListener;

/**
 * ONUSERADD (api-reference/common/events/on-user-add.md): sent when a user has logged in and completed the
 * registration, not at the invitation, with the user's fields themselves as data (CRestEventHandlers::onUserInitialize:
 * the user's data without a FIELDS wrapper), the empty ones left out.
 */
public final class UserEvents implements UserListener {
    private final EventPublisher publisher;

    public UserEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void registered(Portal portal, User user, Origin origin) {
        publisher.publish(portal, "ONUSERADD", () -> data(user),
                new EventPublisher.Emit(origin, null, Long.toString(user.id())));
    }

    /** The page's fields, in its order: ID, ACTIVE, EMAIL, NAME, LAST_NAME, ..., UF_EMPLOYMENT_DATE. */
    private static ObjectNode data(User user) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("ID", Long.toString(user.id()));
        data.put("ACTIVE", user.active() ? "Y" : "N");
        putIfSet(data, "EMAIL", user.email());
        putIfSet(data, "NAME", user.name());
        putIfSet(data, "LAST_NAME", user.lastName());
        putIfSet(data, "PERSONAL_GENDER", user.profileField("PERSONAL_GENDER"));
        putIfSet(data, "PERSONAL_BIRTHDAY", user.profileField("PERSONAL_BIRTHDAY"));
        if (!user.departments().isEmpty()) {
            user.departments().forEach(data.putArray("UF_DEPARTMENT")::add);
        }
        putIfSet(data, "DATE_REGISTER", user.profileField("DATE_REGISTER"));
        putIfSet(data, "WORK_POSITION", user.profileField("WORK_POSITION"));
        putIfSet(data, "UF_EMPLOYMENT_DATE", user.profileField("UF_EMPLOYMENT_DATE"));
        return data;
    }

    private static void putIfSet(ObjectNode data, String name, String value) {
        if (value != null && !value.isEmpty()) {
            data.put(name, value);
        }
    }
}
