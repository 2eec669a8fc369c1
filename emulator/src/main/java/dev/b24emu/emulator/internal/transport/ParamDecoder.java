package dev.b24emu.emulator.internal.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
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

    /**
     * Decoded parameters, the OAuth token carried with them, and what the decoding noticed that the real server would
     * have read differently or silently (dropped variables, an ignored body).
     */
    public record Decoded(ObjectNode params, String authToken, List<String> warnings) {
    }

    /**
     * The parameters of a REST 2 request. {@code method} is the HTTP method: CRestUtil::getRequestData reads a body
     * only for POST (PHP fills $_POST for POST alone, and php://input is read under isPost()), so another method's
     * body is left unread, as there, and reported (audit 60c: a PUT register succeeded here and fails on a portal).
     */
    public Decoded decode(String method, String rawQuery, String contentType, byte[] body,
                          List<PhpForm.Pair> multipartFields) {
        List<String> warnings = new ArrayList<>();
        ObjectNode params = PhpForm.toTree(split(rawQuery, "query string", warnings));
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean hasBody = multipartFields != null ? !multipartFields.isEmpty() : body != null && body.length > 0;
        if (hasBody && !"POST".equals(method)) {
            warnings.add("The body of this " + method + " request was not read: the real server reads parameters from"
                    + " a body only with POST, and from the query string otherwise");
        } else if (multipartFields != null) {
            params.setAll(PhpForm.toTree(limited(multipartFields, warnings)));
        } else if (body != null && body.length > 0) {
            if (type.contains("json") || !isForm(type) && looksLikeJson(body)) {
                // as getRequestData compares it: with its case (Application/JSON is parse_str'd there: audit 60c)
                if (contentType == null || !contentType.split(";", 2)[0].strip().equals("application/json")) {
                    warnings.add("The body was read as JSON, but its Content-Type is " + contentType + ": the real"
                            + " server decodes JSON only under application/json and would find none of these parameters");
                }
                if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf) {
                    warnings.add("The JSON body starts with a byte order mark: the real server's json_decode cannot"
                            + " read it and would find no parameters");
                }
                params = withBody(params, parseJson(body, warnings));
            } else if (type.startsWith("application/x-www-form-urlencoded")) {
                // PHP's own POST reader fills $_POST: nothing trimmed ("Lf\n" stays so), and it counts as it reads
                // (add_post_vars), not as parse_str does
                String form = PhpForm.strictUtf8(ByteBuffer.wrap(body));
                params.setAll(PhpForm.toTree(report(PhpForm.splitPost(form), "body", warnings)));
            } else {
                if (!isForm(type)) {
                    // getRequestData: a POST body PHP left out of $_POST is read from php://input and, but for
                    // application/json, parse_str'd whatever its Content-Type says (audit 60c: it was ignored here)
                    warnings.add("The body was read as a form, but its Content-Type is " + contentType + ": the real"
                            + " server reads any body that is not JSON as a form as well;"
                            + " application/x-www-form-urlencoded is the documented type");
                }
                String form = PhpForm.strictUtf8(phpTrimmed(body));
                params.setAll(PhpForm.toTree(split(form, "body", warnings)));
            }
        }
        String auth = params.has("auth") && params.get("auth").isValueNode() ? params.get("auth").asText() : null;
        params.remove("auth");
        for (Iterator<String> names = params.fieldNames(); names.hasNext(); ) {
            if (names.next().startsWith("bx24_")) {
                names.remove();
            }
        }
        return new Decoded(params, auth, warnings);
    }

    /**
     * A REST 3.0 request: the body is one JSON object (or nothing) whatever its Content-Type says, and the query
     * string is not read; anything else is 400 INVALIDJSONEXCEPTION. An application's token is its {@code auth}.
     */
    public Decoded decodeV3(byte[] body) {
        ObjectNode params = json.createObjectNode();
        if (body != null && !new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            JsonNode node;
            try {
                node = json.readTree(body);
            } catch (java.io.IOException unreadable) {
                throw RestError.invalidJson();
            }
            if (node != null && node.isObject()) {
                params = (ObjectNode) node;
            } else if (node == null || !node.isArray() || !node.isEmpty()) {
                throw RestError.invalidJson(); // [] is the "no parameters" of PHP clients, as on REST 2 (D7)
            }
        }
        JsonNode auth = params.remove("auth");
        return new Decoded(params, auth != null && auth.isTextual() ? auth.asText() : null, List.of());
    }

    private static List<PhpForm.Pair> split(String raw, String where, List<String> warnings) {
        return report(PhpForm.splitCounting(raw), where, warnings);
    }

    private static List<PhpForm.Pair> report(PhpForm.Split split, String where, List<String> warnings) {
        if (split.dropped() > 0) {
            warnings.add(droppedWarning(where, split.dropped()));
        }
        renamed(split.pairs(), warnings);
        return split.pairs();
    }

    /** Names PHP reads otherwise than written ("USER.ID" as USER_ID), each reported once: the documented name is the latter. */
    private static void renamed(List<PhpForm.Pair> pairs, List<String> warnings) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (PhpForm.Pair pair : pairs) {
            String name = pair.name();
            int open = name.indexOf('[');
            String written = open < 0 ? name : name.substring(0, open);
            String read = PhpForm.topName(name);
            if (!read.isEmpty() && !read.equals(written) && seen.add(written) && seen.size() <= 50) {
                warnings.add("The form name \"" + written + "\" was read as " + read + ", as PHP reads a form's names"
                        + " (a space or '.' made '_'): the documented name is the latter");
            }
        }
    }

    private static List<PhpForm.Pair> limited(List<PhpForm.Pair> fields, List<String> warnings) {
        List<PhpForm.Pair> kept = fields;
        if (fields.size() > PhpForm.MAX_INPUT_VARS) {
            warnings.add(droppedWarning("body", fields.size() - PhpForm.MAX_INPUT_VARS));
            kept = fields.subList(0, PhpForm.MAX_INPUT_VARS);
        }
        renamed(kept, warnings);
        return kept;
    }

    private static String droppedWarning(String where, int dropped) {
        return "Input variables exceeded " + PhpForm.MAX_INPUT_VARS + " in the " + where + ": " + dropped
                + " were dropped, as PHP's max_input_vars drops them";
    }

    /**
     * A JSON body as PHP's json_decode(..., true) reads it: an object is the parameters, a list is parameters named
     * 0, 1, ... ([] is no parameters, as PHP SDKs send it for calls without any), and a scalar or null gives none.
     */
    private ObjectNode parseJson(byte[] body, List<String> warnings) {
        PhpForm.requireUtf8(body);
        ByteBuffer trimmed = phpTrimmed(body);
        JsonNode node;
        try {
            // the server's mapper refuses text after the JSON (EmulatorServer)
            node = json.readTree(trimmed.array(), trimmed.position(), trimmed.remaining());
        } catch (JsonProcessingException e) {
            throw RestError.of("ERROR_ARGUMENT", MalformedJson.describe(e));
        } catch (java.io.IOException e) {
            throw RestError.of("ERROR_ARGUMENT", "Unreadable JSON body");
        }
        if (node == null || node.isMissingNode()) {
            return json.createObjectNode();
        }
        if (node.isObject()) {
            return (ObjectNode) node;
        }
        ObjectNode params = json.createObjectNode();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                params.set(Integer.toString(i), node.get(i));
            }
            return params;
        }
        String kind = node.isNull() ? "null" : "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        warnings.add("The JSON body is " + kind + ", not an object of parameters: the real server reads no parameters"
                + " from it");
        return params;
    }

    /**
     * The body as getRequestData reads a body PHP left out of $_POST: {@code trim()}med of PHP's six characters
     * (" \t\n\r\0\x0B"), no others (a NUL a C client sent after its JSON is read there, audit 60f).
     */
    private static ByteBuffer phpTrimmed(byte[] body) {
        int start = 0;
        int end = body.length;
        while (start < end && phpBlank(body[start])) {
            start++;
        }
        while (end > start && phpBlank(body[end - 1])) {
            end--;
        }
        return ByteBuffer.wrap(body, start, end - start);
    }

    private static boolean phpBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0 || b == 0x0b;
    }

    /** The query's parameters overridden by the body's; the body's own tree when the query had none (no copy). */
    private static ObjectNode withBody(ObjectNode query, ObjectNode body) {
        if (query.isEmpty()) {
            return body;
        }
        query.setAll(body);
        return query;
    }

    /** A type PHP parses as a form: the form encoding, text, or none given. */
    private static boolean isForm(String type) {
        return type.isEmpty() || type.startsWith("application/x-www-form-urlencoded") || type.startsWith("text/plain");
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
