package dev.b24emu.emulator.internal.phone;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Numbers are matched as the server's duplicate index codes them (NormalizePhone($n, 1), the extension cut; D8). */
class PhoneNumbersTest {
    @Test
    void numbersAreCodedAsTheServersDuplicateIndexCodesThem() {
        Map<String, String> keys = Map.ofEntries(
                Map.entry("+7 (999) 000-00-01", "79990000001"),
                Map.entry("8 (999) 000-00-01", "79990000001"),
                Map.entry("007 999 000 00 01", "79990000001"),
                Map.entry("+49 30 1234567", "49301234567"),
                Map.entry("0049 30 1234567", "49301234567"),
                Map.entry("011 1 212 555 0100", "12125550100"),
                Map.entry("+81 3 1234 5678", "81312345678"), // "+8…" is read as "008…"
                Map.entry("80501234567", "80501234567"), // 80, 81, 82 are not a trunk prefix 8
                Map.entry("030 1234567", "301234567"), // a national trunk 0, from ten characters on
                Map.entry("8123", "8123"), // short numbers are kept as they are
                Map.entry("0123", "0123"),
                Map.entry("+7 999 000-00-01#204", "79990000001"), // the extension is cut
                Map.entry("79990000001;5", "799900000015"), // NormalizePhone drops the ; before the cut sees it
                Map.entry("*100#", "*100"),
                Map.entry("no digits", ""),
                Map.entry("", ""));
        keys.forEach((raw, key) -> assertEquals(key, PhoneNumbers.matchKey(raw), raw));
        assertEquals("", PhoneNumbers.matchKey(null));
    }

    @Test
    void formattedNumbersAreTheOnesWithElevenDigits() {
        assertEquals("+7 999 000-00-01", PhoneNumbers.format("8 (999) 000 00 01"));
        // a foreign or invalid number is not grouped the Russian way (the server answers an invalid one raw: audit 61c)
        assertEquals("011 1 212 555 0100", PhoneNumbers.format("011 1 212 555 0100"));
        assertEquals("+8 912 345 67 89", PhoneNumbers.format("+8 912 345 67 89"));
        assertEquals("12345", PhoneNumbers.format("12345"));
        assertEquals("7999000000*1", PhoneNumbers.format("7999000000*1"), "a key with * is not a number to format");
    }

    @Test
    void digitsAreWhatMakesANumber() {
        assertTrue(PhoneNumbers.hasDigits("+7 (999)"));
        assertFalse(PhoneNumbers.hasDigits("*#,;"));
        assertFalse(PhoneNumbers.hasDigits(null));
    }

    /** Seeded fuzzing: whatever the input, the key is made of 0-9 # * , ; only (what the index column holds). */
    @Test
    void aKeyHoldsOnlyWhatTheIndexKeeps() {
        Random random = new Random(20261205);
        String alphabet = "0123456789+-() #*,;x8";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder raw = new StringBuilder();
            for (int i = random.nextInt(20); i > 0; i--) {
                raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String key = PhoneNumbers.matchKey(raw.toString());
            assertTrue(key.chars().allMatch(c -> "0123456789#*,;".indexOf(c) >= 0), raw + " -> " + key);
        }
    }
}
