package dev.b24emu.emulator.testing;

import dev.b24emu.emulator.internal.phone.PhoneNumbers;

/** Phone numbers as the emulator compares them, for tests and tools that must match numbers the same way. */
public final class Phones {
    private Phones() {
    }

    /**
     * The key two numbers must share to be the same number: digits only, an 11-digit number with the Russian trunk
     * prefix 8 read as +7 (specs/DECISIONS.md D8); empty when the input has no digits.
     */
    public static String matchKey(String raw) {
        return PhoneNumbers.matchKey(raw);
    }
}
