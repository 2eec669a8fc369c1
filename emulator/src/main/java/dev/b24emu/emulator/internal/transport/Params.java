package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded parameters of one REST call, read the way the PHP server reads them.
 * <p>
 * The same tree comes from a query string, a form body or a JSON body, so a value may be a JSON number
 * or a numeric string; every accessor applies PHP's loose casts, which is what real clients rely on
 * (CRest sends booleans as "1"/"", @2bad/bitrix sends "true"). Top-level keys are matched without
 * regard to case, as the CRM services and voximplant.sip.* resolve or upper-case them; a method whose server reads
 * them only as written has the other spellings taken out before it runs (D29, Validate).
 */
public final class Params {
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    private final ObjectNode tree;

    public Params(ObjectNode tree) {
        this.tree = tree;
    }

    /** The raw tree, for journaling and schema validation. */
    public ObjectNode tree() {
        return tree;
    }

    /**
     * The method's own parameters, as the server hands them to a method: without auth_connector, which it reads as
     * part of the credentials (auth itself is taken out when the request is decoded). A copy.
     */
    public ObjectNode query() {
        ObjectNode query = tree.deepCopy();
        query.remove("auth_connector");
        return query;
    }

    /** The value under a top-level key (any case), or empty when absent or JSON null. */
    public Optional<JsonNode> node(String key) {
        JsonNode value = sent(tree, key);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /**
     * The value a request sent under a top-level key, its name matched in any case as the methods match it (D29):
     * JSON null as sent, a missing node when there is none.
     */
    public static JsonNode sent(JsonNode tree, String key) {
        JsonNode exact = tree.get(key);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(key)) {
                return field.getValue();
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** PHP isset(): present and not null. */
    public boolean has(String key) {
        return node(key).isPresent();
    }

    /** The value as a PHP string when it is a scalar; empty for absent values, arrays and objects. */
    public Optional<String> text(String key) {
        return node(key).flatMap(Params::scalarText);
    }

    /**
     * PHP's {@code $params[key] == 'Y'}: the string Y exactly (" Y" is another string) or true (compared as booleans);
     * a number, an array or nothing is not Y.
     */
    public boolean isY(String key) {
        return node(key).map(value -> value.isBoolean() ? value.booleanValue() : value.isTextual() && value.asText()
                .equals("Y")).orElse(false);
    }

    /** The trimmed string value, or "" when absent or not a scalar. */
    public String textOrEmpty(String key) {
        return text(key).map(String::trim).orElse("");
    }

    /** The trimmed string value, or the given error when it is absent or empty. */
    public String requireText(String key, RestError whenEmpty) {
        String text = textOrEmpty(key);
        if (text.isEmpty()) {
            throw whenEmpty;
        }
        return text;
    }

    /** The scalar values under a key: one value, or every scalar of a list or PHP-indexed map. */
    public List<String> values(String key) {
        return node(key).map(Params::scalars).orElse(List.of());
    }

    /**
     * The value as the PHP array a method reads (is_array): an object as given, a JSON list as the array PHP decodes
     * it to, keyed 0, 1, … ({@code []}, PHP's json_encode of an empty array, is the empty array); empty when absent,
     * null or a scalar (D149).
     */
    public Optional<ObjectNode> phpArray(String key) {
        return node(key).flatMap(Params::phpArray);
    }

    /**
     * A value as the messenger's methods read it (CUtil::JsObjectToPhp on a string): a string is decoded as JSON,
     * empty when it is none; any other value is itself.
     */
    public static Optional<JsonNode> decodedJson(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return Optional.ofNullable(value);
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(value.asText()));
        } catch (java.io.IOException notJson) {
            return Optional.empty();
        }
    }

