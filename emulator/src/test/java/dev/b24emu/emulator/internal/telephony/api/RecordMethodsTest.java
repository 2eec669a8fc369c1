package dev.b24emu.emulator.internal.telephony.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** FILE_CONTENT decoded as PHP's base64_decode decodes it in CRestUtil::saveFile (not strict), checked against php -r. */
class RecordMethodsTest {

    @Test
    void whatIsOutsideTheAlphabetIsSkippedAndALoneLastCharacterDropped() {
        assertEquals("ID3", new String(RecordMethods.phpBase64Decode("SUQz"), StandardCharsets.ISO_8859_1));
        assertEquals("ID3", new String(RecordMethods.phpBase64Decode("SU=Q z\n"), StandardCharsets.ISO_8859_1));
        assertEquals("ID3", new String(RecordMethods.phpBase64Decode("SUQz===="), StandardCharsets.ISO_8859_1));
        assertEquals(4, RecordMethods.phpBase64Decode("SUQz-_AA").length);
        assertEquals(24, RecordMethods.phpBase64Decode("SUQz" + "A".repeat(29)).length);
        assertEquals(3, RecordMethods.phpBase64Decode("abcde").length);
        assertEquals(1, RecordMethods.phpBase64Decode("ab").length);
        assertEquals(0, RecordMethods.phpBase64Decode("a").length);
        assertEquals(0, RecordMethods.phpBase64Decode("!!!!").length);
    }
}
