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

    /** "Malformed JSON body: " and the parser's first line. */
    public static String describe(JsonProcessingException refused) {
        String reason = refused.getOriginalMessage();
        return "Malformed JSON body: " + (reason == null ? "unreadable" : SETTING.matcher(reason).replaceAll(""));
    }
}
