package dev.b24emu.emulator.testing;

import dev.b24emu.emulator.internal.phone.PhoneNumbers;

/** Phone numbers as the emulator compares them, for tests and tools that must match numbers the same way. */
public final class Phones {
    private Phones() {
    }

    /**
     * The key two numbers must share to be the same number, as the server's duplicate index codes a phone: digits,
     * # and *, a leading 00 or 011 dropped, a leading 8 read as 7 and a leading 0 dropped from ten characters on, the
     * extension after # or ; cut (specs/DECISIONS.md D8); empty when the input has none of those characters.
     */
    public static String matchKey(String raw) {
        return PhoneNumbers.matchKey(raw);
    }
}
