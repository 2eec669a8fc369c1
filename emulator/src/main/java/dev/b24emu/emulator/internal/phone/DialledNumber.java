package dev.b24emu.emulator.internal.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Locale;
import java.util.Set;

/**
 * A number a user clicked to call, read as the real portal reads it before it registers the call and sends
 * OnExternalCallStart (voximplant's {@code Helper::startCall}): the extension is cut off at the first {@code ;} or
 * {@code #} ({@code Parser::stripExtension}), the rest is what the call is registered with, and its international form
 * is E.164 in the portal's numbering plan when the number is valid there, the number as given otherwise
 * ({@code Formatter::format}) (specs/DECISIONS.md D127).
 *
 * @param number        the clicked number without its extension: the event's PHONE_NUMBER and the call's number
 * @param extension     what followed the first {@code ;} or {@code #}, or ""
 * @param international PHONE_NUMBER_INTERNATIONAL
 */
public record DialledNumber(String number, String extension, String international) {
    /**
     * the portal zones whose country the real portal takes for numbers written without a country code
     * ({@code Parser::detectCountry}); a portal elsewhere (bitrix24.com, the emulator's bitrix24.test) has none
     */
    private static final Set<String> COUNTRY_ZONES = Set.of("br", "cn", "de", "in", "ru", "ua", "by", "kz", "fr", "pl");

    public static DialledNumber of(String clicked, String country) {
        int cut = firstOf(clicked, ';', '#');
        String number = cut < 0 ? clicked : clicked.substring(0, cut);
        String extension = cut < 0 ? "" : clicked.substring(cut + 1);
        return new DialledNumber(number, extension, international(number, country));
    }

    /**
     * The country a portal parses numbers in: its {@code phoneCountry} setting, or when that is "" the one its
     * domain's zone names (acme.bitrix24.de: DE), or "" for none.
     */
    public static String country(String setting, String domain) {
        if (!setting.isEmpty()) {
            return setting;
        }
        String zone = domain == null ? "" : domain.substring(domain.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return COUNTRY_ZONES.contains(zone) ? zone.toUpperCase(Locale.ROOT) : "";
    }

    /** The two-letter code of a country whose numbering plan is known, upper case; an IllegalArgumentException otherwise. */
    public static String knownCountry(String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        if (!upper.isEmpty() && !Plans.UTIL.getSupportedRegions().contains(upper)) {
            throw new IllegalArgumentException("phoneCountry must be a two-letter country code such as RU or DE, or \"\"");
        }
        return upper;
    }

    /**
     * A number as the messenger shows it ({@code PhoneNumber::format()} without a format: {@code
     * Formatter::formatOriginal}): in the plan it was written in (international with a +, national without) when it
     * is valid in the portal's numbering plan, as given otherwise.
     */
    public static String displayed(String number, String country) {
        try {
            Phonenumber.PhoneNumber parsed = Plans.UTIL.parseAndKeepRawInput(number, country.isEmpty() ? "ZZ" : country);
            return Plans.UTIL.isValidNumber(parsed)
                    ? Plans.UTIL.formatInOriginalFormat(parsed, country.isEmpty() ? "ZZ" : country) : number;
        } catch (NumberParseException unparsable) {
            return number;
        }
    }

    private static String international(String number, String country) {
        try {
            // a number without a + and a portal without a country: the parser refuses it, as the real one does
            Phonenumber.PhoneNumber parsed = Plans.UTIL.parse(number, country.isEmpty() ? "ZZ" : country);
            return Plans.UTIL.isValidNumber(parsed) ? Plans.UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164)
                    : number;
        } catch (NumberParseException unparsable) {
            return number;
        }
    }

    private static int firstOf(String text, char a, char b) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    /** The numbering plans, loaded on the first click rather than at start (a start-up goal, bench/RESULTS.md). */
    private static final class Plans {
        static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    }
}
