package dev.b24emu.emulator.internal.control;

import io.vertx.core.http.HttpMethod;

/**
 * The control API's route table (/_emulator/...), as areas see it: each area adds its own routes beside its REST
 * methods. Paths are relative: {@code get("/health", ...)} serves /_emulator/health, and the routes of
 * {@link #portal()} serve /_emulator/portals/{id}/..., with the portal resolved before the handler runs.
 */
public interface ControlRoutes {
    /** Adds a route answered with the given status: what each verb below adds, the one method a table implements. */
    void route(HttpMethod method, String path, int status, ControlHandler handler);

    default void get(String path, ControlHandler handler) {
        route(HttpMethod.GET, path, 200, handler);
    }

    /** A POST answered 200. */
    default void post(String path, ControlHandler handler) {
        route(HttpMethod.POST, path, 200, handler);
    }

    /** A POST answered with the given status (201 for what it creates). */
    default void post(String path, int status, ControlHandler handler) {
        route(HttpMethod.POST, path, status, handler);
    }

    default void put(String path, ControlHandler handler) {
        route(HttpMethod.PUT, path, 200, handler);
    }

    default void patch(String path, ControlHandler handler) {
        route(HttpMethod.PATCH, path, 200, handler);
    }

    default void delete(String path, ControlHandler handler) {
        route(HttpMethod.DELETE, path, 200, handler);
    }

    /** The routes of one portal, below /_emulator/portals/{id}. */
    ControlRoutes portal();
}
