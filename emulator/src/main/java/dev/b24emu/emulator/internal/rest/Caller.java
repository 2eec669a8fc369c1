package dev.b24emu.emulator.internal.rest;

import dev.b24emu.emulator.internal.portal.Portal;

import java.util.Set;

/**
 * Who is calling: the portal the credentials belong to, the user they act as, and how they authenticated.
 *
 * @param appKey     the application the token belongs to; "" for incoming webhooks, which have none
 * @param clientId   that application's client_id, or null for a webhook
 * @param credential a fingerprint of the token used, for the request journal (see {@link #fingerprint})
 */
public record Caller(Portal portal, long userId, AuthType authType, String appKey, String clientId,
                     String credential, Set<String> scopes) {
    public enum AuthType {
        WEBHOOK, OAUTH;

        private final String label = name().toLowerCase(java.util.Locale.ROOT);

        /** "webhook" or "oauth", as the journal shows it. */
        public String label() {
            return label;
        }
    }

    /** The first 8 hex digits of the token's SHA-256: tells tokens apart in the journal without revealing them. */
    public static String fingerprint(String token) {
        Fingerprinted last = LAST.get();
        if (last != null && last.token().equals(token)) {
            return last.fingerprint(); // a client calls with one token, request after request
        }
        byte[] digest = SHA_256.get().digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String fingerprint = java.util.HexFormat.of().formatHex(digest, 0, 4);
        LAST.set(new Fingerprinted(token, fingerprint));
        return fingerprint;
    }

    private record Fingerprinted(String token, String fingerprint) {
    }

    /** The last token fingerprinted on this thread (an event loop), and its fingerprint. */
    private static final ThreadLocal<Fingerprinted> LAST = new ThreadLocal<>();

    /** One digest per thread: looking SHA-256 up among the security providers was most of a fingerprint's cost. */
    private static final ThreadLocal<java.security.MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    });

    public boolean isWebhook() {
        return authType == AuthType.WEBHOOK;
    }
}
