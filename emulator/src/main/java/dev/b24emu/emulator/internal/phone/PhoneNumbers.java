package dev.b24emu.emulator.internal.phone;

/**
 * Phone number rules shared by CRM search, user lookup and call registration.
 * <p>
 * Matching compares digits only, so {@code +7 (999) 000-00-01}, {@code 79990000001} and {@code +79990000001}
 * are one number; an 11-digit number written with the Russian trunk prefix 8 matches its +7 form
 * (specs/DECISIONS.md, "Phone matching").
 */
public final class PhoneNumbers {
    private PhoneNumbers() {
    }

    /** The key two numbers must share to be the same number; empty when the input has no digits. */
    public static String matchKey(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder digits = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        if (digits.length() == 11 && digits.charAt(0) == '8') {
            digits.setCharAt(0, '7');
        }
        return digits.toString();
    }

    /** What telephony.externalCall.register keeps of PHONE_NUMBER: the characters [0-9#*+,;] only. */
    public static String stripForCall(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c >= '0' && c <= '9') || c == '#' || c == '*' || c == '+' || c == ',' || c == ';') {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** A readable form for lead titles: +7 999 000-00-01 style for 11-digit numbers, the input otherwise. */
    public static String format(String raw) {
        String digits = matchKey(raw);
        if (digits.length() == 11) {
            return "+" + digits.charAt(0) + " " + digits.substring(1, 4) + " " + digits.substring(4, 7)
                    + "-" + digits.substring(7, 9) + "-" + digits.substring(9);
        }
        return raw;
    }
}
