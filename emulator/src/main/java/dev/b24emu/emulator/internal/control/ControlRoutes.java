package dev.b24emu.emulator.internal.control;

/**
 * The control API's route table (/_emulator/...), as areas see it: each area adds its own routes beside its REST
 * methods. Paths are relative: {@code get("/health", ...)} serves /_emulator/health, and the routes of
 * {@link #portal()} serve /_emulator/portals/{id}/..., with the portal resolved before the handler runs.
 */
public interface ControlRoutes {
    void get(String path, ControlHandler handler);

    /** A POST answered 200. */
    void post(String path, ControlHandler handler);

    /** A POST answered with the given status (201 for what it creates). */
    void post(String path, int status, ControlHandler handler);

    void put(String path, ControlHandler handler);

    void patch(String path, ControlHandler handler);

    void delete(String path, ControlHandler handler);

    /** The routes of one portal, below /_emulator/portals/{id}. */
    ControlRoutes portal();
}
