package dev.b24emu.emulator.internal.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.transport.RestError;

/**
 * app.info (api-reference/common/system/app-info.md): an application learns what it is on the portal. An emulated
 * portal is an English cloud portal on the largest Enterprise plan, and every application on it is a local one,
 * installed, never expiring. An incoming webhook gets what the real server gives it, its scopes and the licence,
 * unless the portal sets appInfoWebhookDenied: then the docs' ACCESS_DENIED (specs/DECISIONS.md D51).
 */
public final class AppInfo {
    static final String LANGUAGE = "en";
    static final String LICENSE_TYPE = "ent10000";
    static final String LICENSE = LANGUAGE + "_" + LICENSE_TYPE;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AppInfo() {
    }

    public static JsonNode of(Caller caller) {
        ObjectNode info = NODES.objectNode();
        if (caller.isWebhook()) {
            if (caller.portal().settings().appInfoWebhookDenied()) {
                throw new RestError(403, "ACCESS_DENIED", "Access denied! Application context required");
            }
            caller.scopes().stream().sorted().forEach(info.putArray("SCOPE")::add);
            info.put("LICENSE", LICENSE);
            return info;
        }
        App app = caller.portal().store(AppStore.class).byAppKey(caller.appKey())
                .orElseThrow(() -> new RestError(403, "ACCESS_DENIED", "Access denied! Application context required"));
        info.put("ID", Long.parseLong(app.appKey()));
        info.put("CODE", app.clientId());
        info.put("VERSION", 1);
        info.put("STATUS", "L");
        info.put("INSTALLED", true);
        info.put("PAYMENT_EXPIRED", "N");
        info.putNull("DAYS");
        info.put("LANGUAGE_ID", LANGUAGE);
        info.put("LICENSE", LICENSE);
        info.put("LICENSE_TYPE", LICENSE_TYPE);
        info.put("LICENSE_FAMILY", "ent");
        return info;
    }
}
