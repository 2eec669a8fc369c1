package dev.b24emu.emulator.internal.voximplant;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text-to-speech voices of voximplant.tts.voices.get (api-reference/telephony/voximplant/voximplant-tts-voices-get.md):
 * the keys the server defines, named in English. The English page lists usinternalfemale/usinternalmale where the
 * Russian original and the server have ruinternalfemale/ruinternalmale; the emulator has the server's keys (D69).
 */
public final class Voices {
    private static final Map<String, String> VOICES = new LinkedHashMap<>();

    static {
        String[][] voices = {
            {"auenglishfemale", "Australian English (Female) (Amazon)"},
            {"brportuguesefemale", "Brazilian Portuguese (Female) (Amazon)"},
            {"caenglishfemale", "Canadian English (Female) (Default)"},
            {"cafrenchfemale", "Canadian French (Female) (Amazon)"},
            {"cafrenchmale", "Canadian French (Male) (Amazon)"},
            {"chchinesefemale", "Chinese (Female) (Default)"},
            {"chchinesemale", "Chinese (Male) (Default)"},
            {"eurcatalanfemale", "Catalan (Female) (Default)"},
            {"eurczechfemale", "Czech (Female) (Default)"},
            {"eurdanishfemale", "Danish (Female) (Default)"},
            {"eurdutchfemale", "Dutch (Female) (Default)"},
            {"eurfinnishfemale", "Finnish (Female) (Default)"},
            {"eurfrenchfemale", "French (Female) (Amazon)"},
            {"eurfrenchmale", "French (Male) (Amazon)"},
            {"eurgermanfemale", "German (Female) (Default)"},
            {"eurgermanmale", "German (Male) (Default)"},
            {"euritalianfemale", "Italian (Female) (Default)"},
            {"euritalianmale", "Italian (Male) (Default)"},
            {"eurnorwegianfemale", "Norwegian (Female) (Default)"},
            {"eurpolishfemale", "Polish (Female) (Default)"},
            {"eurportuguesefemale", "Portuguese (Female) (Default)"},
            {"eurportuguesemale", "Portuguese (Male) (Default)"},
            {"eurspanishfemale", "Spanish (Female) (Default)"},
            {"eurspanishmale", "Spanish (Male) (Default)"},
            {"eurturkishfemale", "Turkish (Female) (Default)"},
            {"eurturkishmale", "Turkish (Male) (Default)"},
            {"hkchinesefemale", "Hong Kong Cantonese (Female) (Default)"},
            {"huhungarianfemale", "Hungarian (Female) (Default)"},
            {"jpjapanesefemale", "Japanese (Female) (Default)"},
            {"jpjapanesemale", "Japanese (Male) (Default)"},
            {"krkoreanfemale", "Korean (Female) (Default)"},
            {"krkoreanmale", "Korean (Male) (Default)"},
            {"ruinternalfemale", "Russian (Female) (Default)"},
            {"ruinternalmale", "Russian (Male) (Default)"},
            {"swswedishfemale", "Swedish (Female) (Default)"},
            {"twchinesefemale", "Taiwanese Chinese (Female) (Default)"},
            {"ukenglishfemale", "English (Female) (Amazon)"},
            {"ukenglishmale", "English (Male) (Amazon)"},
            {"usenglishfemale", "American English (Female) (Default)"},
            {"usenglishmale", "American English (Male) (Default)"},
            {"usspanishfemale", "American Spanish (Female) (Amazon)"},
            {"usspanishmale", "American Spanish (Male) (Amazon)"},
        };
        for (String[] voice : voices) {
            VOICES.put(voice[0], voice[1]);
        }
    }

    private Voices() {
    }

    /** Voice ID to name, in the server's order. */
    public static Map<String, String> all() {
        return VOICES;
    }
}
