package dev.b24emu.emulator.internal.area;

import dev.b24emu.emulator.internal.control.ControlRoutes;
import dev.b24emu.emulator.internal.portal.SeedSection;
import dev.b24emu.emulator.internal.portal.StoreType;
import dev.b24emu.emulator.internal.rest.MethodTable;
import io.vertx.ext.web.Router;

import java.util.List;

/**
 * One API area (telephony, CRM, users, events, ...) as a unit: the per-portal stores it keeps, the seed fields it
 * reads, the REST methods it serves (their scopes and application-context rule come from specs/) and its control
 * routes. Adding an area is one package with an Area, plus one line in the server's list of areas.
 */
public interface Area {
    /** The stores every portal gets from this area, in the order they are seeded. */
    default List<StoreType<?>> stores() {
        return List.of();
    }

    /** The seed fields this area reads (see {@link dev.b24emu.emulator.internal.portal.SeedFormat}). */
    default List<SeedSection> seedSections() {
        return List.of();
    }

    /** Adds the area's REST methods. */
    default void methods(MethodTable methods) {
    }

    /**
     * How the names of the area's REST methods begin, lower-cased ("crm.", "user.option."): its methods are added
     * when a name with one of these beginnings is first looked for (a start makes a class for each method reference
     * it adds, a tenth of a cold start for all areas), or when a name is found nowhere else. Each method's name must
     * begin with one of them (ArchitectureTest).
     */
    default List<String> methodPrefixes() {
        return List.of();
    }

    /** Adds the area's control endpoints (/_emulator/...). */
    default void control(ControlRoutes routes) {
    }

    /** Adds HTTP routes outside /rest/ and /_emulator/ (the OAuth token endpoint, upload URLs). */
    default void routes(Router router) {
    }
}
