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
        Matcher m = MENTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = this == HTML
                    ? "<a href=\"/company/personal/user/" + m.group(1) + "/\">" + m.group(2) + "</a>"
                    : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
