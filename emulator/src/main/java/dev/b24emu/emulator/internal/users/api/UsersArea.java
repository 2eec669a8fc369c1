package dev.b24emu.emulator.internal.users.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.users.DepartmentStore;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserFields;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.users.WorkDayStatus;

import java.util.List;

/**
 * The portal's employees and its company structure: user.get, user.current, user.fields, user.update, user.add,
 * profile, department.*; the users control endpoints; the "users" and "departments" seed fields.
 */
public final class UsersArea implements Area {
    private final WorkDayStatus workDays;

    public UsersArea(WorkDayStatus workDays) {
        this.workDays = workDays;
    }

    @Override
    public List<StoreType<?>> stores() {
        return List.of(StoreType.of("users", UserStore.class, portal -> new UserStore()),
                StoreType.of("departments", DepartmentStore.class, portal -> new DepartmentStore()));
    }

    @Override
    public List<SeedSection> seedSections() {
        return List.of(UserStore.seedSection(), DepartmentStore.seedSection());
    }

    @Override
    public void methods(MethodTable methods) {
        UserMethods.register(methods);
        DepartmentMethods.register(methods);
    }

    @Override
    public void control(ControlRoutes routes) {
        routes.portal().get("/users", request -> request.portal().store(UserStore.class).all().stream()
                .map(user -> view(request.portal(), user)).toList());
        routes.portal().post("/users", 201, request -> {
            UserStore users = request.portal().store(UserStore.class);
            ConfigBound.admit(request.portal(), users.all(), request.body(), "users");
            User user = UserFields.parse(request.body(), users.nextId());
            users.put(user);
            workDays.set(request.portal(), user);
            return view(request.portal(), user);
        });
    }

    /** A user as user.get shows it, with its time-tracking status as it stands now. */
    private ObjectNode view(Portal portal, User user) {
        ObjectNode view = UserFields.toRecord(user);
        view.remove("IS_ADMIN");
        view.put("TIMEMAN_STATUS", workDays.of(portal, user).name());
        return view;
    }
}
