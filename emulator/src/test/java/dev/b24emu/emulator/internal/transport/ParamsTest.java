package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PHP casts the real server applies, which clients sending strings, numbers or booleans rely on. */
class ParamsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Params params(String json) throws Exception {
        return new Params((ObjectNode) JSON.readTree(json));
    }

    @Test
    void intCastReadsLeadingDigitsLikePhp() throws Exception {
        Params p = params("{\"a\":\"12abc\",\"b\":\"abc\",\"c\":3.9,\"d\":true,\"e\":[],\"f\":\" 7\",\"g\":\"99999999999999999999999\"}");
        assertEquals(12, p.phpInt("a"));
        assertEquals(0, p.phpInt("b"));
        assertEquals(3, p.phpInt("c"));
        assertEquals(1, p.phpInt("d"));
        assertEquals(0, p.phpInt("e"));
        assertEquals(7, p.phpInt("f"));
        assertEquals(Long.MAX_VALUE, p.phpInt("g"));
        assertEquals(0, p.phpInt("missing"));
    }

    @Test
    void truthinessFollowsPhp() throws Exception {
        Params p = params("{\"zero\":\"0\",\"empty\":\"\",\"n\":\"N\",\"f\":\"false\",\"one\":1,\"no\":false,\"arr\":[],\"nul\":null}");
        assertFalse(p.phpTruthy("zero"));
        assertFalse(p.phpTruthy("empty"));
        assertTrue(p.phpTruthy("n"), "PHP treats the string N as true");
        assertTrue(p.phpTruthy("f"), "PHP treats the string false as true");
        assertTrue(p.phpTruthy("one"));
        assertFalse(p.phpTruthy("no"));
        assertFalse(p.phpTruthy("arr"));
        assertFalse(p.phpTruthy("nul"));
        assertTrue(p.flag("absent", true));
        assertFalse(p.flag("zero", true));
    }

    @Test
    void looseIntegersAcceptNumericStringsOnly() throws Exception {
        assertEquals(Optional.of(2L), Params.looseInteger(JSON.readTree("\"2\"")));
        assertEquals(Optional.of(2L), Params.looseInteger(JSON.readTree("2.0")));
        assertEquals(Optional.of(2L), Params.looseInteger(JSON.readTree("\" 2 \"")));
        assertEquals(Optional.empty(), Params.looseInteger(JSON.readTree("\"2abc\"")));
        assertEquals(Optional.empty(), Params.looseInteger(JSON.readTree("2.5")));
        assertEquals(Optional.empty(), Params.looseInteger(JSON.readTree("[2]")));
        // is_numeric reads ASCII digits only: fullwidth and Arabic-Indic digits are no number
        assertEquals(Optional.empty(), Params.looseInteger(JSON.readTree("\"\uFF11\uFF12\"")));
        assertEquals(Optional.empty(), Params.looseInteger(JSON.readTree("\"\u0661\"")));
        assertEquals(Optional.of(-3L), Params.looseInteger(JSON.readTree("\"-3\"")));
    }

    @Test
    void topLevelKeysMatchWithoutCase() throws Exception {
        Params p = params("{\"fields\":{\"NAME\":\"x\"},\"Phone_Number\":\"1\"}");
        assertTrue(p.node("FIELDS").isPresent());
        assertEquals("1", p.textOrEmpty("PHONE_NUMBER"));
    }

    @Test
    void scalarsAreTextButContainersAreNot() throws Exception {
        Params p = params("{\"n\":5,\"d\":1.50,\"b\":true,\"o\":{\"x\":1}}");
        assertEquals(Optional.of("5"), p.text("n"));
        assertEquals(Optional.of("1.5"), p.text("d"));
        assertEquals(Optional.of("1"), p.text("b"));
        assertEquals(Optional.empty(), p.text("o"));
    }
}
