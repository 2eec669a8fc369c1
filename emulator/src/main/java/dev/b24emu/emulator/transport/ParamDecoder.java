package dev.b24emu.emulator.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The one place that turns an HTTP request into a parameter tree, whatever the encoding:
 * query string, urlencoded or multipart form (PHP bracket keys) and JSON bodies all give the same tree.
 * Like PHP's $_REQUEST the body wins over the query string. Transport-only keys ({@code auth},
 * {@code bx24_*} sent by the official SDKs) are taken out here so no method ever sees them.
 */
public final class ParamDecoder {
    private final ObjectMapper json;

    public ParamDecoder(ObjectMapper json) {
        this.json = json;
    }

    /** Decoded parameters and the OAuth token carried with them, if any. */
    public record Decoded(ObjectNode params, String authToken) {
    }

    public Decoded decode(String rawQuery, String contentType, byte[] body, List<PhpForm.Pair> multipartFields) {
        ObjectNode params = PhpForm.toTree(PhpForm.split(rawQuery));
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (multipartFields != null) {
            params.setAll(PhpForm.toTree(multipartFields));
        } else if (body != null && body.length > 0) {
            if (type.contains("json")) {
                params.setAll(parseJsonObject(body));
            } else if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded") || type.startsWith("text/plain")) {
                String form = PhpForm.strictUtf8(ByteBuffer.wrap(body));
                params.setAll(PhpForm.toTree(PhpForm.split(form.trim())));
            } else if (looksLikeJson(body)) {
                params.setAll(parseJsonObject(body));
            } else {
                throw RestError.of("ERROR_ARGUMENT", "Unsupported Content-Type: " + contentType);
            }
        }
        String auth = params.has("auth") && params.get("auth").isValueNode() ? params.get("auth").asText() : null;
        params.remove("auth");
        for (Iterator<String> names = params.fieldNames(); names.hasNext(); ) {
            if (names.next().startsWith("bx24_")) {
                names.remove();
            }
        }
        return new Decoded(params, auth);
    }

    private ObjectNode parseJsonObject(byte[] body) {
        PhpForm.strictUtf8(ByteBuffer.wrap(body));
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw RestError.of("ERROR_ARGUMENT", "Malformed JSON body: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw RestError.of("ERROR_ARGUMENT", "Unreadable JSON body");
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return json.createObjectNode();
        }
        if (!node.isObject()) {
            throw RestError.of("ERROR_ARGUMENT", "JSON body must be an object of parameters");
        }
        return (ObjectNode) node;
    }

    private static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }
}
