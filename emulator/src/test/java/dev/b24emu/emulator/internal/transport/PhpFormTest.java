package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    }

    /** Any tree of strings, encoded the way CRest's http_build_query does, decodes back to itself. */
    @Property(tries = 300)
    void httpBuildQueryRoundTrips(@ForAll("trees") Map<String, Object> tree) {
        List<String> parts = new ArrayList<>();
        encode("", tree, parts);
        ObjectNode decoded = parse(String.join("&", parts));
        assertEquals(JSON.valueToTree(tree), decoded);
    }

    @Provide
    Arbitrary<Map<String, Object>> trees() {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> values = Arbitraries.strings().ofMaxLength(12)
                .filter(s -> s.codePoints().noneMatch(c -> Character.isSurrogate((char) c)));
        Arbitrary<Object> leaf = values.map(v -> v);
        Arbitrary<Object> inner = Arbitraries.maps(keys, leaf).ofMinSize(1).ofMaxSize(3).map(m -> (Object) m);
        Arbitrary<Object> node = Arbitraries.oneOf(leaf, inner);
        return Combinators.combine(Arbitraries.maps(keys, node).ofMinSize(1).ofMaxSize(4), Arbitraries.just(0))
                .as((m, ignored) -> m);
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
