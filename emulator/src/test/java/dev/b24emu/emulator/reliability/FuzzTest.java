package dev.b24emu.emulator.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.Bitrix24Emulator;
import dev.b24emu.emulator.EmulatorOptions;
import dev.b24emu.emulator.TestPortal;
import dev.b24emu.emulator.internal.transport.FormCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated and mutated requests against every served method in every encoding: whatever arrives, the answer is a
 * Bitrix24 envelope with a 2xx or 4xx status, never a 5xx, a stack trace or a hang, and the portal keeps working.
 * Cases come from a seeded generator: a failure names its case and seed, and {@code -Dfuzz.seed=N} replays the run
 * ({@code -Dfuzz.cases=N} runs more, {@code -Dfuzz.perFamily=N} runs N cases for each method family (telephony,
 * voximplant, crm, user, ...), {@code -Dfuzz.seed=random} explores new cases).
 */
class FuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(FuzzTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> ENCODINGS = List.of("json", "form", "query", "raw-json", "raw-form", "multipart");
    private static final List<String> KEYS = List.of("USER_ID", "USER_PHONE_INNER", "PHONE_NUMBER", "TYPE", "CALL_ID",
            "CALL_START_DATE", "CRM_CREATE", "CRM_ENTITY_TYPE", "CRM_ENTITY_ID", "SHOW", "DURATION", "STATUS_CODE",
            "fields", "id", "filter", "order", "select", "start", "cmd", "halt", "event", "handler", "PLACEMENT",
            "HANDLER", "NUMBER", "MESSAGES", "FILENAME", "FILE_CONTENT", "RECORD_URL", "values", "type", "ENTITIES", "0");
    private static final List<String> RAW = List.of("{", "{\"a\":", "[[[[[[", "{\"USER_ID\":1e999999}", "\u0000\u0001",
            "%ZZ=%", "a[[[[=1", "{\"a\":" + "[".repeat(5000) + "}", "PHONE_NUMBER=%C3%28&TYPE[][][]=x", "0=a", "[]",
            "null", "42", "\"x\"", "{\"ID\":1e999}", "{\"VOTE\":1e308}");

    private static final String PUNCTUATION = "[]%&=+#*;,./\\\"'";

    private static Bitrix24Emulator emulator;
    private static TestPortal portal;
    private static List<String> methods;

    @BeforeAll
    static void start() {
        emulator = Bitrix24Emulator.start(EmulatorOptions.defaults());
        portal = emulator.controls().newPortal();
        methods = new ArrayList<>();
        JsonNode served;
        try {
            served = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/_emulator/methods"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        served.forEach(m -> methods.add(m.get("method").asText()));
        methods.add("no.such.method");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    /** A request: method, parameter tree, encoding, and raw mutated bytes used by the raw encodings. */
    record Fuzz(int index, String method, JsonNode params, String encoding, byte[] raw) {
        @Override
        public String toString() {
            return "case " + index + ": " + method + " as " + encoding + " " + (encoding.startsWith("raw")
                    ? new String(raw, StandardCharsets.UTF_8) : params.toString());
        }
    }

    @Test
    void noInputBreaksTheServerAndThePortalStillWorksAfterwards() throws Exception {
        long seed = dev.b24emu.emulator.support.FuzzSeed.get();
        int perFamily = Integer.getInteger("fuzz.perFamily", 0);
        java.util.Map<String, List<String>> byFamily = new java.util.TreeMap<>();
        methods.forEach(m -> byFamily.computeIfAbsent(family(m), f -> new ArrayList<>()).add(m));
        List<String> order = new ArrayList<>();
        if (perFamily > 0) {
            byFamily.keySet().forEach(f -> order.addAll(java.util.Collections.nCopies(perFamily, f)));
        }
        int cases = perFamily > 0 ? order.size() : Integer.getInteger("fuzz.cases", 1000);
        LOG.info("Fuzzing {} cases with -Dfuzz.seed={}", cases, seed);
        Random random = new Random(seed);
        java.util.Map<String, Integer> families = new java.util.TreeMap<>();
        long started = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            String method = perFamily > 0 ? pick(random, byFamily.get(order.get(i))) : pick(random, methods);
            Fuzz fuzz = new Fuzz(i, method, object(random, 3), pick(random, ENCODINGS), raw(random));
            families.merge(family(fuzz.method()), 1, Integer::sum);
            HttpResponse<String> response = send(fuzz);
            String where = fuzz + " (replay with -Dfuzz.seed=" + seed + ")";
            assertTrue(response.statusCode() < 500, () -> "HTTP " + response.statusCode() + " for " + where + ": "
                    + response.body());
            JsonNode body = JSON.readTree(response.body());
            assertTrue(body.has("result") || body.has("error"), () -> "not an envelope for " + where + ": " + response.body());
            assertTrue(!response.body().contains("Exception") && !response.body().contains("\tat "),
                    () -> "a stack trace leaked for " + where + ": " + response.body());
        }
        System.out.printf("Fuzzed %d cases (seed %d) in %.0f s, no 5xx, no hang, every answer an envelope; by method"
                + " family: %s%n", cases, seed, (System.nanoTime() - started) / 1e9, families);
        ObjectNode register = JSON.createObjectNode().put("USER_ID", 2).put("PHONE_NUMBER", "+79990000001").put("TYPE", 2);
        HttpResponse<String> registered = post("telephony.externalcall.register", "application/json", register.toString().getBytes());
        assertEquals(200, registered.statusCode(), registered.body());
        String callId = JSON.readTree(registered.body()).at("/result/CALL_ID").asText();
        ObjectNode finish = JSON.createObjectNode().put("CALL_ID", callId).put("USER_ID", 2);
        assertEquals(200, post("telephony.externalcall.finish", "application/json", finish.toString().getBytes()).statusCode());
        HttpResponse<String> state = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/_emulator/portals/"
                + portal.id() + "/state")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, state.statusCode(), "the state still exports");
    }

    /** A method's family: what its name starts with (telephony, voximplant, crm, user, placement, ...). */
    private static String family(String method) {
        return method.split("\\.")[0].toLowerCase(java.util.Locale.ROOT);
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static byte[] raw(Random random) {
        if (random.nextBoolean()) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            return bytes;
        }
        return pick(random, RAW).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode object(Random random, int depth) {
        ObjectNode node = NODES.objectNode();
        for (int i = random.nextInt(7); i > 0; i--) {
            node.set(random.nextInt(4) == 0 ? text(random, 12) : pick(random, KEYS), value(random, depth - 1));
        }
        return node;
    }

    private static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth <= 0 ? 7 : 9);
        return switch (kind) {
            case 0 -> NODES.textNode(text(random, 40));
            case 1 -> NODES.textNode(Long.toString(Math.abs(random.nextLong())));
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(finite(Double.longBitsToDouble(random.nextLong())));
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.nullNode();
            case 6 -> NODES.textNode(random.nextInt(20) == 0 ? "x".repeat(5000) : "");
            case 7 -> object(random, depth);
            default -> {
                var array = NODES.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(value(random, depth - 1));
                }
                yield array;
            }
        };
    }

    /** JSON has no NaN or infinity: those become the largest finite double. */
    private static double finite(double value) {
        return Double.isFinite(value) ? value : Double.MAX_VALUE;
    }

    /** Text of any code points: letters, digits, brackets, percent signs, control characters, astral planes. */
    private static String text(Random random, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            int kind = random.nextInt(5);
            text.appendCodePoint(switch (kind) {
                case 0 -> '0' + random.nextInt(10);
                case 1 -> 'A' + random.nextInt(26);
                case 2 -> PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
                case 3 -> random.nextInt(0x20);
                default -> 0x80 + random.nextInt(0x10FFFF - 0x80);
            });
        }
        return text.toString().replaceAll("[\\uD800-\\uDFFF]", "?");
    }

    private static HttpResponse<String> send(Fuzz fuzz) throws Exception {
        return switch (fuzz.encoding()) {
            case "json" -> post(fuzz.method(), "application/json", fuzz.params().toString().getBytes(StandardCharsets.UTF_8));
            case "form" -> post(fuzz.method(), "application/x-www-form-urlencoded", form(fuzz.params()).getBytes(StandardCharsets.UTF_8));
            case "raw-json" -> post(fuzz.method(), "application/json", fuzz.raw());
            case "raw-form" -> post(fuzz.method(), "application/x-www-form-urlencoded", fuzz.raw());
            case "multipart" -> post(fuzz.method(), "multipart/form-data; boundary=XyZ",
                    ("--XyZ\r\nContent-Disposition: form-data; name=\"PHONE_NUMBER\"\r\n\r\n" + form(fuzz.params())
                            + "\r\n--XyZ--\r\n").getBytes(StandardCharsets.UTF_8));
            default -> HTTP.send(HttpRequest.newBuilder(URI.create(portal.webhookUrl() + path(fuzz.method())
                            + "?" + form(fuzz.params()))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        };
    }

    private static HttpResponse<String> post(String method, String type, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(portal.webhookUrl() + path(method)))
                .header("Content-Type", type).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String path(String method) {
        return URLEncoder.encode(method, StandardCharsets.UTF_8).replace("%2E", ".");
    }

    /** http_build_query of a tree, truncated so a GET line stays within the server's limit. */
    private static String form(JsonNode tree) {
        String encoded = FormCodec.encode(tree);
        return encoded.length() > 200_000 ? encoded.substring(0, 200_000) : encoded;
    }
}
