package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.regex.Pattern;

/** What a client is told of a JSON body the parser refused: the parser's reason, without the library's own names. */
public final class MalformedJson {
    /**
     * Jackson's limits name the setting that holds them ("exceeds the maximum allowed (1000, from
     * `StreamReadConstraints.getMaxNumberLength()`)"): a Java library's method in a Bitrix24-style error.
     */
    private static final Pattern SETTING = Pattern.compile(", from `[^`]*`");

    private MalformedJson() {
    }

    /** where Jackson says a container began, naming its own setting for sources ("Source: REDACTED (`…` disabled)") */
    private static final Pattern START_MARKER = Pattern.compile(" \\(start marker at \\[Source:.*$", Pattern.DOTALL);
    /** a Java type a value could not be read as, in backquotes: said as the JSON it takes */
    private static final Pattern JAVA_TYPE = Pattern.compile("value of type `(long|int|java\\.lang\\.Long|java\\.lang\\.Integer)`");
    private static final Pattern NOT_VALID = Pattern.compile("not a valid `(long|int|java\\.lang\\.Long|java\\.lang\\.Integer)` value");

    /** "Malformed JSON body: " and the parser's first line. */
    public static String describe(JsonProcessingException refused) {
        return "Malformed JSON body: " + reason(refused);
    }

    /**
     * The parser's reason in a client's terms: without the settings and locations it names in the library's words
     * (a state import's "expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature…"),
     * a whole number named as one rather than as Java's {@code long} (audit 50e).
     */
    public static String reason(JsonProcessingException refused) {
        String reason = refused.getOriginalMessage();
        if (reason == null) {
            return "unreadable";
        }
        reason = START_MARKER.matcher(SETTING.matcher(reason).replaceAll("")).replaceAll("");
        return NOT_VALID.matcher(JAVA_TYPE.matcher(reason).replaceAll("a whole number")).replaceAll("not a whole number");
    }
}
