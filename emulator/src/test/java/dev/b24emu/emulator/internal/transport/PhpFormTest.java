package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhpFormTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode parse(String query) {
        return PhpForm.toTree(PhpForm.split(query));
    }

    @Test
    void nestedBracketKeysBuildTheSameTreeAsJson() throws Exception {
        ObjectNode form = parse("FIELDS[NAME]=Ivan&FIELDS[PHONE][0][VALUE]=%2B7+999&FIELDS[PHONE][0][VALUE_TYPE]=WORK&USER_ID[]=1&USER_ID[]=2");
        assertEquals(JSON.readTree("{\"FIELDS\":{\"NAME\":\"Ivan\",\"PHONE\":[{\"VALUE\":\"+7 999\",\"VALUE_TYPE\":\"WORK\"}]},\"USER_ID\":[\"1\",\"2\"]}"), form);
    }

    @Test
    void laterKeysOverwriteAndScalarsBecomeArraysAsInPhp() throws Exception {
        assertEquals(JSON.readTree("{\"a\":\"2\"}"), parse("a=1&a=2"));
        assertEquals(JSON.readTree("{\"a\":{\"b\":\"2\"}}"), parse("a=1&a[b]=2"));
        assertEquals(JSON.readTree("{\"a\":\"1\"}"), parse("a[b]=2&a=1"));
    }

    @Test
    void keysWithUnclosedBracketsAreTakenLiterallyAndEmptyNamesDropped() throws Exception {
        assertEquals(JSON.readTree("{\"a_b\":\"1\"}"), parse("a[b=1&=x&[x]=y"));
    }

    /** PHP's php_register_variable_ex: leading spaces go, a space or '.' before the first '[' is '_'. */
    @Test
    void topLevelNamesAreReadAsPhpReadsThem() throws Exception {
        assertEquals(JSON.readTree("{\"USER_ID\":\"2\",\"A_B\":{\"c.d\":\"x\"},\"x_y\":\"z\"}"),
                parse("USER.ID=2&A%20B[c.d]=x&%20%20x.y=z"));
        assertEquals(JSON.readTree("{\"a_b[c\":\"1\"}"), parse("a[b[c=1"));
    }

    @Test
    void nonSequentialIndexesStayAnObject() throws Exception {
        assertEquals(JSON.readTree("{\"a\":{\"1\":\"x\",\"5\":\"y\"}}"), parse("a[1]=x&a[5]=y"));
        assertEquals(JSON.readTree("{\"a\":[\"x\",\"y\"]}"), parse("a[]=x&a[]=y"));
    }

    @Test
    void invalidUtf8IsAWrongEncodingError() {
        RestError error = assertThrows(RestError.class, () -> parse("PHONE_NUMBER=%C3%28"));
        assertEquals("WRONG_ENCODING", error.code());
        assertEquals(400, error.httpStatus());
    }

    @Test
    void keysDeeperThanPhpsNestingLimitAreDropped() {
        String deep = "a" + "[x]".repeat(PhpForm.MAX_DEPTH + 1) + "=1";
        assertEquals(0, parse(deep + "&").size());
        assertEquals(1, parse("b=2&" + deep).size());
        // as PHP 8 counts: 64 brackets after the name are kept
        assertEquals(2, parse("a" + "[x]".repeat(PhpForm.MAX_DEPTH) + "=1&b=2").size());
    }

    /**
     * The check of a JSON body's encoding judges bytes as the JDK's strict decoder does: 100,000 arrays from a seeded
     * generator mixing ASCII, well-formed sequences of every length and bytes around each range's edges.
     */
    @Test
    void theUtf8CheckAgreesWithTheStrictDecoder() {
        long seed = dev.b24emu.emulator.support.FuzzSeed.get();
        Random random = new Random(seed);
        int[] edges = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
                0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF};
        int refused = 0;
        for (int i = 0; i < 100_000; i++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int n = random.nextInt(6); n >= 0; n--) {
                switch (random.nextInt(4)) {
                    case 0 -> out.write('a' + random.nextInt(26));
                    // a well-formed character; clearing bit 11 moves U+D800..DFFF (surrogates) to U+D000..D7FF
                    case 1 -> out.writeBytes(new String(Character.toChars(random.nextInt(0x110000) & ~0x800))
                            .getBytes(StandardCharsets.UTF_8));
                    case 2 -> out.write(edges[random.nextInt(edges.length)]);
                    default -> out.write(0x80 | random.nextInt(0x40));
                }
            }
            byte[] bytes = out.toByteArray();
            boolean decodes = judge(() -> PhpForm.strictUtf8(java.nio.ByteBuffer.wrap(bytes)));
            refused += decodes ? 0 : 1;
            assertEquals(decodes, judge(() -> PhpForm.requireUtf8(bytes)),
                    "case " + i + " of -Dfuzz.seed=" + seed + ": " + java.util.HexFormat.of().formatHex(bytes));
        }
        assertTrue(refused > 10_000 && refused < 90_000, "both kinds of input were tried: " + refused);
    }

    private static boolean judge(Runnable check) {
        try {
            check.run();
            return true;
        } catch (RestError e) {
            assertEquals("WRONG_ENCODING", e.code());
            return false;
        }
    }

    /**
     * Any tree of strings, encoded the way CRest's http_build_query does, decodes back to itself: 1000 trees from a
     * seeded generator ({@code -Dfuzz.seed=N} replays a run).
     */
    @Test
    void httpBuildQueryRoundTrips() {
        long seed = dev.b24emu.emulator.support.FuzzSeed.get();
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> tree = tree(random, 2);
            List<String> parts = new ArrayList<>();
            encode("", tree, parts);
            ObjectNode decoded = parse(String.join("&", parts));
            assertEquals(JSON.valueToTree(tree), decoded, "tree " + i + " of -Dfuzz.seed=" + seed + ": " + tree);
        }
    }

    @Test
    void positionalKeysAtTheTopAreNamedParameters() throws Exception {
        assertEquals(JSON.readTree("{\"0\":\"x\"}"), parse("0=x"));
        assertEquals(JSON.readTree("{\"0\":\"123\",\"1\":{\"POST_MESSAGE\":\"test\"}}"),
                parse("0=123&1[POST_MESSAGE]=test"));
    }

    private static Map<String, Object> tree(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            String key = letters(random, 1 + random.nextInt(6));
            map.put(key, depth > 0 && random.nextBoolean() ? tree(random, depth - 1) : text(random));
        }
        return map;
    }

    private static String letters(Random random, int length) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < length; i++) {
            key.append((char) ('A' + random.nextInt(26)));
        }
        return key.toString();
    }

    /** Up to 12 characters of any plane but surrogates: letters, spaces, brackets, percent signs, Cyrillic, emoji. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(13); i > 0; i--) {
            int kind = random.nextInt(4);
            text.appendCodePoint(switch (kind) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0x410 + random.nextInt(0x40);
                case 2 -> 0x1F600 + random.nextInt(0x40);
                default -> "[]&=+% #".charAt(random.nextInt(8));
            });
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static void encode(String prefix, Map<String, Object> map, List<String> parts) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "[" + key + "]";
            if (value instanceof Map) {
                encode(name, (Map<String, Object>) value, parts);
            } else {
                parts.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode((String) value, StandardCharsets.UTF_8));
            }
        });
    }
}
