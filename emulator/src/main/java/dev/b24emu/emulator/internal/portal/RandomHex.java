package dev.b24emu.emulator.internal.portal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Secrets and identifiers nobody can guess: portal IDs, webhook and application tokens, SIP passwords. */
public final class RandomHex {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomHex() {
    }

    /** {@code bytes} random bytes as lower-case hex (twice as many characters). */
    public static String of(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
