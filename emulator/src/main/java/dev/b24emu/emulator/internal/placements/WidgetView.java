package dev.b24emu.emulator.internal.placements;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A widget as a page opens it, for the simulator pages: its binding's ID, its title, the URL with the query, the form
 * POSTed to it, and whether its user is an administrator (what BX24.isAdmin() tells the widget).
 */
public record WidgetView(long placementId, String title, String url, ObjectNode form, boolean isAdmin) {
}
