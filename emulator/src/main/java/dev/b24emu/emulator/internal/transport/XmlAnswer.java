package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An answer in the XML transport a method name ending in ".xml" asks for (general-principles.md; specs/DECISIONS.md
 * D146), written as {@code CRestServer::outputXml(['response' => $data])} writes it: an element per key, "item" for
 * a numbered one, no declaration and no attributes; scalars as PHP turns them into text (true "1", false and null
 * empty, a float to 14 significant digits) with {@code CDataXML::xmlspecialchars}' five entities.
 */
final class XmlAnswer {
    static final String CONTENT_TYPE = "text/xml; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** a PHP array key that is an integer: PHP stores "15" as 15, and outputXml names it "item" */
    private static final Pattern INTEGER_KEY = Pattern.compile("0|-?[1-9][0-9]{0,17}");

    private XmlAnswer() {
    }

    /** The JSON answer as XML (the JSON answer as it was, should it not be JSON). */
    static Buffer of(Buffer json) {
        JsonNode data;
        try {
            data = JSON.readTree(json.getBytes());
        } catch (IOException notJson) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length() * 2);
        element(out, "response", data);
        return Buffer.buffer(out.toString());
    }

    private static void element(StringBuilder out, String key, JsonNode value) {
        String name = INTEGER_KEY.matcher(key).matches() ? "item" : key;
        out.append('<').append(name).append('>');
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                element(out, field.getKey(), field.getValue());
            }
        } else if (value.isArray()) {
            value.forEach(item -> element(out, "0", item));
        } else {
            escape(out, text(value));
        }
        out.append("</").append(name).append('>');
    }

    /** A scalar as PHP's string conversion writes it. */
    static String text(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue() ? "1" : "";
        }
        if (value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isFloatingPointNumber()) {
            return phpFloat(value.doubleValue());
        }
        return value.asText();
    }

    /** (string) of a PHP float with precision 14: %.14G, then PHP's ".0" on an integral mantissa in E form. */
    static String phpFloat(double d) {
        if (Double.isNaN(d)) {
            return "NAN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        if (d == 0) {
            return (1 / d) < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(14)).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 14) {
            BigDecimal mantissa = rounded.movePointLeft(exponent);
            String digits = mantissa.toPlainString();
            return (digits.contains(".") ? digits : digits + ".0") + "E" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
        }
        return rounded.toPlainString();
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
    }
}
