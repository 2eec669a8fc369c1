package dev.b24emu.emulator.internal.rest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A token's fingerprint is its SHA-256's first four bytes, whatever tokens came before it on the thread. */
class CallerTest {
    private static String sha256Prefix(String token) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 4);
    }

    @Test
    void fingerprintsStayRightAsTokensAlternate() throws Exception {
        String[] tokens = {"demo-token", "demo-token", "other", "demo-token", "", "other", "other", "токен"};
        for (String token : tokens) {
            assertEquals(sha256Prefix(token), Caller.fingerprint(token), token);
        }
        assertEquals("webhook", Caller.AuthType.WEBHOOK.label());
        assertEquals("oauth", Caller.AuthType.OAUTH.label());
    }
}
