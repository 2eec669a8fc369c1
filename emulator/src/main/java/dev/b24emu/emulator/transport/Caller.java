package dev.b24emu.emulator.transport;

import dev.b24emu.emulator.portal.Portal;

import java.util.Set;

/**
 * Who is calling: the portal the credentials belong to, the user they act as, and how they authenticated.
 *
 * @param appKey the application the token belongs to; "" for incoming webhooks, which have none
 */
public record Caller(Portal portal, long userId, AuthType authType, String appKey, Set<String> scopes) {
    public enum AuthType { WEBHOOK, OAUTH }

    public boolean isWebhook() {
        return authType == AuthType.WEBHOOK;
    }
}
