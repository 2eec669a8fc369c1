package dev.b24emu.emulator.internal.phone;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Click-to-call's reading of a clicked number, as the real Helper::startCall reads it (D127). */
class DialledNumberTest {

    @Test
    void anInternationalNumberIsWrittenE164WhateverThePortalsCountry() {
        // the docs' example: a German number stays as it is
        assertEquals(new DialledNumber("+494951234567", "", "+494951234567"), DialledNumber.of("+494951234567", ""));
        assertEquals("+79990000001", DialledNumber.of("+7 (999) 000-00-01", "DE").international());
    }

    @Test
    void aNationalNumberIsReadInThePortalsCountryAndLeftAsGivenWithoutOne() {
        assertEquals("+79990000001", DialledNumber.of("8 999 000-00-01", "RU").international());
        assertEquals("+79990000001", DialledNumber.of("9990000001", "RU").international());
        assertEquals("+4930123456", DialledNumber.of("030 123456", "DE").international());
        assertEquals("8 999 000-00-01", DialledNumber.of("8 999 000-00-01", "").international());
    }

    @Test
    void theExtensionIsCutAtTheFirstSemicolonOrHash() {
        assertEquals(new DialledNumber("+79990000001", "123", "+79990000001"), DialledNumber.of("+79990000001#123", "RU"));
        assertEquals(new DialledNumber("+79990000001", "45#6", "+79990000001"), DialledNumber.of("+79990000001;45#6", ""));
    }

    @Test
    void whatIsNoValidNumberComesBackAsGiven() {
        assertEquals("12", DialledNumber.of("12", "RU").international());
        assertEquals("call me", DialledNumber.of("call me", "RU").international());
        assertEquals("+70000", DialledNumber.of("+70000", "RU").international());
        String huge = "+7" + "9".repeat(100_000);
        assertEquals(huge, DialledNumber.of(huge, "RU").international());
    }

    @Test
    void thePortalsCountryIsItsSettingOrItsDomainsZone() {
        assertEquals("RU", DialledNumber.country("", "acme.bitrix24.ru"));
        assertEquals("DE", DialledNumber.country("", "ACME.bitrix24.de"));
        assertEquals("", DialledNumber.country("", "acme.bitrix24.com"));
        assertEquals("", DialledNumber.country("", "default.bitrix24.test"));
        assertEquals("KZ", DialledNumber.country("KZ", "acme.bitrix24.de"));
        assertEquals("BR", DialledNumber.knownCountry("br"));
        assertEquals("", DialledNumber.knownCountry(""));
        assertThrows(IllegalArgumentException.class, () -> DialledNumber.knownCountry("XX"));
        assertThrows(IllegalArgumentException.class, () -> DialledNumber.knownCountry("Russia"));
    }
}
