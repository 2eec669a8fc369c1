package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PHP's parse_str(): turns {@code FIELDS[PHONE][0][VALUE]=x&USER_ID[]=1} into a nested tree.
 * <p>
 * Keys with brackets build nested maps, {@code []} appends at the next integer index, later keys overwrite
 * earlier ones, and {@code +} decodes as a space. Maps whose keys are exactly 0..n-1 become JSON arrays, so a
 * form body and the equivalent JSON body give the same tree.
 */
final class PhpForm {
    /** PHP's max_input_nesting_level: deeper keys are dropped, as PHP drops them. */
    static final int MAX_DEPTH = 64;
    /** PHP's max_input_vars (1000 by default): variables beyond it are dropped, as PHP drops them. */
    static final int MAX_INPUT_VARS = 1000;

    private PhpForm() {
    }

    /** One decoded name/value pair of a query string or form body. */
    record Pair(String name, String value) {
    }

    /**
     * The variables of a query string or urlencoded body, at most {@link #MAX_INPUT_VARS} of them.
     *
     * @param dropped how many variables came after the limit and were dropped
     */
    record Split(List<Pair> pairs, int dropped) {
    }

    /** Splits and percent-decodes a query string or urlencoded body; invalid UTF-8 is a WRONG_ENCODING error. */
    static List<Pair> split(String raw) {
        return splitCounting(raw).pairs();
    }

    /**
     * Splits as PHP's treat_data does: one pass over the input, and past max_input_vars the rest is left undecoded
     * (PHP warns "Input variables exceeded 1000" and drops them), so a huge body costs one scan, never more.
     */
    static Split splitCounting(String raw) {
        return split(raw, false);
    }

    /**
     * Splits a urlencoded POST body as PHP's own POST reader does (add_post_vars), which counts otherwise than
     * treat_data: every piece, an empty one too, and after registering it, so 1001 variables are kept, and
     * {@code &&&&&} before 999 variables leaves 996 (PHP 8.2, audit 60c).
     */
    static Split splitPost(String raw) {
        return split(raw, true);
    }

