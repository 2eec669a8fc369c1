package dev.b24emu.emulator.internal.phone;

/**
 * Phone number rules shared by CRM search, user lookup and call registration.
 * <p>
 * Two numbers are the same when their {@link #matchKey} is: the code the server's duplicate index keeps for a phone
 * (DuplicateCommunicationCriterion::normalizePhone, which CCrmSipHelper::findByPhoneNumber searches with), so
 * {@code +7 (999) 000-00-01}, {@code 79990000001}, {@code 8 999 000-00-01} and {@code 007 999 000 00 01} are one
 * number, as {@code +49 30 1234567} and {@code 0049 30 1234567} are (specs/DECISIONS.md D8).
 */
public final class PhoneNumbers {
    private PhoneNumbers() {
    }

    /**
     * The key two numbers must share to be the same number: main's NormalizePhone($number, 1) (only 0-9, # and *
     * kept; from ten characters on a leading 00 or 011 dropped, a leading 8 read as 7 unless it begins 80, 81 or 82,
     * else a leading 0 dropped; "+8…" read as "008…"), the number cleared to 0-9 # * , ; when that leaves nothing,
     * then each run of digits without the extension after it ({@code (\d+)([;#]*)([\d,]*)} to its digits).
     * Empty when the input has none of those characters.
     */
    public static String matchKey(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String normalized = normalizePhone(raw);
        return withoutExtensions(normalized.isEmpty() ? keep(raw, true) : normalized);
    }

    /** Whether the number has a digit at all (what "a number" needs wherever the server asks for one). */
    public static boolean hasDigits(String raw) {
        if (raw != null) {
            for (int i = 0; i < raw.length(); i++) {
                if (raw.charAt(i) >= '0' && raw.charAt(i) <= '9') {
                    return true;
                }
            }
        }
        return false;
    }

    /** main/tools.php NormalizePhone($number, 1); its byte length (strlen) decides the "+8" case. */
    private static String normalizePhone(String number) {
        if (number.startsWith("+8") && number.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 10) {
            number = "00" + number.substring(1);
        }
        StringBuilder kept = new StringBuilder(keep(number, false));
        if (kept.length() >= 10) {
            String two = kept.substring(0, 2);
            if (two.equals("80") || two.equals("81") || two.equals("82")) {
                return kept.toString();
            } else if (two.equals("00")) {
                kept.delete(0, 2);
            } else if (kept.indexOf("011") == 0) {
                kept.delete(0, 3);
            } else if (kept.charAt(0) == '8') {
                kept.setCharAt(0, '7');
            } else if (kept.charAt(0) == '0') {
                kept.deleteCharAt(0);
            }
        }
        return kept.toString();
    }

    /** The digits, # and * of a number, and with {@code separators} its , and ; too. */
    private static String keep(String raw, boolean separators) {
        StringBuilder kept = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9' || c == '#' || c == '*' || separators && (c == ',' || c == ';')) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** preg_replace('/(\d+)([;#]*)([\d,]*)/', '$1', …): every run of digits loses the extension that follows it. */
    private static String withoutExtensions(String number) {
        StringBuilder out = new StringBuilder(number.length());
        int i = 0;
        while (i < number.length()) {
            if (number.charAt(i) < '0' || number.charAt(i) > '9') {
                out.append(number.charAt(i++));
                continue;
            }
            int end = i;
            while (end < number.length() && number.charAt(end) >= '0' && number.charAt(end) <= '9') {
                end++;
            }
            out.append(number, i, end);
            while (end < number.length() && (number.charAt(end) == ';' || number.charAt(end) == '#')) {
                end++;
            }
            while (end < number.length() && (number.charAt(end) >= '0' && number.charAt(end) <= '9'
                    || number.charAt(end) == ',')) {
                end++;
            }
            i = end;
        }
        return out.toString();
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

    /** what is not a dialled character: the [0-9#*] a short number's chat key keeps */
    private static final java.util.regex.Pattern NOT_DIALLED = java.util.regex.Pattern.compile("[^0-9#*]");

    /**
     * The key voximplant files a number's chat under ({@code CVoxImplantMain::GetDialogInfo}): {@code
     * CVoxImplantPhone::Normalize} (a leading +8 read as 008, [0-9#*,;] kept, then 00 or 011 dropped, an 11-digit 8
     * read as 7 and another leading 0 dropped unless the number starts 80-82), or, for what is then shorter than ten
     * characters, the number's [0-9#*] characters.
     */
    public static String dialogKey(String raw) {
        String number = raw == null ? "" : raw;
        if (number.startsWith("+8")) {
            number = "008" + number.substring(2);
        }
        number = stripForCall(number).replace("+", "");
        if (number.startsWith("80") || number.startsWith("81") || number.startsWith("82")) {
            // kept: long-distance 8 followed by a 0-2 is not a country code
        } else if (number.startsWith("00")) {
            number = number.substring(2);
        } else if (number.startsWith("011")) {
            number = number.substring(3);
        } else if (number.startsWith("8") && number.length() == 11) {
            number = "7" + number.substring(1);
        } else if (number.startsWith("0")) {
            number = number.substring(1);
        }
        if (number.length() >= 10) {
            return number;
        }
        return raw == null ? "" : NOT_DIALLED.matcher(raw).replaceAll("");
    }

    /**
     * A readable form for lead titles: +7 999 000-00-01 for a Russian or Kazakh number (7 and ten digits), the input
     * otherwise. The server's PhoneNumber::format() answers an invalid number raw and a foreign one in its country's
     * grouping; this grouped every 11-digit number the Russian way (+1 212 555-01-00, +8 912 …: audit 61c, D19).
     */
    public static String format(String raw) {
        String digits = matchKey(raw);
        if (digits.length() == 11 && digits.charAt(0) == '7' && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "+" + digits.charAt(0) + " " + digits.substring(1, 4) + " " + digits.substring(4, 7)
                    + "-" + digits.substring(7, 9) + "-" + digits.substring(9);
        }
        return raw;
    }
}
