package dev.b24emu.emulator.internal.apps;

import java.util.Set;

/**
 * An application installed on a portal.
 *
 * @param appKey           the application's ID on the portal (REST_APP_ID), a decimal string
 * @param handlerUrl       where ONAPPINSTALL goes, or null
 * @param applicationToken the secret the portal sends in every event's auth block, so handlers can check the sender
 * @param installedBy      the user who installed it; offline events and admin-only calls check this user
 */
public record App(String appKey, String clientId, String clientSecret, String name, Set<String> scopes,
                  String handlerUrl, String applicationToken, long installedBy) {
    public App {
        scopes = Set.copyOf(scopes);
    }

    public String scopeList() {
        return String.join(",", scopes.stream().sorted().toList());
    }
}
