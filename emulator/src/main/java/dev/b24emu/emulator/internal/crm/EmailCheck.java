package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.transport.RestError;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The e-mail check of a lead's, contact's or company's add and update (D198): CCrmFieldMulti::CheckComplexFields
 * refuses an EMAIL value that PHP's check_email (main/tools.php) does not take, so "user@localhost" or "a@@b" is a
 * 400 there however valid a client's own checks found it.
 */
public final class EmailCheck {
    /** RFC 2822's atext as check_email lists it */
    private static final String ATOM = "[=_0-9a-z+~'!$&*^`|#%/?{}-]";
    private static final Pattern ADDRESS = Pattern.compile(
            "^" + ATOM + "+(\\." + ATOM + "+)*@(([-0-9a-z_]+\\.)+)([a-z0-9-]{2,20})$", Pattern.CASE_INSENSITIVE);
    /**
     * CCrmFieldMulti::GetEntityNameByComplex's full names (a value without a type is written as WORK); a value type
     * it does not know has none (""). Only "Work e-mail" is seen in the pages (crm-contact-add.md's errors).
     */
    private static final Map<String, String> NAMES = Map.of("WORK", "Work e-mail", "HOME", "Personal e-mail",
            "MAILING", "E-mail for newsletters", "OTHER", "Other e-mail");

    private EmailCheck() {
    }

    /** check_email($email) without strict mode. */
    static boolean valid(String email) {
        String address = bracketed(email.trim());
        return address.getBytes(StandardCharsets.UTF_8).length <= 320 && ADDRESS.matcher(address).matches();
    }

    /**
     * "Name &lt;address&gt;": what check_email's preg_match("#.*?[&lt;\[\(](.*?)[&gt;\]\)].*#i") takes, the text between
     * the first opening bracket with a closing one after it on its line and that closing one, when not empty; else
     * the whole. Scanned once rather than matched with the pattern, whose lazy groups backtrack over a line of
     * opening brackets: 20,000 of them took 1.6 s in Java's engine, and a value may be as long as the request.
     */
    static String bracketed(String email) {
        int open = -1; // the first opening bracket of the current line
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (c == '\n') {
                open = -1;
            } else if (open < 0 && (c == '<' || c == '[' || c == '(')) {
                open = i;
            } else if (open >= 0 && (c == '>' || c == ']' || c == ')')) {
                return open + 1 < i ? email.substring(open + 1, i) : email;
            }
        }
        return email;
    }

    /**
     * Refuses the fields' EMAIL values check_email does not take, each named in CheckComplexFields's words and
     * ended as LAST_ERROR ends them: the REST proxy answers LAST_ERROR as it is.
     */
    public static void check(JsonNode fields) {
        JsonNode emails = fields.get("EMAIL");
        if (emails == null || !emails.isContainerNode()) {
            return;
        }
        StringBuilder errors = new StringBuilder();
        for (JsonNode value : emails) {
            String text = value.isObject() ? value.path("VALUE").asText("") : "";
            if (!text.isEmpty() && !"Y".equals(value.path("DELETE").asText()) && !valid(text)) {
                String type = value.path("VALUE_TYPE").asText("").isBlank() ? "WORK" : value.path("VALUE_TYPE").asText();
                errors.append("The field \"").append(NAMES.getOrDefault(type, ""))
                        .append("\" contains an invalid address.<br />");
            }
        }
        if (!errors.isEmpty()) {
            throw RestError.of("ERROR_CORE", errors.toString());
        }
    }
}
