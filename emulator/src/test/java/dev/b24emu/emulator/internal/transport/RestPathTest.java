package dev.b24emu.emulator.internal.transport;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The path parser reads any /rest/ path as the split-based parser it replaced did (kept here as the oracle): seeded
 * random paths of segments, repeated and trailing slashes, "api", ".json" in several cases and letters whose case
 * mapping is not ASCII's.
 */
class RestPathTest {
    private static final String[] PIECES = {"/", "//", "1", "tok", "api", "user.current", ".json", ".JSON", ".Json",
            ".jſon", ".JSOK", "json", ".", "İ", "K", "telephony.externalcall.register", ""};

    /** The parser as it was before it searched from the end. */
    private static RestPath oracle(String path) {
        String rest = path.substring(RestPath.PREFIX.length()).replaceAll("/{2,}", "/");
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        boolean v3 = rest.startsWith("api/");
        if (v3) {
            rest = rest.substring(4);
        }
        String[] parts = rest.split("/", -1);
        String method = parts[parts.length - 1];
        if (method.toLowerCase(Locale.ROOT).endsWith(".json")) {
            method = method.substring(0, method.length() - ".json".length());
        }
        if (parts.length >= 3) {
            return new RestPath(parts[parts.length - 3], parts[parts.length - 2], method, v3);
        }
        if (parts.length == 2) {
            return new RestPath(parts[0], parts[1], "", v3);
        }
        return new RestPath(null, null, method, v3);
    }

    @Test
    void readsEveryPathAsTheSplittingParserDid() {
        Random random = new Random(20261203);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder path = new StringBuilder(RestPath.PREFIX);
            for (int n = random.nextInt(9); n > 0; n--) {
                path.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertEquals(oracle(path.toString()), RestPath.parse(path.toString()), path.toString());
        }
    }

    @Test
    void theUsualShapes() {
        assertEquals(new RestPath("1", "tok", "telephony.externalcall.register", false),
                RestPath.parse("/rest/1/tok/telephony.externalcall.register"));
        assertEquals(new RestPath("1", "tok", "user.current", false), RestPath.parse("/rest//1/tok//user.current.JSON/"));
        assertEquals(new RestPath(null, null, "user.current", false), RestPath.parse("/rest/user.current"));
        assertEquals(new RestPath("1", "tok", "", false), RestPath.parse("/rest/1/tok/"));
        assertEquals(new RestPath(null, null, "user.current.jſon", false), RestPath.parse("/rest/user.current.jſon"));
        assertEquals(new RestPath("1", "tok", "user.current", false, true), RestPath.parse("/rest/1/tok/user.current.xml"));
        assertEquals(new RestPath("1", "tok", "user.current", false, true), RestPath.parse("/rest/1/tok/user.current.XML/"));
        assertEquals(new RestPath("1", "tok", "user.current.xml", false, false),
                RestPath.parse("/rest/1/tok/user.current.xml.json"), "one suffix is read, the last");
    }
}
