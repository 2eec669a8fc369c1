package dev.b24emu.emulator.internal.portal;

import java.util.Set;

/** A portal's incoming webhook: /rest/{userId}/{token}/ acts as that user with those scopes. */
public record Webhook(long userId, String token, Set<String> scopes) {
    public Webhook {
        scopes = Set.copyOf(scopes);
    }
}