    private static Split split(String raw, boolean post) {
        List<Pair> pairs = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return new Split(pairs, 0);
        }
        int dropped = 0;
        int pieces = 0;
        int start = 0;
        while (start <= raw.length()) {
            int end = raw.indexOf('&', start);
            if (end < 0) {
                end = raw.length();
            }
            if (post && end == start && end == raw.length()) {
                break; // a trailing '&' leaves no piece to count
            }
            boolean read = post ? pieces++ <= MAX_INPUT_VARS : pairs.size() < MAX_INPUT_VARS;
            if (end > start) {
                if (read) {
                    String part = raw.substring(start, end);
                    int eq = part.indexOf('=');
                    String name = decode(eq < 0 ? part : part.substring(0, eq));
                    String value = eq < 0 ? "" : decode(part.substring(eq + 1));
                    pairs.add(new Pair(name, value));
                } else {
                    dropped++;
                }
            }
            start = end + 1;
        }
        return new Split(pairs, dropped);
    }

    /**
     * A PHP array as parse_str builds it: insertion-ordered keys, and the next free integer index kept as PHP keeps
     * nNextFreeElement, so appending with {@code []} costs the same however many items came before.
     */
    private static final class PhpArray extends LinkedHashMap<String, Object> {
        private long nextFree;

        @Override
        public Object put(String key, Object value) {
            long index = integerKey(key);
            if (index >= nextFree) {
                nextFree = index == Long.MAX_VALUE ? index : index + 1;
            }
            return super.put(key, value);
        }

        /** The key as PHP's canonical integer ("7", not "07" or "+7"), or -1. */
        private static long integerKey(String key) {
            int length = key.length();
            if (length == 0 || length > 18 || (length > 1 && key.charAt(0) == '0')) {
                return -1;
            }
            long value = 0;
            for (int i = 0; i < length; i++) {
                char c = key.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }

    static ObjectNode toTree(List<Pair> pairs) {
        Map<String, Object> root = new PhpArray();
        for (Pair pair : pairs) {
            put(root, pair.name(), pair.value());
        }
        // the top level is always named parameters, even when PHP's keys read 0, 1, ... (?0=x&1[A]=y)
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        root.forEach((key, value) -> params.set(key, toJson(value)));
        return params;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String name, String value) {
        List<String> path = keyPath(name);
        // max_input_nesting_level counts the brackets after the name: 64 of them are kept, 65 dropped (audit 60c)
        if (path == null || path.get(0).isEmpty() || path.size() - 1 > MAX_DEPTH) {
            return;
        }
        Map<String, Object> current = root;
        for (int i = 0; i < path.size(); i++) {
            String key = path.get(i);
            if (key.isEmpty()) {
                key = Long.toString(((PhpArray) current).nextFree);
            }
            if (i == path.size() - 1) {
                current.put(key, value);
            } else {
                Object child = current.get(key);
                if (!(child instanceof Map)) {
                    child = new PhpArray();
                    current.put(key, child);
                }
                current = (Map<String, Object>) child;
            }
        }
    }

    /**
     * "a[b][]" gives [a, b, ""]. The name before the first '[' is read as PHP's php_register_variable_ex reads it:
     * leading spaces skipped, a space or '.' made '_' ("USER.ID" is USER_ID); a '[' that does not close is made '_'
     * and the rest taken literally.
     */
    private static List<String> keyPath(String name) {
        int open = name.indexOf('[');
        List<String> path = new ArrayList<>();
        String base = topName(name);
        if (open < 0 || base.isEmpty()) {
            path.add(base);
            return path;
        }
        path.add(base);
        int pos = open;
        while (pos < name.length() && name.charAt(pos) == '[') {
            int close = name.indexOf(']', pos);
            if (close < 0) {
                if (path.size() == 1) {
                    path.set(0, base + "_" + name.substring(open + 1));
                }
                return path;
            }
            path.add(name.substring(pos + 1, close));
            pos = close + 1;
        }
        return path;
    }

    /** The top-level name PHP gives a form variable: its name before any '[', as {@link #keyPath} reads it. */
    static String topName(String name) {
        int open = name.indexOf('[');
        String base = open < 0 ? name : name.substring(0, open);
        int start = 0;
        while (start < base.length() && base.charAt(start) == ' ') {
            start++;
        }
        return base.substring(start).replace(' ', '_').replace('.', '_');
    }

    @SuppressWarnings("unchecked")
    private static JsonNode toJson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (!(value instanceof Map)) {
            return nodes.textNode((String) value);
        }
        Map<String, Object> map = (Map<String, Object>) value;
        if (isList(map)) {
            ArrayNode array = nodes.arrayNode();
            map.values().forEach(item -> array.add(toJson(item)));
            return array;
        }
        ObjectNode object = nodes.objectNode();
        map.forEach((key, item) -> object.set(key, toJson(item)));
        return object;
    }

    /** A PHP array that json_encode would write as a list: keys 0..n-1 in order. */
    private static boolean isList(Map<String, Object> map) {
        if (map.isEmpty()) {
            return false;
        }
        int expected = 0;
        for (String key : map.keySet()) {
            if (!key.equals(Integer.toString(expected++))) {
                return false;
            }
        }
        return true;
    }

    /** http_build_query(): a tree as a urlencoded body, nested keys as brackets; every value a string. */
    static String encode(JsonNode tree) {
        StringBuilder body = new StringBuilder();
        encode("", tree, body);
        return body.toString();
    }

    private static void encode(String prefix, JsonNode node, StringBuilder body) {
        if (node.isContainerNode()) {
            var fields = node.fields();
            int index = 0;
            for (JsonNode item : node) {
                String key = node.isArray() ? Integer.toString(index++) : fields.next().getKey();
                encode(prefix.isEmpty() ? key : prefix + "[" + key + "]", item, body);
            }
            return;
        }
        if (node.isNull()) {
            return;
        }
        if (body.length() > 0) {
            body.append('&');
        }
        body.append(java.net.URLEncoder.encode(prefix, StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(Params.scalarText(node).orElse(""), StandardCharsets.UTF_8));
    }

    private static String decode(String encoded) {
        byte[] bytes = new byte[encoded.length() * 3];
        int length = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes[length++] = ' ';
            } else if (c == '%' && i + 2 < encoded.length() && isHex(encoded.charAt(i + 1)) && isHex(encoded.charAt(i + 2))) {
                bytes[length++] = (byte) Integer.parseInt(encoded.substring(i + 1, i + 3), 16);
                i += 2;
            } else if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
                    utf8 = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                System.arraycopy(utf8, 0, bytes, length, utf8.length);
                length += utf8.length;
            }
        }
        return strictUtf8(ByteBuffer.wrap(bytes, 0, length));
    }

    static String strictUtf8(ByteBuffer bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw RestError.wrongEncoding();
        }
    }

    /**
     * Refuses a body that is not well-formed UTF-8 (the JDK's strict decoder's judgement: no overlong forms, no
     * surrogates, nothing past U+10FFFF) without decoding it: a JSON body is read from its bytes, and decoding it
     * only to check it was a copy of every request.
     */
    static void requireUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int length = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
            if (length == 0 || i + length > bytes.length) {
                throw RestError.wrongEncoding();
            }
            int second = bytes[i + 1] & 0xFF;
            boolean secondInRange = switch (b & 0xFF) {
                case 0xC0, 0xC1 -> false; // overlong forms of ASCII
                case 0xE0 -> second >= 0xA0; // overlong three-byte forms
                case 0xED -> second < 0xA0; // surrogates
                case 0xF0 -> second >= 0x90; // overlong four-byte forms
                case 0xF4 -> second < 0x90; // past U+10FFFF
                default -> (b & 0xFF) < 0xF5;
            };
            if (!secondInRange || !isContinuation(second)) {
                throw RestError.wrongEncoding();
            }
            for (int k = 2; k < length; k++) {
                if (!isContinuation(bytes[i + k] & 0xFF)) {
                    throw RestError.wrongEncoding();
                }
            }
            i += length;
        }
    }

    private static boolean isContinuation(int b) {
        return (b & 0xC0) == 0x80;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
