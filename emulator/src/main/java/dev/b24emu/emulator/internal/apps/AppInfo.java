package dev.b24emu.emulator.internal.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.rest.Caller;
import dev.b24emu.emulator.internal.transport.RestError;

/**
 * app.info (api-reference/common/system/app-info.md): an application learns what it is on the portal. An emulated
 * portal is an English cloud portal on the largest Enterprise plan; an application reports its version, status,
 * whether installFinish was called, and its trial or paid period on the portal's clock ({@link Standing}). An incoming webhook gets what the real server gives it, its scopes and the licence,
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
        Standing standing = Standing.of(app, caller.portal().now());
        info.put("VERSION", app.version());
        info.put("STATUS", standing.status());
        info.put("INSTALLED", !app.awaitingFinish());
        info.put("PAYMENT_EXPIRED", standing.paymentExpired() ? "Y" : "N");
        if (standing.days() == null) {
            info.putNull("DAYS");
        } else {
            info.put("DAYS", standing.days());
        }
        info.put("LANGUAGE_ID", LANGUAGE);
        info.put("LICENSE", LICENSE);
        info.put("LICENSE_TYPE", LICENSE_TYPE);
        info.put("LICENSE_FAMILY", "ent");
        return info;
    }
}
