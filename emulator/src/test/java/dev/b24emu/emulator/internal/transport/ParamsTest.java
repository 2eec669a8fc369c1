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

    @Test
    void numbersInTextAreReadAsPhpReadsThemWithTheirExponent() throws Exception {
        // PHP 8.2: (int)"1e5" 100000, (int)"1.5e3x" 1500, (int)"1e" 1, (int)".5e1" 5, (int)"1e-5" 0, (int)"1e19" and
        // (int)"99999999999999999999" PHP_INT_MAX, (int)"1e1000" 0 (INF), (int)"-99999999999999999999" PHP_INT_MIN
        Params p = params("{\"a\":\"1e5\",\"b\":\"1.5e3x\",\"c\":\"1e\",\"d\":\".5e1\",\"e\":\"1e-5\",\"f\":\"1e19\","
                + "\"g\":\"1e1000\",\"h\":\"-99999999999999999999\",\"i\":\"  0012.50abc\",\"j\":\"1e+\",\"k\":\"-0.000e7\"}");
        assertEquals(100_000, p.phpInt("a"));
        assertEquals(1500, p.phpInt("b"));
        assertEquals(1, p.phpInt("c"));
        assertEquals(5, p.phpInt("d"));
        assertEquals(0, p.phpInt("e"));
        assertEquals(Long.MAX_VALUE, p.phpInt("f"));
        assertEquals(0, p.phpInt("g"));
        assertEquals(Long.MIN_VALUE, p.phpInt("h"));
        assertEquals(12, p.phpInt("i"));
        assertEquals(1, p.phpInt("j"));
        assertEquals(0, p.phpInt("k"));
        assertEquals(new java.math.BigDecimal("12.50"), Params.phpDecimal(JSON.readTree("\"0012.50abc\"")));
        assertEquals(new java.math.BigDecimal("0.00123"), Params.phpDecimal(JSON.readTree("\"1.23e-3\"")));
        assertEquals(java.math.BigDecimal.ZERO, Params.phpDecimal(JSON.readTree("\"1e999999999\"")), "INF: no number");
        assertEquals(0.0, p.phpDouble("g"));
        assertEquals(100000.0, p.phpDouble("a"));
    }

    /** A megabyte of digits held an event loop 16 s and 8 MB (the body limit) would have held it 17 minutes. */
    @Test
    void aRunOfMillionsOfDigitsIsReadInOnePass() {
        String nines = "9".repeat(8 * 1024 * 1024);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            assertEquals(Long.MAX_VALUE, Params.phpInt(JSON.getNodeFactory().textNode(nines)));
            assertEquals(Long.MIN_VALUE, Params.phpInt(JSON.getNodeFactory().textNode("-" + nines)));
            assertEquals(0, Params.phpInt(JSON.getNodeFactory().textNode(nines + ".5")), "a float past INF");
            assertEquals(java.math.BigDecimal.ZERO, Params.phpDecimal(JSON.getNodeFactory().textNode(nines)));
            assertEquals(Optional.empty(), Params.looseInteger(JSON.getNodeFactory().textNode(nines)));
            assertEquals(10_000, Params.phpInt(JSON.getNodeFactory().textNode("0." + "0".repeat(1_000_000) + "1e1000005")));
        });
        // what must be a number as a whole: more than 100 characters, or a power of ten past 400, is none
        org.junit.jupiter.api.Assertions.assertThrows(NumberFormatException.class, () -> Params.decimal(nines));
        org.junit.jupiter.api.Assertions.assertThrows(NumberFormatException.class, () -> Params.decimal("1e999999999"));
        org.junit.jupiter.api.Assertions.assertThrows(NumberFormatException.class, () -> Params.decimal("1e-999999999"));
        assertEquals(new java.math.BigDecimal("1E+400"), Params.decimal("1e400"));
    }
}