    /** As {@link #phpArray(String)}, of a value already read (a copy when the value is a list). */
    public static Optional<ObjectNode> phpArray(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isObject()) {
            return Optional.of((ObjectNode) value);
        }
        if (!value.isArray()) {
            return Optional.empty();
        }
        ObjectNode keyed = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < value.size(); i++) {
            keyed.set(Integer.toString(i), value.get(i));
        }
        return Optional.of(keyed);
    }

    /** The scalar values of a node: itself when scalar, its scalar items when a container. */
    public static List<String> scalars(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isContainerNode()) {
            node.forEach(v -> scalarText(v).ifPresent(values::add));
        } else {
            scalarText(node).ifPresent(values::add);
        }
        return values;
    }

    /** PHP (int) cast of the value: absent, non-numeric and empty values give 0. */
    public long phpInt(String key) {
        return node(key).map(Params::phpInt).orElse(0L);
    }

    /**
     * A list's {@code start}, read as CRestServer::processCall reads it: {@code $this->query['start']}, the lower-case
     * key only (unlike a method's own parameters, D29), through intval; 0 without it. A client sending {@code START}
     * gets the first page, as from a real portal.
     */
    public long start() {
        JsonNode value = tree.get("start");
        return value == null ? 0 : phpInt(value);
    }

    /** PHP truthiness: absent, null, false, 0, "0", "" and empty arrays are false; everything else is true. */
    public boolean phpTruthy(String key) {
        return node(key).map(Params::phpTruthy).orElse(false);
    }

    /** PHP (bool) cast when the key is set, otherwise the given default (the isset ? (bool) : default idiom). */
    public boolean flag(String key, boolean whenAbsent) {
        return has(key) ? phpTruthy(key) : whenAbsent;
    }

    /**
     * PHP's (float) cast of a value as an exact decimal: a JSON number as written, text by its leading numeric part
     * ("12.5 RUB" is 12.5), anything else 0.
     */
    public static BigDecimal phpDecimal(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return BigDecimal.ZERO;
        }
        if (value.isNumber() && !isInfinite(value)) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        BigDecimal parsed = leading(value.asText()).value(); // null past a double's range: PHP's INF, as above
        return parsed == null ? BigDecimal.ZERO : parsed;
    }

    /** A PHP-style float cast, 0 when absent or not numeric. */
    public double phpDouble(String key) {
        return text(key).map(Params::leading).map(Leading::value).map(BigDecimal::doubleValue).orElse(0.0);
    }

    public static Optional<String> scalarText(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue() ? "1" : "");
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.bigIntegerValue().toString());
        }
        if (isInfinite(value)) {
            return Optional.of(value.doubleValue() > 0 ? "INF" : "-INF"); // PHP's (string) of json_decode("1e999")
        }
        if (value.isNumber()) {
            BigDecimal decimal = value.decimalValue().stripTrailingZeros();
            return Optional.of(decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString());
        }
        return Optional.of(value.asText());
    }

    public static long phpInt(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isContainerNode()) {
            return value.isEmpty() ? 0 : 1;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1 : 0;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.longValue() : 0;
        }
        if (isInfinite(value)) {
            return 0; // PHP 7+ casts an infinite float to int 0
        }
        if (value.isNumber()) {
            return clampToLong(value.decimalValue());
        }
        Leading parsed = leading(value.asText());
        if (parsed.overflow()) { // "9…9" saturates as PHP's strtol does; "1e999" is INF, which PHP casts to 0
            return !parsed.integral() ? 0 : value.asText().stripLeading().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return parsed.value() == null ? 0 : clampToLong(parsed.value());
    }

    public static boolean phpTruthy(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isContainerNode()) {
            return !value.isEmpty();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return isInfinite(value) || value.decimalValue().signum() != 0;
        }
        String text = value.asText();
        return !text.isEmpty() && !text.equals("0");
    }

    /** Whether a scalar is an integer in PHP's loose comparison sense ("2", " 2", "2.0", 2). */
    private static final java.util.regex.Pattern ASCII_NUMBER =
            java.util.regex.Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    public static Optional<Long> looseInteger(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode() || value.isBoolean()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? Optional.of(value.longValue()) : Optional.empty();
        }
        if (isInfinite(value)) {
            return Optional.empty();
        }
        String text = value.isNumber() ? value.decimalValue().toPlainString() : value.asText().trim();
        if (!ASCII_NUMBER.matcher(text).matches()) { // is_numeric: ASCII digits only (BigDecimal reads "１２" too)
            return Optional.empty();
        }
        try {
            BigDecimal number = decimal(text);
            return number.stripTrailingZeros().scale() <= 0 ? Optional.of(number.longValueExact()) : Optional.empty();
        } catch (NumberFormatException | ArithmeticException notAnInteger) {
            return Optional.empty();
        }
    }

    /** A JSON number beyond the double range (1e999): Jackson reads it as infinity, PHP as INF. */
    private static boolean isInfinite(JsonNode value) {
        return value.isFloatingPointNumber() && !value.isBigDecimal() && Double.isInfinite(value.doubleValue());
    }

    /**
     * The most significant digits a number read from text keeps, and the powers of ten it may span: more than any
     * column or PHP float holds. BigDecimal's own parse takes time with the square of the digits (a megabyte of them,
     * well under the body limit, held an event loop 16 s), and a change of scale on 1e999999999 builds a number of a
     * billion digits.
     */
    private static final int KEPT_DIGITS = 100;
    private static final int MAX_CHARS = 100;
    private static final int MAX_POWER = 400;

    /**
     * {@code new BigDecimal(text)} for a value that must be a number as a whole (a filter value, a money column):
     * {@link NumberFormatException} also for a text longer than 100 characters or a power of ten past ±400, which no
     * column holds, so that no such text can cost more than a short one.
     */
    public static BigDecimal decimal(String text) {
        if (text.length() > MAX_CHARS) {
            throw new NumberFormatException("Longer than " + MAX_CHARS + " characters");
        }
        BigDecimal number = new BigDecimal(text);
        if (number.signum() != 0 && Math.abs((long) number.precision() - number.scale() - 1) > MAX_POWER) {
            throw new NumberFormatException("Out of range");
        }
        return number;
    }

    /**
     * The number at the start of a string, as PHP's numeric casts read it ("12abc" is 12, "1.5e3x" 1500, as PHP 7.1
     * and later read an exponent): its first {@link #KEPT_DIGITS} significant digits at their power of ten, in one
     * pass over the text whatever its length.
     *
     * @param value    the number, null when the text does not start with one; null also when {@code overflow}
     * @param integral written without a point or an exponent: PHP's (int) saturates such a string at the long range
     * @param overflow beyond a double's range (PHP's float INF)
     */
    record Leading(BigDecimal value, boolean integral, boolean overflow) {
        static final Leading NONE = new Leading(null, true, false);
    }

    static Leading leading(String text) {
        String s = text.stripLeading();
        int i = 0;
        int n = s.length();
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        StringBuilder digits = new StringBuilder(); // significant digits, leading zeros left out
        long power = 0; // the value is digits × 10^power
        int intStart = i;
        for (; i < n && isAsciiDigit(s.charAt(i)); i++) {
            power += keep(digits, s.charAt(i)) == DROPPED ? 1 : 0;
        }
        boolean hasInt = i > intStart;
        boolean integral = true;
        if (i < n && s.charAt(i) == '.') {
            int fracStart = i + 1;
            int j = fracStart;
            for (; j < n && isAsciiDigit(s.charAt(j)); j++) {
                power -= keep(digits, s.charAt(j)) == DROPPED ? 0 : 1; // a place after the point, unless dropped
            }
            if (j > fracStart || hasInt) {
                i = j;
                integral = false;
                hasInt = true;
            }
        }
        if (!hasInt) {
            return Leading.NONE;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            boolean negativeExponent = false;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                negativeExponent = s.charAt(j) == '-';
                j++;
            }
            long exponent = 0;
            int expStart = j;
            for (; j < n && isAsciiDigit(s.charAt(j)); j++) {
                exponent = Math.min(exponent * 10 + (s.charAt(j) - '0'), 1_000_000_000L); // saturates: far past any range
            }
            if (j > expStart) {
                power += negativeExponent ? -exponent : exponent;
                integral = false;
            }
        }
        if (digits.isEmpty()) {
            return new Leading(BigDecimal.ZERO, integral, false);
        }
        long magnitude = power + digits.length() - 1; // the power of ten of the first digit
        if (magnitude > 308) {
            return new Leading(null, integral, true);
        }
        if (magnitude < -MAX_POWER) {
            return new Leading(BigDecimal.ZERO, integral, false); // below a double's smallest: PHP reads 0.0
        }
        BigDecimal value = new BigDecimal(new java.math.BigInteger(digits.toString()), (int) -power);
        return new Leading(negative ? value.negate() : value, integral, false);
    }

    private static final int LEADING_ZERO = 0;
    private static final int KEPT = 1;
    private static final int DROPPED = 2;

    /** Appends a digit to the significant ones while fewer than {@link #KEPT_DIGITS}; says what became of it. */
    private static int keep(StringBuilder digits, char digit) {
        if (digits.isEmpty() && digit == '0') {
            return LEADING_ZERO;
        }
        if (digits.length() >= KEPT_DIGITS) {
            return DROPPED;
        }
        digits.append(digit);
        return KEPT;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long clampToLong(BigDecimal value) {
        if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        if (value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
            return Long.MIN_VALUE;
        }
        return value.longValue();
    }
}
