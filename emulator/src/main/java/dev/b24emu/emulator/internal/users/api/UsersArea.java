package dev.b24emu.emulator.internal.users.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.area.Area;
import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.users.AccessCodes;
import dev.b24emu.emulator.internal.users.DepartmentStore;
import dev.b24emu.emulator.internal.users.User;
import dev.b24emu.emulator.internal.users.UserEditing;
import dev.b24emu.emulator.internal.users.UserFields;
import dev.b24emu.emulator.internal.users.UserListener;
import dev.b24emu.emulator.internal.users.UserStore;
import dev.b24emu.emulator.internal.users.WorkDayStatus;

import java.util.List;

/**
 * The portal's employees and its company structure: user.get, user.current, user.fields, user.update, user.add,
 * profile, department.*; the users control endpoints; the "users" and "departments" seed fields.
 */
public final class UsersArea implements Area {
    private final WorkDayStatus workDays;
    /** told of each user who joins (ONUSERADD) */
    private final UserListener joins;

    public UsersArea(WorkDayStatus workDays, UserListener joins) {
        this.workDays = workDays;
        this.joins = joins;
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
    public List<String> methodPrefixes() {
        return List.of("user.", "department.", "profile", "access.name");
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
            Portal portal = request.portal();
            UserEditing.Put put = portal.exclusive(() -> UserEditing.put(portal, request.body()));
            workDays.set(portal, put.user());
            if (put.joined()) {
                joins.registered(portal, put.user(), Origin.user(put.user().id(), request.endpoints()));
            }
            return view(portal, put.user());
        });
        // what the access dialog offers (BX24.selectAccess on the simulator pages, D190), the user's own entry theirs
        routes.portal().get("/access-dialog", request -> {
            UserStore users = request.portal().store(UserStore.class);
            return AccessCodes.dialog(users, request.portal().store(DepartmentStore.class),
                    users.requireActive(request.queryLong("user", request.portal().webhook().userId()), "user"));
        });
        // the user logs in: an invited user's first login completes the registration (ONUSERADD)
        routes.portal().post("/users/:userId/login", request -> {
            Portal portal = request.portal();
            long userId = request.pathLong("userId");
            portal.exclusive(() -> UserEditing.loggedIn(portal, userId))
                    .ifPresent(user -> joins.registered(portal, user, Origin.user(user.id(), request.endpoints())));
            return view(portal, portal.store(UserStore.class).get(userId).orElseThrow());
        });
    }

    /** A user as user.get shows it, with its time-tracking status and IS_ONLINE as they stand now. */
    private ObjectNode view(Portal portal, User user) {
        ObjectNode view = UserFields.toRecord(user);
        view.remove("IS_ADMIN");
        view.put("IS_ONLINE", UserFields.online(user, portal.now(), portal.settings().timeZone()) ? "Y" : "N");
        view.put("TIMEMAN_STATUS", workDays.of(portal, user).name());
        return view;
    }
}
