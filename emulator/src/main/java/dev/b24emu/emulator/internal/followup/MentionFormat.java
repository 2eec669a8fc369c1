package dev.b24emu.emulator.internal.followup;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How mentions of users in AI texts are written (the mentionFormat parameter): {@code bb}, the default and the form
 * follow-ups are stored in ({@code [USER=7]Klaus Weber[/USER]}), {@code html} (a link to the user's profile) or
 * {@code none} (the name alone).
 */
public enum MentionFormat {
    BB, HTML, NONE;

    private static final Pattern MENTION = Pattern.compile("\\[USER=(\\d+)](.*?)\\[/USER]",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final String CLOSE = "[/USER]";

    /** Where the tag begins at or after {@code from}, its letters in any case, or -1. */
    private static int indexOf(String text, String tag, int from) {
        for (int i = from; i <= text.length() - tag.length(); i++) {
            if (text.charAt(i) == '[' && text.regionMatches(true, i, tag, 0, tag.length())) {
                return i;
            }
        }
        return -1;
    }

    /** The parameter as given (absent or null: bb); another value is the validation error of the calling page. */
    public static MentionFormat parse(JsonNode given, boolean listPage) {
        if (given == null || given.isNull()) {
            return BB;
        }
        if (given.isTextual()) {
            for (MentionFormat format : values()) {
                if (format.name().toLowerCase(Locale.ROOT).equals(given.asText())) {
                    return format;
                }
            }
        }
        throw FollowUpErrors.mentionFormat(listPage);
    }

    /** A stored text with its mentions in this format. */
    public String render(String text) {
        if (this == BB || text.indexOf('[') < 0) {
            return text;
        }
        // each mention matched up to the first closing tag after it, looked for once: the pattern's lazy run looked
        // for one to the text's end from every unclosed tag, and 480 KB of them took 104 s
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int from = 0;
        int close = -1;
        while (true) {
            int open = indexOf(text, "[USER=", from);
            if (open < 0) {
                break;
            }
            if (close < open) {
                close = indexOf(text, CLOSE, open);
                if (close < 0) {
                    break; // no closing tag after it: no mention after it either
                }
            }
            Matcher m = MENTION.matcher(text).region(open, close + CLOSE.length());
            if (!m.lookingAt() || m.end() != close + CLOSE.length()) {
                from = open + 1;
                continue;
            }
            String replacement = this == HTML
                    ? "<a href=\"/company/personal/user/" + m.group(1) + "/\">" + m.group(2) + "</a>"
                    : m.group(2);
            out.append(text, copied, open).append(replacement);
            copied = close + CLOSE.length();
            from = copied;
        }
        return out.append(text, copied, text.length()).toString();
    }
}
